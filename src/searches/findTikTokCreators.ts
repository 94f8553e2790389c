import {
  defineInputFields,
  defineSearch,
  type InferInputData,
  type SearchPerform,
} from 'zapier-platform-core';

import { fetchCreatorSearch } from '../dumplingai/client';
import { withPlainErrors } from '../dumplingai/errors';
import { clip } from '../dumplingai/messages';
import { filePointer } from '../hydrators/downloadMedia';
import { searchPage, type SearchPage } from '../tiktok/creatorSearch';
import type { TikTokProfile } from '../tiktok/profile';
import { creatorOutputFields, flattenCreator } from '../zapier/creators';
import { avatarFile } from '../zapier/media';
import { wholeNumberOf } from '../zapier/numberInput';
import sampleSearch from '../zapier/samples/creatorSearch.json';
import { DEFAULT_PAGING, readPages, type PagingLimits } from '../lookups/paging';
import { DEFAULT_SETUP, type StepSetup } from '../lookups/setup';

/** With a filter, more pages are read only while fewer matches than this are left. */
export const WANTED_MATCHES = 10;

/** Each page is one DumplingAI call: a filter that leaves few matches spends at most this many. */
export const CREATOR_PAGING: Readonly<PagingLimits> = Object.freeze({ ...DEFAULT_PAGING, maxPages: 5 });

export const creatorsText = {
  noun: 'TikTok Creator',
  label: 'Find TikTok Creator',
  description:
    'Finds TikTok creators by name, username or keywords, best match first, with their follower counts.',
  queryLabel: 'Search For',
  queryHelp:
    'A name, a username or words that describe the creators, such as `vegan recipes`. The best matches come first.',
  minFollowersLabel: 'Minimum Followers',
  minFollowersHelp: `Only creators with at least this many followers (a creator whose count TikTok does not show is left out); empty or 0 for no minimum. When a filter leaves fewer than ${WANTED_MATCHES} creators, the step reads up to ${CREATOR_PAGING.maxPages} pages of matches, each one DumplingAI call.`,
  verifiedLabel: 'Verified Creators Only',
  verifiedHelp:
    'Only creators with TikTok’s verified badge. A creator whose badge DumplingAI’s answer does not show is left out.',
  missingQuery: 'Enter what to look for: a name, a username or words that describe the creators.',
  badMinimum: (entered: string): string =>
    `"${clip(entered, 20)}" is not a number of followers. Enter a whole number such as 10000, or leave Minimum Followers empty.`,
} as const;

const inputFields = defineInputFields([
  {
    key: 'query',
    label: creatorsText.queryLabel,
    type: 'string',
    required: true,
    helpText: creatorsText.queryHelp,
  },
  {
    key: 'minFollowers',
    label: creatorsText.minFollowersLabel,
    type: 'integer',
    required: false,
    helpText: creatorsText.minFollowersHelp,
  },
  {
    key: 'verifiedOnly',
    label: creatorsText.verifiedLabel,
    type: 'boolean',
    required: false,
    default: 'false',
    helpText: creatorsText.verifiedHelp,
  },
]);

/** A minimum number of followers, or null for none (0 is none); undefined when it is no number. */
export const minimumOf = (input: unknown): number | null | undefined => {
  const minimum = wholeNumberOf(input);
  return minimum === 0 ? null : minimum;
};

type Filter = (creator: TikTokProfile) => boolean;

// A creator is the same one on every page by its id, or else its username.
const keyOf = (creator: TikTokProfile): string | null => creator.id ?? creator.uniqueId;

/** The creators of all pages read, each once, in DumplingAI's order. */
const uniqueCreators = (pages: SearchPage[]): TikTokProfile[] => {
  const seen = new Set<string>();
  return pages.flatMap((page) =>
    page.creators.filter((creator) => {
      const key = keyOf(creator);
      if (key === null || seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
  );
};

export const findCreators = ({ limits, paging, clock }: StepSetup) =>
  (async (z, bundle) => {
    const query = typeof bundle.inputData.query === 'string' ? bundle.inputData.query.trim() : '';
    // Refused before any request, so it costs nothing; halting keeps one bad row from counting
    // towards Zapier turning the Zap off.
    if (query === '') throw new z.errors.HaltedError(creatorsText.missingQuery);
    const minimum = minimumOf(bundle.inputData.minFollowers);
    if (minimum === undefined)
      throw new z.errors.HaltedError(creatorsText.badMinimum(String(bundle.inputData.minFollowers)));
    // Zapier sends a boolean field's value as text ("true"), or as a boolean from the API.
    const verifiedOnly = String(bundle.inputData.verifiedOnly).toLowerCase() === 'true';
    const filtered = minimum !== null || verifiedOnly;
    const keep: Filter = (creator) =>
      (minimum === null || (creator.followerCount !== null && creator.followerCount >= minimum)) &&
      (!verifiedOnly || creator.verified === true);

    const pages = await readPages(
      z,
      async (cursor, deadlineMs) => {
        const answer = await fetchCreatorSearch(z, bundle.authData.apiKey, query, cursor, {
          limits,
          deadlineMs,
        });
        return answer === null ? null : searchPage(answer);
      },
      // Without a filter the first page is the answer; with one, more pages only while few match.
      (page, read) =>
        filtered && page.hasMore && uniqueCreators(read).filter(keep).length < WANTED_MATCHES
          ? page.cursor
          : null,
      { limits, paging, clock },
    );
    // Nothing found: a search's "nothing found".
    if (pages === null) return [];
    return uniqueCreators(pages).flatMap((creator, index) => {
      if (!keep(creator)) return [];
      const flat = flattenCreator(creator, index + 1);
      return [{ ...flat, avatarFile: filePointer(z, avatarFile(flat.uniqueId, flat.avatarUrl)) }];
    });
  }) satisfies SearchPerform<InferInputData<typeof inputFields>>;

// Zapier shows the sample where it cannot run the step; its file field shows the avatar's address.
const sampleFlat = flattenCreator(searchPage(sampleSearch).creators[0] as TikTokProfile, 1);
export const sample = { ...sampleFlat, avatarFile: sampleFlat.avatarUrl };

export const findTikTokCreators = defineSearch({
  key: 'find_tiktok_creators',
  noun: creatorsText.noun,
  display: { label: creatorsText.label, description: creatorsText.description },
  operation: {
    perform: withPlainErrors(findCreators({ ...DEFAULT_SETUP, paging: CREATOR_PAGING })),
    inputFields,
    sample,
    outputFields: creatorOutputFields,
  },
});
