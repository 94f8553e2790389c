import { durationText, engagementRate, mentionsOf, profileUrl } from '../tiktok/figures';
import {
  normalisePost,
  type PostChallenge,
  type PostImage,
  type PostTextExtra,
  type TikTokPost,
} from '../tiktok/post';

// A type alias (not an interface) so it can be a step's sample, which Zapier types as a record.
export type FlatTikTokVideo = {
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
  authorFollowerCount: number | null;
  authorFollowingCount: number | null;
  authorHeartCount: number | null;
  authorVideoCount: number | null;
  statsDiggCount: number | null;
  statsShareCount: number | null;
  statsCommentCount: number | null;
  statsPlayCount: number | null;
  statsCollectCount: number | null;
  statsRepostCount: number | null;
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
  isPhotoPost: boolean;
  imageCount: number;
  photoTitle: string | null;
  locationCreated: string | null;
  textLanguage: string | null;
  isAd: boolean | null;
  isAiGenerated: boolean | null;
  challenges: PostChallenge[];
  textExtra: PostTextExtra[];
  images: PostImage[];
};

// A hashtag as TikTok links it in a description: `#` then letters, digits and `_` in any script.
const HASHTAG = /#([\p{L}\p{N}\p{M}_]+)/gu;

/**
 * Hashtag names from the description's entities, then the challenges; no `#`, no repeats. An
 * answer without either (a creator's page often has none) gives the tags written in the
 * description itself.
 */
const hashtagsOf = (
  textExtra: PostTextExtra[],
  challenges: PostChallenge[],
  desc: string | null,
): string | null => {
  const seen = new Map<string, string>();
  const given = [...textExtra.map((entry) => entry.hashtagName), ...challenges.map((entry) => entry.title)];
  const named = given.filter((name): name is string => name !== null);
  const names =
    named.length > 0 ? named : [...(desc ?? '').matchAll(HASHTAG)].map(([, tag]) => tag as string);
  for (const name of names) {
    const tag = name.trim().replace(/^#+/, '');
    // TikTok treats hashtags case-insensitively, so #Food and #food are one tag.
    if (tag !== '' && !seen.has(tag.toLowerCase())) seen.set(tag.toLowerCase(), tag);
  }
  return seen.size > 0 ? [...seen.values()].join(', ') : null;
};

// TikTok's own address for a post; it serves photo posts at their `/video/` address too.
const canonicalUrl = (authorUniqueId: string | null, id: string | null): string | null =>
  authorUniqueId && id ? `https://www.tiktok.com/@${authorUniqueId}/video/${id}` : null;

/**
 * The post as flat keys that Zapier users can map one by one. Every key is always present (null
 * when DumplingAI sent nothing), and no other: a field TikTok adds reaches Zaps only once it is
 * read here and labelled.
 */
const flattenPost = (post: TikTokPost): FlatTikTokVideo => {
  const { author, stats, music, video } = post;
  return {
    id: post.id,
    url: canonicalUrl(author.uniqueId, post.id),
    desc: post.desc,
    createTime: post.createTime,
    createTimeISO: post.createTimeISO,
    hashtags: hashtagsOf(post.textExtra, post.challenges, post.desc),
    authorId: author.id,
    authorUniqueId: author.uniqueId,
    authorNickname: author.nickname,
    authorAvatarThumb: author.avatarThumb,
    authorSignature: author.signature,
    authorVerified: author.verified,
    authorPrivateAccount: author.privateAccount,
    authorProfileUrl: profileUrl(author.uniqueId),
    authorFollowerCount: author.followerCount,
    authorFollowingCount: author.followingCount,
    authorHeartCount: author.heartCount,
    authorVideoCount: author.videoCount,
    statsDiggCount: stats.likes,
    statsShareCount: stats.shares,
    statsCommentCount: stats.comments,
    statsPlayCount: stats.views,
    statsCollectCount: stats.saves,
    statsRepostCount: stats.reposts,
    engagementRate: engagementRate(stats),
    musicId: music.id,
    musicTitle: music.title,
    musicPlayUrl: music.playUrl,
    musicAuthorName: music.authorName,
    musicOriginal: music.original,
    musicDuration: music.duration,
    videoId: video.id,
    videoHeight: video.height,
    videoWidth: video.width,
    videoDuration: video.duration,
    videoRatio: video.ratio,
    videoCover: video.cover,
    videoDownloadAddr: video.downloadAddr,
    videoPlayAddr: video.playAddr,
    videoFormat: video.format,
    videoBitrate: video.bitrate,
    durationText: durationText(video.duration),
    mentions: mentionsOf(post.textExtra),
    duetEnabled: post.duetEnabled,
    stitchEnabled: post.stitchEnabled,
    shareEnabled: post.shareEnabled,
    isPhotoPost: post.images !== null,
    imageCount: post.images?.length ?? 0,
    photoTitle: post.photoTitle,
    locationCreated: post.locationCreated,
    textLanguage: post.textLanguage,
    isAd: post.isAd,
    isAiGenerated: post.isAiGenerated,
    challenges: post.challenges,
    textExtra: post.textExtra,
    images: post.images ?? [],
  };
};

/** DumplingAI's answer, in whatever shape it came, as the flat output. Never throws. */
export const flattenVideo = (raw: unknown): FlatTikTokVideo => flattenPost(normalisePost(raw));
