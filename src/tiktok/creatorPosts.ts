import { bool, first, flag, isObject, text, type JsonObject } from './json';
import { hasMore, listOf } from './page';
import { postTime } from './post';

// A page of a creator's posts, as DumplingAI forwards it: TikTok's app JSON (`aweme_list`) or
// its web JSON (`itemList`), in the profile's order. TikTok puts up to three pinned posts first, however old. The documented
// example shows no pin flag; TikTok's app JSON marks them `is_top` and its web JSON
// `isPinnedItem`, so a flag is read when present and the order tells the rest.

/** TikTok shows at most three pinned posts on a profile. */
const MAX_PINNED = 3;

export interface PagePost {
  post: JsonObject;
  pinned: boolean;
}

const markPinned = (posts: JsonObject[]): PagePost[] => {
  const times = posts.map(postTime);
  const flags = posts.map((post) => first(flag(post.is_top), bool(post.isPinnedItem)));
  const pinned: boolean[] = [];
  for (const [index, time] of times.entries()) {
    const flagged = flags[index];
    const leading = index < MAX_PINNED && pinned.every(Boolean);
    const newerLater =
      time !== null && times.slice(index + 1).some((later) => later !== null && later > time);
    pinned.push(flagged ?? (leading && newerLater));
  }
  return posts.map((post, index) => ({ post, pinned: pinned[index] === true }));
};

/**
 * Whether a pinned post came back into the page only by being pinned: it is older than every
 * other post of a page that is not the creator's whole history (`has_more`, 1 or 0 in the app
 * JSON, `hasMore` in the web JSON). A new post is newer than the posts before it, so it cannot be
 * one; an old post pinned after Zapier's baseline would otherwise start the Zap as if new. Where
 * the answer does not say whether more posts exist, every post is kept: a repeat is better than
 * a post the Zap never sees.
 */
const pinnedFromBeyond = (page: JsonObject, posts: PagePost[]): ((post: PagePost) => boolean) => {
  const unpinnedTimes = posts
    .filter(({ pinned }) => !pinned)
    .map(({ post }) => postTime(post))
    .filter((time): time is number => time !== null);
  if (!hasMore(page) || unpinnedTimes.length === 0) return () => false;
  const oldest = Math.min(...unpinnedTimes);
  return ({ post, pinned }) => {
    const time = postTime(post);
    return pinned && time !== null && time < oldest;
  };
};

/**
 * The posts of a page, each marked pinned or not, without the old posts that pinning brought
 * back. Without a flag, a post counts as pinned when it leads the page (within TikTok's three)
 * and a later post is newer: a profile is otherwise newest first. The whole list is read (the
 * answer's size is capped where it is received); the trigger cuts it after sorting.
 */
export const postsOnPage = (page: JsonObject): PagePost[] => {
  const posts = markPinned(listOf(page, 'posts').filter(isObject));
  const fromBeyond = pinnedFromBeyond(page, posts);
  return posts.filter((post) => !fromBeyond(post));
};

/**
 * What to send back as `maxCursor` for the page after this one: the app JSON's `max_cursor` or
 * the web JSON's `cursor`, as text (DumplingAI takes it as text). Null when the page gives none;
 * TikTok's 0 is none.
 */
export const nextCursorOf = (page: JsonObject): string | null => {
  const cursor = first(text(page.max_cursor), text(page.cursor));
  return cursor === '0' ? null : cursor;
};
