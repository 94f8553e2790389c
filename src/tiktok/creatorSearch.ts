import { bool, first, num, objectAt, objectsAt, text, type JsonObject } from './json';
import { normaliseProfile, type TikTokProfile } from './profile';

// A page of DumplingAI's creator search: `userList` of TikTok's web `{user, stats}`, best match
// first, with `cursor` (a number) and `hasMore` (a boolean) for the next page. Each match is read
// by the profile normaliser, so a creator found here has the keys and meanings of a profile.
// Real answers name some matches only by `user.search_user_name` (seen in public workflows; the
// documented example has `uniqueId`), so that is the username when `uniqueId` is absent.

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

/** Reads a page of the creator search. A match without a user is no creator, so it is left out. */
export const searchPage = (page: JsonObject): SearchPage => ({
  creators: objectsAt(page.userList)
    .filter((item) => Object.keys(objectAt(item.user)).length > 0)
    .map(creatorOf),
  cursor: num(page.cursor),
  hasMore: bool(page.hasMore) === true,
});
