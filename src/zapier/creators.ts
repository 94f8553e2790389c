import type { TikTokProfile } from '../tiktok/profile';
import type { OutputField } from './outputFields';
import { flattenProfile, profileOutputFields, type FlatTikTokProfile } from './profile';

// A creator found by the search: the keys and meanings of Get TikTok Profile, so a Zap maps both
// the same way, and where DumplingAI ranked the match.

export type FlatTikTokCreator = FlatTikTokProfile & { rank: number };

/** A match as flat keys; `rank` is its place in DumplingAI's answer, 1 for the best match. */
export const flattenCreator = (profile: TikTokProfile, rank: number): FlatTikTokCreator => ({
  ...flattenProfile(profile),
  rank,
});

export const creatorOutputFields: OutputField[] = [
  { key: 'rank', label: 'Search Rank', type: 'number' },
  ...profileOutputFields,
];
