import { first, isObject, objectAt, objectsAt, text, type JsonObject } from './json';
import { cursorOf, hasMore } from './page';
import { normaliseProfile, type TikTokProfile } from './profile';

// A page of DumplingAI's creator search, best match first, with `cursor` (a number) and
// `hasMore` for the next page. The documented answer is `userList` of TikTok's web
// `{user, stats}`; TikTok's own search body, which DumplingAI may pass through, is `user_list` of
// `{user_info}` (snake_case, counts on the user itself) with `has_more`, or search cards in `data`
// of which a user card holds such a `user_list`. Each match is read by the profile normaliser, so
// a creator found here has the keys and meanings of a profile. Real answers name some matches
// only by `user.search_user_name` (seen in public workflows; the documented example has
// `uniqueId`), so that is the username when `uniqueId` is absent.

export interface SearchPage {
  creators: TikTokProfile[];
  /** What to send back for the next page; null when the answer gave none. */
  cursor: number | null;
  hasMore: boolean;
}

/** One match of the search, as a profile. */
export const creatorOf = (item: JsonObject): TikTokProfile => {
  const profile = normaliseProfile(item);
  return { ...profile, uniqueId: first(profile.uniqueId, text(objectAt(item.user).search_user_name)) };
};

/** A match of TikTok's own body, `{user_info}`, in the `{user, stats}` shape the profile reads. */
const asWebMatch = (match: JsonObject): JsonObject =>
  isObject(match.user_info) ? { ...match, user: match.user_info } : match;

/** Every match of a page, in its order: the documented list, then TikTok's own. */
const matchesOf = (page: JsonObject): JsonObject[] => [
  ...objectsAt(page.userList),
  ...[page, ...objectsAt(page.data)].flatMap((card) => objectsAt(card.user_list)).map(asWebMatch),
];

/** Reads a page of the creator search. A match without a user is no creator, so it is left out. */
export const searchPage = (page: JsonObject): SearchPage => ({
  creators: matchesOf(page)
    .filter((item) => Object.keys(objectAt(item.user)).length > 0)
    .map(creatorOf),
  cursor: cursorOf(page),
  hasMore: hasMore(page),
});
