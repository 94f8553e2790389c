import {
  defineInputFields,
  defineSearch,
  type InferInputData,
  type SearchPerform,
} from 'zapier-platform-core';

import { withPlainErrors } from '../dumplingai/errors';
import { clip } from '../dumplingai/messages';
import { readCreatorPosts, type CreatorVideo } from '../lookups/creatorPosts';
import { DEFAULT_SETUP, type StepSetup } from '../lookups/setup';
import { checkCreator, CREATOR_FORMS_HELP } from '../tiktok/creator';
import { profileUrl } from '../tiktok/figures';
import { badLanguage, languageCode, transcriptLanguageField } from '../zapier/language';
import { countOf } from '../zapier/numberInput';
import { asLineItems, creatorVideoOutputFields, type OutputField } from '../zapier/outputFields';
import { videoSample } from '../zapier/videoSample';

export const DEFAULT_VIDEOS = 10;
// Zapier's Looping step takes up to 500 line items; 100 posts keep a later step's input small.
export const MAX_VIDEOS = 100;

export const creatorVideosText = {
  noun: 'TikTok Video',
  label: 'Get TikTok Creator Videos',
  description:
    "Finds a TikTok creator's most recent videos and photo posts, newest first, as line items for Looping and Schedule Zaps.",
  creatorLabel: 'Creator',
  creatorHelp: `The TikTok creator whose posts to list. ${CREATOR_FORMS_HELP}`,
  maxLabel: 'Maximum Videos',
  maxHelp: `How many of the newest posts to return, from 1 to ${MAX_VIDEOS}; ${DEFAULT_VIDEOS} when left empty. Each page of posts is one DumplingAI call, and the step reads only the pages it needs, up to ${DEFAULT_SETUP.paging.maxPages}.`,
  afterLabel: 'Posted After',
  afterHelp:
    'Only posts made after this date and time, such as `2026-12-01` or `yesterday`. A post whose time TikTok does not give is left out when this is set.',
  badMax: (entered: string): string =>
    `"${clip(entered, 20)}" is not a number of videos. Enter a whole number from 1 to ${MAX_VIDEOS}, or leave Maximum Videos empty for ${DEFAULT_VIDEOS}.`,
  badDate: (entered: string): string =>
    `"${clip(entered, 40)}" is not a date. Enter a date such as 2026-12-01, or leave Posted After empty.`,
  unavailable: (handle: string): string =>
    `TikTok would not show the posts of @${handle}: the account may be private, restricted, renamed or gone. Check the username on TikTok (creators can change it).`,
} as const;

const inputFields = defineInputFields([
  {
    key: 'creator',
    label: creatorVideosText.creatorLabel,
    type: 'string',
    required: true,
    helpText: creatorVideosText.creatorHelp,
  },
  {
    key: 'maxVideos',
    label: creatorVideosText.maxLabel,
    type: 'integer',
    required: false,
    default: String(DEFAULT_VIDEOS),
    helpText: creatorVideosText.maxHelp,
  },
  {
    key: 'postedAfter',
    label: creatorVideosText.afterLabel,
    type: 'datetime',
    required: false,
    helpText: creatorVideosText.afterHelp,
  },
  { ...transcriptLanguageField },
]);

/** The date after which posts count, in seconds; null for none; undefined when it is no date. */
const afterOf = (input: unknown): number | null | undefined => {
  const entered = typeof input === 'string' ? input.trim() : '';
  if (entered === '') return null;
  // Zapier turns what people type ("yesterday") into ISO-8601 before the step runs.
  const ms = Date.parse(entered);
  return Number.isNaN(ms) ? undefined : ms / 1000;
};

export type CreatorVideosOutput = {
  handle: string;
  profileUrl: string | null;
  count: number;
  hasMore: boolean;
  videos: CreatorVideo[];
};

export const findCreatorVideos = ({ limits, paging, clock }: StepSetup) =>
  (async (z, bundle) => {
    const checked = checkCreator(bundle.inputData.creator);
    // Refused before any request, so a typo costs nothing; halting keeps one bad row from
    // counting towards Zapier turning the Zap off.
    if (!checked.ok) throw new z.errors.HaltedError(checked.message);
    const maximum = countOf(bundle.inputData.maxVideos, DEFAULT_VIDEOS, MAX_VIDEOS);
    if (maximum === null)
      throw new z.errors.HaltedError(creatorVideosText.badMax(String(bundle.inputData.maxVideos)));
    const after = afterOf(bundle.inputData.postedAfter);
    if (after === undefined)
      throw new z.errors.HaltedError(creatorVideosText.badDate(String(bundle.inputData.postedAfter)));
    const language = languageCode(bundle.inputData.transcriptLanguage);
    if (language === null)
      throw new z.errors.HaltedError(badLanguage(String(bundle.inputData.transcriptLanguage)));
    // A post of unknown time does not count as posted after the date.
    const counts = (post: CreatorVideo): boolean =>
      after === null || (post.createTime !== null && post.createTime > after);
    // The pages run newest first, pinned posts aside: once a page's other posts reach back
    // past the date, no later page holds one that counts.
    const pastTheDate = (posts: CreatorVideo[]): boolean =>
      after !== null &&
      posts.some((post) => !post.isPinned && post.createTime !== null && post.createTime <= after);

    const read = await readCreatorPosts(
      z,
      bundle.authData.apiKey,
      checked.handle,
      (posts) => posts.filter(counts).length < maximum && !pastTheDate(posts),
      { limits, paging, clock, context: 'step', language },
    );
    // No such account: a search's "nothing found".
    if (read.kind === 'none') return [];
    if (read.kind === 'refused')
      throw new z.errors.HaltedError(creatorVideosText.unavailable(checked.handle));
    const counted = read.posts.filter(counts);
    const videos = counted.slice(0, maximum);
    const output: CreatorVideosOutput = {
      handle: checked.handle,
      profileUrl: profileUrl(checked.handle),
      count: videos.length,
      hasMore: counted.length > maximum || (read.hasMore && !pastTheDate(read.posts)),
      videos,
    };
    return [output];
  }) satisfies SearchPerform<InferInputData<typeof inputFields>>;

export const creatorVideosOutputFields: OutputField[] = [
  { key: 'handle', label: 'Creator Username', type: 'string' },
  { key: 'profileUrl', label: 'Creator Profile URL', type: 'string' },
  { key: 'count', label: 'Videos Returned', type: 'number' },
  { key: 'hasMore', label: 'Has More Videos', type: 'boolean' },
  ...asLineItems('videos', creatorVideoOutputFields),
];

// Zapier shows the sample where it cannot run the step: one post, as a real list's first line.
export const sample = {
  handle: 'dumpling.kitchen',
  profileUrl: 'https://www.tiktok.com/@dumpling.kitchen',
  count: 1,
  hasMore: true,
  videos: [{ ...videoSample, isPinned: false }],
};

export const getTikTokCreatorVideos = defineSearch({
  key: 'get_tiktok_creator_videos',
  noun: creatorVideosText.noun,
  display: { label: creatorVideosText.label, description: creatorVideosText.description },
  operation: {
    perform: withPlainErrors(findCreatorVideos(DEFAULT_SETUP)),
    inputFields,
    sample,
    outputFields: creatorVideosOutputFields,
  },
});
