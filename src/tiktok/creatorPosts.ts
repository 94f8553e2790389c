import { bool, first, flag, num, objectsAt, type JsonObject } from './json';

// A page of a creator's posts, as DumplingAI forwards it: TikTok's app JSON, `aweme_list` in
// the profile's order. TikTok puts up to three pinned posts first, however old. The documented
// example shows no pin flag; TikTok's app JSON marks them `is_top` and its web JSON
// `isPinnedItem`, so a flag is read when present and the order tells the rest.

/** TikTok shows at most three pinned posts on a profile. */
const MAX_PINNED = 3;

export interface PagePost {
  post: JsonObject;
  pinned: boolean;
}

const createTimeOf = (post: JsonObject): number | null => first(num(post.create_time), num(post.createTime));

/**
 * The posts of a page, each marked pinned or not. Without a flag, a post counts as pinned when
 * it leads the page (within TikTok's three) and a later post is newer: a profile is otherwise
 * newest first.
 */
export const postsOnPage = (page: JsonObject): PagePost[] => {
  const posts = objectsAt(page.aweme_list ?? page.itemList);
  const times = posts.map(createTimeOf);
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
