// DumplingAI forwards TikTok's own JSON, which comes in several shapes: the documented example,
// TikTok's 2025 web item (`itemStruct`: numbers as strings, exact counts in `statsV2`, photo
// posts in `imagePost`), older web pages (`author` as the handle, author fields at the top
// level) and TikTok's app JSON (snake_case, durations in milliseconds, media in `url_list`s).
// This module reads any of them, once, into one typed post; nothing after it looks at the raw
// answer.

import {
  address,
  bool,
  createdAt,
  first,
  flag,
  isObject,
  isoOf,
  num,
  objectAt,
  objectsAt,
  text,
  type JsonObject,
} from './json';
import { verifiedOf } from './profile';

export interface PostImage {
  url: string | null;
  width: number | null;
  height: number | null;
}

export interface PostChallenge {
  id: string | null;
  title: string | null;
  desc: string | null;
  coverThumb: string | null;
}

export interface PostTextExtra {
  hashtagName: string | null;
  hashtagId: string | null;
  userUniqueId: string | null;
  start: number | null;
  end: number | null;
}

export interface TikTokPost {
  id: string | null;
  desc: string | null;
  createTime: number | null;
  createTimeISO: string | null;
  author: {
    id: string | null;
    uniqueId: string | null;
    nickname: string | null;
    avatarThumb: string | null;
    signature: string | null;
    verified: boolean | null;
    privateAccount: boolean | null;
    followerCount: number | null;
    followingCount: number | null;
    heartCount: number | null;
    videoCount: number | null;
  };
  stats: {
    likes: number | null;
    shares: number | null;
    comments: number | null;
    views: number | null;
    saves: number | null;
    reposts: number | null;
  };
  music: {
    id: string | null;
    title: string | null;
    playUrl: string | null;
    authorName: string | null;
    original: boolean | null;
    duration: number | null;
  };
  video: {
    id: string | null;
    height: number | null;
    width: number | null;
    /** Seconds; null for a photo post, which has no video. */
    duration: number | null;
    ratio: string | null;
    cover: string | null;
    downloadAddr: string | null;
    playAddr: string | null;
    format: string | null;
    bitrate: number | null;
  };
  /** The images of a photo (slideshow) post; null for a video. */
  images: PostImage[] | null;
  photoTitle: string | null;
  challenges: PostChallenge[];
  textExtra: PostTextExtra[];
  duetEnabled: boolean | null;
  stitchEnabled: boolean | null;
  shareEnabled: boolean | null;
  locationCreated: string | null;
  textLanguage: string | null;
  isAd: boolean | null;
  isAiGenerated: boolean | null;
}

// 2014-01-01 to 2100-01-01: the times a TikTok post can have, as a check on a derived time.
const EARLIEST_POST = 1_388_534_400;
const LATEST_POST = 4_102_444_800;

/** TikTok post ids carry their creation second in their top 32 bits. */
const createTimeFromId = (id: string | null): number | null => {
  if (id === null || !/^\d{15,25}$/.test(id)) return null;
  const seconds = Number(BigInt(id) >> 32n);
  return seconds >= EARLIEST_POST && seconds < LATEST_POST ? seconds : null;
};

const isoSeconds = (iso: string | null): number | null => {
  const ms = iso === null ? Number.NaN : Date.parse(iso);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
};

// TikTok fills absent sizes, lengths and rates with 0 (a photo post's video block is all 0s);
// no real one is 0.
const positive = (value: number | null): number | null => (value !== null && value > 0 ? value : null);

const challengeOf = (entry: JsonObject): PostChallenge => ({
  id: text(entry.id ?? entry.cid),
  title: text(entry.title ?? entry.cha_name),
  desc: text(entry.desc),
  coverThumb: address(entry.coverThumb ?? entry.cover_item ?? entry.cover_thumb),
});

const textExtraOf = (entry: JsonObject): PostTextExtra => ({
  hashtagName: text(entry.hashtagName ?? entry.hashtag_name),
  hashtagId: text(entry.hashtagId ?? entry.hashtag_id),
  userUniqueId: text(entry.userUniqueId ?? entry.user_unique_id ?? entry.unique_id),
  start: num(entry.start),
  end: num(entry.end),
});

const imageOf = (entry: JsonObject): PostImage => {
  const web = objectAt(entry.imageURL);
  const app = objectAt(entry.display_image);
  return {
    url: first(address(web), address(app)),
    width: first(num(entry.imageWidth), num(app.width)),
    height: first(num(entry.imageHeight), num(app.height)),
  };
};

/** A post's id, under any of TikTok's names for it. */
const postIdOf = (post: JsonObject): string | null =>
  first(text(post.id_str), text(post.id), text(post.aweme_id));

/**
 * When a post was made, in seconds: the time TikTok sent (0 or less is none), else its ISO date,
 * else the time its id carries. The trigger sorts and judges pinned posts by this same time.
 */
export const postTime = (post: JsonObject): number | null =>
  first(createdAt(post), isoSeconds(text(post.createTimeISO)), createTimeFromId(postIdOf(post)));

/** Reads DumplingAI's answer, whatever known shape it came in, into one post. Never throws. */
export const normalisePost = (raw: unknown): TikTokPost => {
  const source = objectAt(raw);
  // TikTok's app JSON names everything in snake_case, and gives durations in milliseconds.
  const app = 'aweme_id' in source || 'statistics' in source;
  const authorObject = objectAt(source.author);
  const authorStats = objectAt(source.authorStats);
  const authorStatsV2 = objectAt(source.authorStatsV2);
  const stats = objectAt(source.stats);
  const statsV2 = objectAt(source.statsV2);
  const statistics = objectAt(source.statistics);
  const music = objectAt(source.music);
  const video = objectAt(source.video);
  const videoControl = objectAt(source.video_control);
  const imagePost = isObject(source.imagePost) ? source.imagePost : null;
  const appImages = isObject(source.image_post_info) ? source.image_post_info : null;
  const photo = imagePost ?? appImages;

  const id = postIdOf(source);
  const createTime = postTime(source);
  // statsV2 holds the exact counts as text; stats rounds them at high values (9400000).
  const count = (web: string, snake: string): number | null =>
    first(num(statsV2[web]), num(stats[web]), num(statistics[snake]));
  // authorStatsV2 is exact likewise, where authorStats rounds (1830000 for 1831942).
  const authorCount = (web: string, snake: string): number | null =>
    first(num(authorStatsV2[web]), num(authorStats[web]), num(authorObject[snake]));
  const duration = positive(num(video.duration));
  const photoCover =
    photo === null
      ? null
      : first(
          address(objectAt(photo.cover).imageURL),
          address(objectAt(objectAt(photo.image_post_cover).display_image)),
        );

  return {
    id,
    desc: text(source.desc),
    createTime,
    createTimeISO: text(source.createTimeISO) ?? isoOf(createTime),
    author: {
      id: first(
        text(authorObject.id_str),
        text(authorObject.id),
        text(authorObject.uid),
        text(source.authorId),
      ),
      uniqueId: first(text(authorObject.uniqueId), text(authorObject.unique_id), text(source.author)),
      nickname: first(text(authorObject.nickname), text(source.nickname)),
      avatarThumb: first(
        address(authorObject.avatarThumb),
        address(authorObject.avatar_thumb),
        address(source.avatarThumb),
      ),
      signature: text(authorObject.signature),
      verified: verifiedOf(authorObject, source.authorVerified),
      privateAccount: first(
        bool(authorObject.privateAccount),
        bool(source.authorPrivate),
        flag(authorObject.secret),
      ),
      followerCount: authorCount('followerCount', 'follower_count'),
      followingCount: authorCount('followingCount', 'following_count'),
      heartCount: first(authorCount('heartCount', 'total_favorited'), num(authorStats.heart)),
      videoCount: authorCount('videoCount', 'aweme_count'),
    },
    stats: {
      likes: count('diggCount', 'digg_count'),
      shares: count('shareCount', 'share_count'),
      comments: count('commentCount', 'comment_count'),
      views: count('playCount', 'play_count'),
      saves: count('collectCount', 'collect_count'),
      reposts: count('repostCount', 'repost_count'),
    },
    music: {
      id: first(text(music.id_str), text(music.id)),
      title: text(music.title),
      playUrl: first(address(music.playUrl), address(music.play_url)),
      authorName: first(text(music.authorName), text(music.author)),
      original: first(bool(music.original), bool(music.is_original_sound), bool(music.is_original)),
      duration: positive(num(music.duration)),
    },
    video: {
      id: first(text(video.id), text(objectAt(video.play_addr).uri)),
      height: positive(num(video.height)),
      width: positive(num(video.width)),
      duration: photo !== null || duration === null ? null : app ? duration / 1000 : duration,
      ratio: text(video.ratio),
      cover: first(address(video.cover), photoCover),
      downloadAddr: photo === null ? first(address(video.downloadAddr), address(video.download_addr)) : null,
      playAddr: photo === null ? first(address(video.playAddr), address(video.play_addr)) : null,
      format: text(video.format),
      bitrate: positive(first(num(video.bitrate), num(objectAt(objectsAt(video.bit_rate)[0]).bit_rate))),
    },
    images: photo === null ? null : objectsAt(photo.images).map(imageOf),
    photoTitle: photo === null ? null : text(photo.title),
    challenges: objectsAt(source.challenges ?? source.cha_list).map(challengeOf),
    textExtra: objectsAt(source.textExtra ?? source.text_extra).map(textExtraOf),
    duetEnabled: first(bool(source.duetEnabled), bool(videoControl.allow_duet)),
    stitchEnabled: first(bool(source.stitchEnabled), bool(videoControl.allow_stitch)),
    shareEnabled: bool(source.shareEnabled),
    locationCreated: first(text(source.locationCreated), text(source.region)),
    textLanguage: first(text(source.textLanguage), text(source.desc_language)),
    isAd: first(bool(source.isAd), bool(source.is_ads)),
    isAiGenerated: first(bool(source.IsAigc), bool(objectAt(source.aigc_info).created_by_ai)),
  };
};

/** The post inside an answer: the object itself, or TikTok's own wrappers around it. */
export const postIn = (data: unknown): JsonObject | null => {
  if (!isObject(data)) return null;
  const wrapped = objectAt(data.itemInfo).itemStruct ?? data.itemStruct ?? data.aweme_detail;
  return isObject(wrapped) ? wrapped : data;
};
