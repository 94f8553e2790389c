import {
  address,
  bool,
  createdAt,
  first,
  flag,
  isoOf,
  isObject,
  num,
  objectAt,
  text,
  type JsonObject,
} from './json';

// A creator's profile as DumplingAI forwards it: TikTok's web `{user, stats}` (the documented
// example stops inside `user`; real answers carry `stats` beside it, with the total likes as
// `heartCount` or the older `heart`), sometimes with exact counts as text in `statsV2`, or
// wrapped in `userInfo`. TikTok's app JSON names the counts in snake_case on the user itself.
// Every field is read defensively: counts are numbers or null, never invented zeros.

// A type alias (not an interface), so a flat profile can be a step's sample.
export type TikTokProfile = {
  id: string | null;
  uniqueId: string | null;
  nickname: string | null;
  signature: string | null;
  bioLink: string | null;
  verified: boolean | null;
  privateAccount: boolean | null;
  secUid: string | null;
  createTime: number | null;
  createTimeISO: string | null;
  followerCount: number | null;
  followingCount: number | null;
  heartCount: number | null;
  videoCount: number | null;
  diggCount: number | null;
  friendCount: number | null;
  avatarUrl: string | null;
};

/**
 * Whether an account has TikTok's verified badge. The web JSON says so with `verified`; TikTok's
 * app user objects have no such boolean, only the badge's text: `custom_verify` ("Popular
 * creator") or `enterprise_verify_reason` ("verified account"), empty when there is no badge.
 * `alsoSaid` is another boolean the answer may carry for it (a post's `authorVerified`). Null
 * when the answer tells nothing of the badge.
 */
export const verifiedOf = (user: JsonObject, alsoSaid: unknown = null): boolean | null => {
  const badges = [user.custom_verify, user.enterprise_verify_reason].filter(
    (badge) => typeof badge === 'string',
  );
  const badge = badges.length === 0 ? null : badges.some((value) => text(value) !== null);
  return first(bool(user.verified), bool(alsoSaid), badge);
};

/** The profile inside an answer: `{user, stats}` itself, or TikTok's `userInfo` wrapper. */
export const profileIn = (data: unknown): JsonObject | null => {
  if (!isObject(data)) return null;
  const info = isObject(data.userInfo) ? data.userInfo : data;
  return isObject(info.user) ? info : null;
};

/** Reads a profile answer, whatever known shape it came in. Never throws. */
export const normaliseProfile = (raw: unknown): TikTokProfile => {
  const info = profileIn(raw) ?? {};
  const user = objectAt(info.user);
  const stats = objectAt(info.stats);
  // statsV2 holds exact counts as text where stats rounds them at high values.
  const statsV2 = objectAt(info.statsV2);
  const count = (web: string, app: string): number | null =>
    first(num(statsV2[web]), num(stats[web]), num(user[app]));
  const createTime = createdAt(user);
  return {
    id: first(text(user.id), text(user.uid)),
    uniqueId: first(text(user.uniqueId), text(user.unique_id)),
    nickname: text(user.nickname),
    signature: text(user.signature),
    bioLink: first(address(objectAt(user.bioLink).link), address(user.bio_url)),
    verified: verifiedOf(user),
    privateAccount: first(bool(user.privateAccount), flag(user.secret)),
    secUid: first(text(user.secUid), text(user.sec_uid)),
    createTime,
    createTimeISO: isoOf(createTime),
    followerCount: count('followerCount', 'follower_count'),
    followingCount: count('followingCount', 'following_count'),
    // The exact text counts first, under either name, then the rounded ones.
    heartCount: first(
      num(statsV2.heartCount),
      num(statsV2.heart),
      num(stats.heartCount),
      num(stats.heart),
      num(user.total_favorited),
    ),
    videoCount: count('videoCount', 'aweme_count'),
    diggCount: count('diggCount', 'favoriting_count'),
    friendCount: count('friendCount', 'friend_count'),
    avatarUrl: first(
      address(user.avatarLarger),
      address(user.avatarMedium),
      address(user.avatarThumb),
      address(user.avatar_larger),
      address(user.avatar_thumb),
    ),
  };
};
