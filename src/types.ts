// The upstream answer as documented in get-tiktok-video.md. Everything is optional because the
// app must cope with whatever actually arrives; the flattening checks each value's type.
export interface UpstreamVideo {
  id?: string;
  height?: number;
  width?: number;
  duration?: number;
  ratio?: string;
  cover?: string;
  downloadAddr?: string;
  playAddr?: string;
  format?: string;
  bitrate?: number;
}

export interface UpstreamAuthor {
  id?: string;
  uniqueId?: string;
  nickname?: string;
  avatarThumb?: string;
  signature?: string;
  verified?: boolean;
  privateAccount?: boolean;
}

export interface UpstreamMusic {
  id?: string;
  title?: string;
  playUrl?: string;
  authorName?: string;
  original?: boolean;
  duration?: number;
}

export interface UpstreamStats {
  diggCount?: number;
  shareCount?: number;
  commentCount?: number;
  playCount?: number;
  collectCount?: number;
}

export interface UpstreamChallenge {
  id?: string;
  title?: string;
  desc?: string;
  coverThumb?: string;
}

export interface UpstreamTextExtra {
  hashtagName?: string;
  hashtagId?: string;
  userUniqueId?: string;
  start?: number;
  end?: number;
}

export interface UpstreamTikTokVideo {
  id: string;
  desc?: string;
  createTime?: number;
  createTimeISO?: string;
  video?: UpstreamVideo;
  author?: UpstreamAuthor;
  music?: UpstreamMusic;
  challenges?: UpstreamChallenge[];
  stats?: UpstreamStats;
  textExtra?: UpstreamTextExtra[];
  duetEnabled?: boolean;
  stitchEnabled?: boolean;
  shareEnabled?: boolean;
  [extra: string]: unknown;
}
