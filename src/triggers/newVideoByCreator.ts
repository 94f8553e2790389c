import {
  defineInputFields,
  defineTrigger,
  type Bundle,
  type InferInputData,
  type PollingTriggerPerform,
  type ZObject,
} from 'zapier-platform-core';

import { fetchCreatorPosts } from '../dumplingai/client';
import { PRICING_URL } from '../dumplingai/endpoints';
import { withPlainErrors } from '../dumplingai/errors';
import { LIMITS, type Limits } from '../dumplingai/limits';
import { filePointers } from '../hydrators/downloadMedia';
import { checkCreator, CREATOR_FORMS_HELP } from '../tiktok/creator';
import { postsOnPage } from '../tiktok/creatorPosts';
import { tikTokRefused } from '../tiktok/refusal';
import { flattenVideo } from '../zapier/flatten';
import { newestFirst } from '../zapier/newestFirst';
import { outputFields as videoOutputFields, type OutputField } from '../zapier/outputFields';
import { videoSample } from '../zapier/videoSample';
import type { TikTokVideoOutput } from '../zapier/media';

/** How often DumplingAI is asked at most, in seconds; `poll` asks on every poll. */
export const CHECK_EVERY = {
  poll: { label: 'Every time Zapier checks (default)', seconds: null },
  hour: { label: 'At most once an hour', seconds: 3600 },
  six_hours: { label: 'At most every 6 hours', seconds: 6 * 3600 },
  day: { label: 'At most once a day', seconds: 24 * 3600 },
} as const;

type CheckEvery = keyof typeof CHECK_EVERY;

// Zapier polls every 1 minute (Team and Enterprise plans) to 15 minutes (Free).
const POLL_MINUTES = { fastest: 1, slowest: 15 } as const;
const MINUTES_A_DAY = 24 * 60;
const lookupsADay = (minutes: number): string => (MINUTES_A_DAY / minutes).toLocaleString('en-US');

// Zapier shows the editor at most three new items of a poll.
const SAMPLE_ITEMS = 3;

export const creatorTriggerText = {
  noun: 'TikTok Video',
  label: 'New TikTok Video by Creator',
  description: 'Triggers when a TikTok creator posts a new video or photo post.',
  creatorLabel: 'Creator',
  creatorHelp: `The TikTok creator to watch. ${CREATOR_FORMS_HELP}`,
  photosLabel: 'Include Photo Posts',
  photosHelp: 'Whether photo (slideshow) posts start the Zap too, not only videos.',
  checkEveryLabel: 'Ask DumplingAI',
  checkEveryHelp: `Each check is one DumplingAI lookup ([pricing](${PRICING_URL})), and Zapier checks every ${POLL_MINUTES.fastest} to ${POLL_MINUTES.slowest} minutes depending on your Zapier plan: ${lookupsADay(POLL_MINUTES.slowest)} to ${lookupsADay(POLL_MINUTES.fastest)} lookups a day for one creator. To spend fewer, ask DumplingAI less often; in between, the trigger reuses the posts it fetched last, so new posts arrive later.`,
  notFound: (handle: string): string =>
    `DumplingAI found no TikTok account @${handle}, or could not see its posts. Check the username (creators can change it) and that the account is public, then test this trigger again.`,
  unavailable: (handle: string): string =>
    `TikTok would not show the posts of @${handle}: the account may be private, restricted, renamed or gone. Check the username on TikTok (creators can change it), or watch another creator.`,
} as const;

const inputFields = defineInputFields([
  {
    key: 'creator',
    label: creatorTriggerText.creatorLabel,
    type: 'string',
    required: true,
    helpText: creatorTriggerText.creatorHelp,
  },
  {
    key: 'includePhotos',
    label: creatorTriggerText.photosLabel,
    type: 'boolean',
    required: false,
    default: 'true',
    helpText: creatorTriggerText.photosHelp,
  },
  {
    key: 'checkEvery',
    label: creatorTriggerText.checkEveryLabel,
    type: 'string',
    required: false,
    default: 'poll',
    choices: Object.fromEntries(Object.entries(CHECK_EVERY).map(([key, { label }]) => [key, label])),
    helpText: creatorTriggerText.checkEveryHelp,
  },
]);

export type CreatorVideo = TikTokVideoOutput & { id: string; isPinned: boolean };

/** What is cached between asks: the items and when they were fetched (the test cache has no TTL). */
interface Fetched {
  at: number;
  items: CreatorVideo[];
}

// Zapier's z.cache keeps JSON values, with a time to live in whole seconds; no size limit is
// documented in Zapier's docs or core 19's source, so only what the trigger returns is kept (at
// most its 100 items: about 215 KB for a full page, measured). It is scoped to
// the Zapier user, so two Zaps watching one creator share what one of them paid for. Core 19's
// types take a scope on `set` only; the runtime takes it on `get` too, as it must to find it.
const SCOPE = ['user'];

/** Where the list fetched last for one creator and one choice is kept: one key and scope for both ways. */
const lastFetched = (z: ZObject, handle: string, every: CheckEvery) => {
  const key = `creator-posts:${handle}:${every}`;
  return {
    get: async (): Promise<Fetched | null> => {
      const value: unknown = await (z.cache.get as (key: string, scope: string[]) => Promise<unknown>)(
        key,
        SCOPE,
      );
      return typeof value === 'object' && value !== null && Array.isArray((value as Fetched).items)
        ? (value as Fetched)
        : null;
    },
    set: (value: Fetched, seconds: number) => z.cache.set(key, value, seconds, SCOPE),
  };
};

const checkEveryOf = (input: unknown): CheckEvery =>
  typeof input === 'string' && Object.hasOwn(CHECK_EVERY, input) ? (input as CheckEvery) : 'poll';

/** One call of get-tiktok-profile-videos: the first page, every post read like Get TikTok Video. */
const fetchItems = async (
  z: ZObject,
  apiKey: unknown,
  handle: string,
  limits: Limits,
): Promise<CreatorVideo[]> => {
  const page = await fetchCreatorPosts(z, apiKey, handle, { limits, context: 'trigger' });
  // Not "nothing new": the Zap's owner must learn that the creator cannot be watched.
  if (page === null) throw new z.errors.Error(creatorTriggerText.notFound(handle), 'creator_not_found', 404);
  if (tikTokRefused(page))
    throw new z.errors.Error(creatorTriggerText.unavailable(handle), 'creator_unavailable', 403);
  const items = postsOnPage(page).map(({ post, pinned }) => {
    const video = flattenVideo(post);
    return { ...video, ...filePointers(z, video), isPinned: pinned };
  });
  return newestFirst(items);
};

type Input = InferInputData<typeof inputFields>;

/**
 * The trigger's poll. A poll that builds Zapier's baseline or loads samples always asks; other
 * polls ask DumplingAI at most as often as the user chose, and answer from the list fetched last
 * in between (never `[]`, so a Zap that polls just after another still sees every post).
 */
export const pollCreator =
  (limits: Limits, now: () => number = Date.now) =>
  async (z: ZObject, bundle: Bundle<Input>): Promise<CreatorVideo[]> => {
    const checked = checkCreator(bundle.inputData.creator);
    // The Zap cannot work with this input: an error (not a halt) tells its owner.
    if (!checked.ok) throw new z.errors.Error(checked.message, 'invalid_creator', 400);
    const every = checkEveryOf(bundle.inputData.checkEvery);
    const seconds = CHECK_EVERY[every].seconds;
    const mustAsk = seconds === null || bundle.meta.isPopulatingDedupe || bundle.meta.isLoadingSample;
    const store = lastFetched(z, checked.handle, every);
    const last = mustAsk ? null : await store.get();
    let items: CreatorVideo[];
    if (last !== null && seconds !== null && now() - last.at < seconds * 1000) {
      items = last.items;
    } else {
      items = await fetchItems(z, bundle.authData.apiKey, checked.handle, limits);
      if (seconds !== null) await store.set({ at: now(), items }, seconds);
    }
    // Zapier sends a boolean field's value as text ("false"), or as a boolean from the API.
    const photos = String(bundle.inputData.includePhotos).toLowerCase() !== 'false';
    const chosen = photos ? items : items.filter((item) => !item.isPhotoPost);
    return bundle.meta.isLoadingSample ? chosen.slice(0, SAMPLE_ITEMS) : chosen;
  };

export const triggerOutputFields: OutputField[] = [
  ...videoOutputFields,
  { key: 'isPinned', label: 'Is Pinned to the Profile', type: 'boolean' },
];

export const newVideoByCreator = defineTrigger({
  key: 'new_video_by_creator',
  noun: creatorTriggerText.noun,
  display: {
    label: creatorTriggerText.label,
    description: creatorTriggerText.description,
  },
  operation: {
    type: 'polling',
    perform: withPlainErrors(pollCreator(LIMITS), 'trigger') satisfies PollingTriggerPerform<
      Input,
      CreatorVideo
    >,
    inputFields,
    sample: { ...videoSample, isPinned: false },
    outputFields: triggerOutputFields,
  },
});
