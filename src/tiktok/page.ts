import { first, flag, isObject, num, type JsonObject } from './json';

// A page of a list, as DumplingAI forwards it: TikTok's app JSON (`aweme_list`, `user_list`,
// `has_more` 1 or 0, `max_cursor`), its web JSON (`itemList`, `hasMore`, `cursor`) or
// DumplingAI's own documented paging (`userList`, `comments`, `hasMore`, `cursor`). Every
// endpoint's pages are checked and read here, so a shape learnt once serves every step.

/** Where each kind of page keeps its list, in every spelling the app reads. */
export const PAGE_LISTS = {
  posts: ['aweme_list', 'itemList'],
  // TikTok's general search sends its matches as cards in `data`, a user card holding `user_list`.
  creators: ['userList', 'user_list', 'data'],
  comments: ['comments'],
} as const;

export type PageKind = keyof typeof PAGE_LISTS;

// TikTok sends `null` for the list of an empty page, and its refusal (a private or removed
// account) as a status code with no list; these fields alone still make it a page.
const PAGE_FIELDS = ['has_more', 'hasMore', 'cursor', 'max_cursor', 'statusCode', 'status_code'];

/** Whether an answer is a page of this kind: its list, or no list and a paging or status field. */
export const isPage = (data: unknown, kind: PageKind): data is JsonObject => {
  if (!isObject(data)) return false;
  const lists = PAGE_LISTS[kind].map((name) => data[name]);
  return (
    lists.some((list) => Array.isArray(list)) ||
    (lists.every((list) => list == null) && PAGE_FIELDS.some((field) => field in data))
  );
};

/**
 * Whether a page says more follow: TikTok's app JSON sends `has_more` as 1 or 0, its web JSON and
 * DumplingAI's paging `hasMore` as a boolean, and either may come under the other's name. A page
 * that says neither is the last one.
 */
export const hasMore = (page: JsonObject): boolean => first(flag(page.hasMore), flag(page.has_more)) === true;

/** The page's list, under whichever of its names the answer used; empty when it has none. */
export const listOf = (page: JsonObject, kind: PageKind): unknown[] =>
  PAGE_LISTS[kind].map((name) => page[name]).find((list) => Array.isArray(list)) ?? [];

/**
 * What a numbered page (comments, the creator search) sends back for the next one: its `cursor`.
 * TikTok sends 0 on a last page; asking with it would fetch the first page again, so 0 or less
 * is none.
 */
export const cursorOf = (page: JsonObject): number | null => {
  const cursor = num(page.cursor);
  return cursor !== null && cursor > 0 ? cursor : null;
};
