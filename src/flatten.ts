import { durationText, engagementRate, mentionsOf, profileUrl } from './figures';

type JsonObject = Record<string, unknown>;

export interface FlatTikTokVideo {
  [passthrough: string]: unknown;
  id: string | null;
  url: string | null;
  desc: string | null;
  createTime: number | null;
  createTimeISO: string | null;
  hashtags: string | null;
  authorId: string | null;
  authorUniqueId: string | null;
  authorNickname: string | null;
  authorAvatarThumb: string | null;
  authorSignature: string | null;
  authorVerified: boolean | null;
  authorPrivateAccount: boolean | null;
  authorProfileUrl: string | null;
  statsDiggCount: number | null;
  statsShareCount: number | null;
  statsCommentCount: number | null;
  statsPlayCount: number | null;
  statsCollectCount: number | null;
  engagementRate: number | null;
  musicId: string | null;
  musicTitle: string | null;
  musicPlayUrl: string | null;
  musicAuthorName: string | null;
  musicOriginal: boolean | null;
  musicDuration: number | null;
  videoId: string | null;
  videoHeight: number | null;
  videoWidth: number | null;
  videoDuration: number | null;
  videoRatio: string | null;
  videoCover: string | null;
  videoDownloadAddr: string | null;
  videoPlayAddr: string | null;
  videoFormat: string | null;
  videoBitrate: number | null;
  durationText: string | null;
  mentions: string | null;
  duetEnabled: boolean | null;
  stitchEnabled: boolean | null;
  shareEnabled: boolean | null;
  challenges: JsonObject[];
  textExtra: JsonObject[];
}

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const objectAt = (value: unknown): JsonObject => (isObject(value) ? value : {});

const objectsAt = (value: unknown): JsonObject[] => (Array.isArray(value) ? value.filter(isObject) : []);

// Ids are strings in the API, but a large number would lose digits as a JSON number, so a
// number is kept as its text rather than dropped.
const text = (value: unknown): string | null =>
  typeof value === 'string'
    ? value
    : typeof value === 'number' && Number.isFinite(value)
      ? String(value)
      : null;

const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

const bool = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null);

const NESTED_KEYS = ['author', 'stats', 'music', 'video'] as const;

/** Hashtag names from the description's entities, then the challenges; no `#`, no repeats. */
export const hashtagsOf = (textExtra: JsonObject[], challenges: JsonObject[]): string | null => {
  const seen = new Map<string, string>();
  const names = [...textExtra.map((entry) => entry.hashtagName), ...challenges.map((entry) => entry.title)];
  for (const name of names) {
    if (typeof name !== 'string') continue;
    const tag = name.trim().replace(/^#+/, '');
    // TikTok treats hashtags case-insensitively, so #Food and #food are one tag.
    if (tag !== '' && !seen.has(tag.toLowerCase())) seen.set(tag.toLowerCase(), tag);
  }
  return seen.size > 0 ? [...seen.values()].join(', ') : null;
};

export const canonicalUrl = (authorUniqueId: string | null, id: string | null): string | null =>
  authorUniqueId && id ? `https://www.tiktok.com/@${authorUniqueId}/video/${id}` : null;

/**
 * Replaces the API's nested objects with flat keys that Zapier users can map one by one. Every
 * key is always present (null when the API sent nothing), and never throws, whatever the input.
 */
export const flattenVideo = (raw: unknown): FlatTikTokVideo => {
  const source = objectAt(raw);
  const passthrough = Object.fromEntries(
    Object.entries(source).filter(([key]) => !(NESTED_KEYS as readonly string[]).includes(key)),
  );

  const author = objectAt(source.author);
  const stats = objectAt(source.stats);
  const music = objectAt(source.music);
  const video = objectAt(source.video);
  const challenges = objectsAt(source.challenges);
  const textExtra = objectsAt(source.textExtra);
  const id = text(source.id);
  const authorUniqueId = text(author.uniqueId);
  const counts = {
    likes: num(stats.diggCount),
    shares: num(stats.shareCount),
    comments: num(stats.commentCount),
    views: num(stats.playCount),
    saves: num(stats.collectCount),
  };
  const videoDuration = num(video.duration);

  return {
    ...passthrough,
    id,
    url: canonicalUrl(authorUniqueId, id),
    desc: text(source.desc),
    createTime: num(source.createTime),
    createTimeISO: text(source.createTimeISO),
    hashtags: hashtagsOf(textExtra, challenges),
    authorId: text(author.id),
    authorUniqueId,
    authorNickname: text(author.nickname),
    authorAvatarThumb: text(author.avatarThumb),
    authorSignature: text(author.signature),
    authorVerified: bool(author.verified),
    authorPrivateAccount: bool(author.privateAccount),
    authorProfileUrl: profileUrl(authorUniqueId),
    statsDiggCount: counts.likes,
    statsShareCount: counts.shares,
    statsCommentCount: counts.comments,
    statsPlayCount: counts.views,
    statsCollectCount: counts.saves,
    engagementRate: engagementRate(counts),
    musicId: text(music.id),
    musicTitle: text(music.title),
    musicPlayUrl: text(music.playUrl),
    musicAuthorName: text(music.authorName),
    musicOriginal: bool(music.original),
    musicDuration: num(music.duration),
    videoId: text(video.id),
    videoHeight: num(video.height),
    videoWidth: num(video.width),
    videoDuration,
    videoRatio: text(video.ratio),
    videoCover: text(video.cover),
    videoDownloadAddr: text(video.downloadAddr),
    videoPlayAddr: text(video.playAddr),
    videoFormat: text(video.format),
    videoBitrate: num(video.bitrate),
    durationText: durationText(videoDuration),
    mentions: mentionsOf(textExtra),
    duetEnabled: bool(source.duetEnabled),
    stitchEnabled: bool(source.stitchEnabled),
    shareEnabled: bool(source.shareEnabled),
    challenges,
    textExtra,
  };
};
