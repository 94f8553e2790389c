import {
  defineInputFields,
  defineTrigger,
  type Bundle,
  type InferInputData,
  type PollingTriggerPerform,
  type ZObject,
} from 'zapier-platform-core';

import { PRICING_URL } from '../dumplingai/endpoints';
import { appErrorCode, plainError, userMessageOf, withPlainErrors } from '../dumplingai/errors';
import { RETRY_SECONDS } from '../dumplingai/limits';
import { transcriptPointer } from '../hydrators/transcript';
import { readCreatorPosts, type CreatorPosts, type CreatorVideo } from '../lookups/creatorPosts';
import { outcomeOfError } from '../lookups/outcome';
import { runPaced, type LookupOutcome, type Settled } from '../lookups/paced';
import { DEFAULT_SETUP, type StepSetup } from '../lookups/setup';
import { checkCreators, CREATOR_FORMS_HELP } from '../tiktok/creator';
import { badLanguage, languageCode, transcriptLanguageField } from '../zapier/language';
import { MAX_TRIGGER_ITEMS, newestFirst } from '../zapier/newestFirst';
import { creatorVideoOutputFields } from '../zapier/outputFields';
import { videoSample } from '../zapier/videoSample';

/** How many creators one trigger watches at most: every one is asked within one poll's time. */
export const MAX_CREATORS = 25;

/** How often DumplingAI is asked about a creator at most, in seconds; `poll` asks on every poll. */
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
const perDay = (creators: number, minutes: number): string =>
  ((MINUTES_A_DAY / minutes) * creators).toLocaleString('en-US');

// Creators named in one message: two of them at most, so it fits Zapier's 250 characters.
const NAMED = 2;
const named = (handles: string[]): string => {
  const shown = handles
    .slice(0, NAMED)
    .map((handle) => `@${handle}`)
    .join(', ');
  return handles.length > NAMED ? `${shown} and ${handles.length - NAMED} more` : shown;
};

// Zapier shows the editor at most three new items of a poll.
const SAMPLE_ITEMS = 3;

/**
 * With "Ask DumplingAI" set to an interval, a creator who posted more than a page since the last
 * ask would lose the rest: the trigger reads on, up to this many pages in all, until it meets the
 * newest post it saw last time.
 */
export const CATCH_UP_PAGES = 5;

export const creatorTriggerText = {
  noun: 'TikTok Video',
  label: 'New TikTok Video by Creator',
  description: 'Triggers when one of the TikTok creators you choose posts a new video or photo post.',
  creatorLabel: 'Creators',
  creatorHelp: `The TikTok creators to watch, up to ${MAX_CREATORS}: one per row, or several in one row separated by commas or line breaks (a column pasted from a sheet works). Each is ${CREATOR_FORMS_HELP.charAt(0).toLowerCase()}${CREATOR_FORMS_HELP.slice(1)}`,
  photosLabel: 'Include Photo Posts',
  photosHelp: 'Whether photo (slideshow) posts start the Zap too, not only videos.',
  checkEveryLabel: 'Ask DumplingAI',
  checkEveryHelp: `Each check asks DumplingAI once for each creator: one lookup each ([pricing](${PRICING_URL})). Zapier checks every ${POLL_MINUTES.fastest} to ${POLL_MINUTES.slowest} minutes depending on your Zapier plan: ${perDay(1, POLL_MINUTES.slowest)} to ${perDay(1, POLL_MINUTES.fastest)} lookups a day for one creator, ${perDay(MAX_CREATORS, POLL_MINUTES.slowest)} to ${perDay(MAX_CREATORS, POLL_MINUTES.fastest)} for ${MAX_CREATORS}. Asking at most once an hour makes it ${perDay(1, 60)} a day per creator, every 6 hours ${perDay(1, 360)}, once a day ${perDay(1, MINUTES_A_DAY)}; new posts then arrive later. A creator who posted more than a page since is read on, one more lookup a page, up to ${CATCH_UP_PAGES} pages.`,
  badCheckEvery: (entered: string): string =>
    `"${entered.slice(0, 20)}" is not one of the choices for Ask DumplingAI. Pick one of the choices in this trigger.`,
  notFound: (handles: string[]): string =>
    handles.length === 1
      ? `DumplingAI found no TikTok account ${named(handles)}, or could not see its posts. Check the username (creators can change it) and that the account is public, or remove it from this trigger.`
      : `DumplingAI found no TikTok accounts ${named(handles)}, or could not see their posts. Check each username (creators can change them) and that the accounts are public, or remove them from this trigger.`,
  unavailable: (handles: string[]): string =>
    `TikTok would not show the posts of ${named(handles)}: private, restricted, renamed or gone. Check the username on TikTok (creators can change it), or remove it from this trigger.`,
  baselineIncomplete:
    "Not every creator could be read while Zapier set up this trigger (DumplingAI's rate limit or Zapier's time ran out), so it will try again; nothing needs to change.",
  cannotWatch: (handles: string[]): string =>
    `This trigger cannot watch ${named(handles)}: DumplingAI found no such account, or TikTok would not show its posts. Check each username on TikTok, or remove it from this trigger.`,
} as const;

const inputFields = defineInputFields([
  {
    key: 'creator',
    label: creatorTriggerText.creatorLabel,
    type: 'string',
    list: true,
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
  { ...transcriptLanguageField },
]);

type Input = InferInputData<typeof inputFields>;

/** What is kept between polls for one creator: its posts and when DumplingAI was asked. */
interface Kept {
  at: number;
  items: CreatorVideo[];
  /**
   * Set when the Zap did not get `items` (kept by a poll that failed, or by loading samples): the
   * time of the newest post it surely got, which the next ask reads on to; null for none.
   */
  shown?: number | null;
}

// Zapier's z.cache keeps JSON values with a time to live; no size limit is documented (core 19),
// and one creator's list is at most a page or a few (about 215 KB a full page, measured). It is
// scoped to the DumplingAI connection ('auth'): Zaps on one connection share what it paid for,
// another connection never sees it, and a revoked key is never hidden behind it. A list is kept
// twice the longest interval, so the next ask still finds it, to read on from.
const SCOPE = ['auth'];
const KEEP_SECONDS = 2 * CHECK_EVERY.day.seconds;

/**
 * The list kept for one creator: one key and scope for both ways. Zapier's cache is
 * best-effort, so a failure to read it is a list not kept, and a failure to write it loses only
 * the saving; either is logged, and the poll goes on with what it fetched.
 */
const keptList = (z: ZObject, handle: string) => {
  const key = `creator-posts:${handle}`;
  return {
    get: async (): Promise<Kept | null> => {
      try {
        // Core 19's types take a scope on `set` only; the runtime takes it on `get` too.
        const value: unknown = await (z.cache.get as (key: string, scope: string[]) => Promise<unknown>)(
          key,
          SCOPE,
        );
        return typeof value === 'object' &&
          value !== null &&
          typeof (value as Kept).at === 'number' &&
          Array.isArray((value as Kept).items)
          ? (value as Kept)
          : null;
      } catch (error) {
        z.console.log(
          `The list kept for @${handle} could not be read (${String(error)}); asking DumplingAI.`,
        );
        return null;
      }
    },
    set: async (value: Kept): Promise<void> => {
      try {
        await z.cache.set(key, value, KEEP_SECONDS, SCOPE);
      } catch (error) {
        z.console.log(`The list fetched for @${handle} could not be kept (${String(error)}).`);
      }
    },
  };
};

/** The steps' setup (the batch's pace: see src/lookups/paced.ts), reading on at most 5 pages. */
export const TRIGGER_SETUP: Readonly<StepSetup> = Object.freeze({
  ...DEFAULT_SETUP,
  paging: Object.freeze({ ...DEFAULT_SETUP.paging, maxPages: CATCH_UP_PAGES }),
});

/** The time of the newest post the Zap surely got from a kept list; null when it cannot tell. */
const shownBy = (last: Kept | null): number | null => {
  if (last === null) return null;
  if (last.shown !== undefined) return last.shown;
  // A pinned post may be of any age, so only the others tell how far the last list reached.
  const known = last.items
    .filter((item) => !item.isPinned)
    .map((item) => item.createTime)
    .filter((time): time is number => time !== null);
  return known.length === 0 ? null : Math.max(...known);
};

/** Whether a creator's new posts reach back to the newest post the Zap got from the kept list. */
const reachesBack =
  (last: Kept) =>
  (posts: CreatorVideo[]): boolean => {
    const seen = shownBy(last);
    return (
      seen === null ||
      posts.some((post) => !post.isPinned && post.createTime !== null && post.createTime <= seen)
    );
  };

export const pollCreators =
  ({ limits, pace, paging, clock }: StepSetup) =>
  async (z: ZObject, bundle: Bundle<Input>): Promise<CreatorVideo[]> => {
    const checked = checkCreators(bundle.inputData.creator, MAX_CREATORS);
    // The Zap cannot work with this input: an error (not a halt) tells its owner.
    if (!checked.ok) throw new z.errors.Error(checked.message, 'invalid_creator', 400);
    // An empty choice is the default, as for the other optional fields.
    const chosen = bundle.inputData.checkEvery ?? '';
    const every = chosen === '' ? 'poll' : chosen;
    if (!Object.hasOwn(CHECK_EVERY, every))
      throw new z.errors.Error(creatorTriggerText.badCheckEvery(String(every)), 'invalid_check_every', 400);
    const seconds = CHECK_EVERY[every as CheckEvery].seconds;
    const language = languageCode(bundle.inputData.transcriptLanguage);
    if (language === null)
      throw new z.errors.Error(
        badLanguage(String(bundle.inputData.transcriptLanguage)),
        'invalid_language',
        400,
      );
    // Zapier sends a boolean field's value as text ("false"), or as a boolean from the API.
    const photos = String(bundle.inputData.includePhotos).toLowerCase() !== 'false';
    const apiKey = bundle.authData.apiKey;
    const { handles } = checked;

    const lookUp = async (handle: string, last: Kept | null, timeoutMs: number): Promise<CreatorPosts> =>
      readCreatorPosts(z, apiKey, handle, (posts) => last !== null && !reachesBack(last)(posts), {
        limits,
        paging: { ...paging, budgetMs: timeoutMs },
        clock,
        context: 'trigger',
        language,
      });

    if (bundle.meta.isLoadingSample) {
      // The editor wants the latest posts, quickly: creators in the order given, until 3 items.
      const started = clock.now();
      const items: CreatorVideo[] = [];
      for (const handle of handles) {
        // An answer that never came is for Zapier to try again, as in a poll.
        const found = await lookUp(handle, null, pace.budgetMs - (clock.now() - started)).catch(
          (error: unknown) => {
            throw retried(z, plainError(z, error, apiKey, 'trigger'));
          },
        );
        if (found.kind === 'none') throw cannotWatch(z, [handle], []);
        if (found.kind === 'refused') throw cannotWatch(z, [], [handle]);
        // Kept for the next poll, unless it would leave a gap after the list a poll kept: the
        // editor reads one page, where a poll reads on to the posts it saw last.
        const kept = keptList(z, handle);
        const last = await kept.get();
        if (last === null || reachesBack(last)(found.posts))
          await kept.set({ at: clock.now(), items: found.posts, shown: shownBy(last) });
        items.push(...found.posts.filter((item) => photos || !item.isPhotoPost));
        // Each creator's posts come once, with ids (see readCreatorPosts), and no two share one.
        if (items.length >= SAMPLE_ITEMS || clock.now() - started >= pace.budgetMs - paging.minPageMs) break;
      }
      return newestFirst(items).slice(0, SAMPLE_ITEMS);
    }

    const kept = await Promise.all(handles.map((handle) => keptList(z, handle).get()));
    const now = clock.now();
    const fresh = (last: Kept | null): boolean =>
      last !== null && seconds !== null && !bundle.meta.isPopulatingDedupe && now - last.at < seconds * 1000;
    // Creators not asked for longest go first, so one that a slow poll left out is asked next.
    const due = handles
      .map((handle, index) => ({ handle, last: kept[index] as Kept | null }))
      .filter(({ last }) => !fresh(last))
      .sort((a, b) => (a.last?.at ?? -Infinity) - (b.last?.at ?? -Infinity));

    const errors = new Map<number, Error>();
    const { settled, stop } = await runPaced<CreatorPosts>(
      due.length,
      async (index, timeoutMs): Promise<LookupOutcome<CreatorPosts>> => {
        const { handle, last } = due[index] as (typeof due)[number];
        try {
          const value = await lookUp(handle, last, timeoutMs);
          // DumplingAI's room, as the batch's pace reads it (not said with no account or a refusal).
          return {
            kind: 'found',
            value,
            rateLimitRemaining: value.kind === 'posts' ? value.rateLimitRemaining : null,
          };
        } catch (error) {
          const plain = plainError(z, error, apiKey, 'trigger');
          errors.set(index, plain);
          return outcomeOfError(plain);
        }
      },
      pace,
      clock,
    );

    // Kept lists may come from a Zap that asked for another language: their pointers are made this
    // Zap's. Posts fetched now carry this Zap's already (see lookUp), and replace them below.
    const lists = new Map<string, CreatorVideo[]>();
    for (const [index, last] of kept.entries())
      if (last !== null)
        lists.set(
          handles[index] as string,
          last.items.map((item) => ({ ...item, transcript: transcriptPointer(z, item, language) })),
        );
    const gone: string[] = [];
    const refused: string[] = [];
    const fetchedLists: { handle: string; last: Kept | null; posts: CreatorVideo[] }[] = [];
    for (const [index, end] of settled.entries()) {
      const { handle, last } = due[index] as (typeof due)[number];
      if (end.kind !== 'found') continue;
      if (end.value.kind === 'none') gone.push(handle);
      else if (end.value.kind === 'refused') refused.push(handle);
      else {
        lists.set(handle, end.value.posts);
        fetchedLists.push({ handle, last, posts: end.value.posts });
      }
    }
    const failure = failureOf(z, {
      stop,
      gone,
      refused,
      settled,
      errors,
      baseline: bundle.meta.isPopulatingDedupe,
      keptAny: lists.size > 0,
    });
    // Kept before anything is thrown, so what was paid for is there for the next poll. When the
    // poll fails, the Zap gets none of it: the next ask still reads on to what the Zap last got.
    await Promise.all(
      fetchedLists.map(({ handle, last, posts }) =>
        keptList(z, handle).set({
          at: clock.now(),
          items: posts,
          ...(failure === null ? {} : { shown: shownBy(last) }),
        }),
      ),
    );
    if (failure !== null) throw failure;
    const items = [...lists.values()].flat().filter((item) => photos || !item.isPhotoPost);
    // Zapier's baseline takes every post: capped, it could leave out a creator's older posts,
    // which a later poll (with another creator's posts missing) would fire as new.
    return newestFirst(items, bundle.meta.isPopulatingDedupe ? Infinity : MAX_TRIGGER_ITEMS);
  };

/** Why a poll fails, from how each creator's lookup ended; null when it returns its items. */
const failureOf = (
  z: ZObject,
  {
    stop,
    gone,
    refused,
    settled,
    errors,
    baseline,
    keptAny,
  }: {
    stop: { error: Error } | null;
    gone: string[];
    refused: string[];
    settled: Settled<CreatorPosts>[];
    errors: Map<number, Error>;
    baseline: boolean;
    keptAny: boolean;
  },
): Error | null => {
  // A rejected key or an empty account comes first: nothing else can be fixed without it.
  if (stop !== null) return stop.error;
  if (gone.length > 0 || refused.length > 0) return cannotWatch(z, gone, refused);
  // A creator DumplingAI failed on (a 400, its own error, an answer that cannot be read) must
  // reach the Zap's owner whatever others answered: left out quietly, it would go unwatched.
  const failed = settled.findIndex((end) => end.kind === 'failed');
  if (failed !== -1) return errors.get(failed) as Error;
  // Zapier's baseline must hold every creator's posts: one left out would later fire its old
  // posts as new. So the baseline is tried again until every creator was read.
  const missed = settled.findIndex((end) => end.kind !== 'found');
  if (baseline && missed !== -1)
    return retried(
      z,
      errors.get(missed) ?? new z.errors.ThrottledError(creatorTriggerText.baselineIncomplete, RETRY_SECONDS),
    );
  // Nothing fetched now or before: Zapier tries again later, as with one creator.
  const error = errors.get(settled.findIndex((end) => end.kind === 'gaveUp'));
  return !settled.some((end) => end.kind === 'found') && !keptAny && error !== undefined
    ? retried(z, error)
    : null;
};

/**
 * Creators that cannot be watched (no such account, TikTok's refusal), named in one error: not a
 * halt, which Zapier never reports for a trigger, since the Zap's owner must act on it.
 */
const cannotWatch = (z: ZObject, gone: string[], refused: string[]): Error => {
  if (refused.length === 0)
    return new z.errors.Error(creatorTriggerText.notFound(gone), 'creator_not_found', 404);
  if (gone.length === 0)
    return new z.errors.Error(creatorTriggerText.unavailable(refused), 'creator_unavailable', 403);
  return new z.errors.Error(
    creatorTriggerText.cannotWatch([...gone, ...refused]),
    'creator_unavailable',
    403,
  );
};

/** A lookup whose answer never came is for Zapier to try again, as a refusal already is. */
const retried = (z: ZObject, error: Error): Error => {
  const code = appErrorCode(error);
  return code === 'unreachable' || code === 'timeout'
    ? new z.errors.ThrottledError(userMessageOf(error.message), RETRY_SECONDS)
    : error;
};

export const newVideoByCreator = defineTrigger({
  key: 'new_video_by_creator',
  noun: creatorTriggerText.noun,
  display: {
    label: creatorTriggerText.label,
    description: creatorTriggerText.description,
  },
  operation: {
    type: 'polling',
    perform: withPlainErrors(pollCreators(TRIGGER_SETUP), 'trigger') satisfies PollingTriggerPerform<
      Input,
      CreatorVideo
    >,
    inputFields,
    sample: { ...videoSample, isPinned: false },
    outputFields: creatorVideoOutputFields,
  },
});
