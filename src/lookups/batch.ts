import { checkTikTokLink } from '../tiktok/link';
import type { TikTokVideoOutput } from '../zapier/media';
import { createPace, type PaceLimits, type Ticket } from './pace';

export const batchMessages = {
  notFound:
    'DumplingAI found no TikTok video at this address. Check that the video is public and still online.',
  tooMany: (limit: number): string =>
    `Not looked up: one batch takes up to ${limit} different URLs. Look this one up in another step.`,
  outOfTime:
    'Not looked up: the step ran out of time (Zapier allows 30 seconds per step). Run this URL again in another step.',
  heldBack:
    "Not looked up: DumplingAI's rate limit for your account allowed no more lookups in this step. Nothing was charged; run this URL again later.",
  afterTries: (message: string, tries: number): string =>
    `${message} (Tried ${tries} ${tries === 1 ? 'time' : 'times'}.)`,
  retryLater:
    'None of the links could be looked up right now (DumplingAI was busy or could not be reached). Nothing was charged; Zapier will retry this step later.',
  noneLookedUp: (
    total: number,
    counts: Record<'invalid' | 'tooMany' | 'notFound' | 'retry' | 'failed', number>,
    limit: number,
  ): string => {
    const parts = [
      [counts.invalid, 'is not a link to a TikTok video', 'are not links to TikTok videos'],
      [counts.notFound, 'was not found', 'were not found'],
      [counts.retry, 'met a busy or unreachable DumplingAI', 'met a busy or unreachable DumplingAI'],
      [counts.failed, 'failed at DumplingAI', 'failed at DumplingAI'],
      [counts.tooMany, `was over the ${limit}-link limit`, `were over the ${limit}-link limit`],
    ] as const;
    const present = parts.filter(([n]) => n > 0);
    if (total === 1) {
      return `The link could not be looked up: it ${present.map(([, one]) => one).join('')}. Check it and run this step again.`;
    }
    const said = present.map(([n, one, many]) => `${n} ${n === 1 ? one : many}`).join(', ');
    return `None of the ${total} links could be looked up: ${said}. Check the links and run this step again.`;
  },
} as const;

export const MAX_BATCH_URLS = 25;

export interface BatchLimits extends PaceLimits {
  /** Zapier stops a step after 30 s; the batch starts nothing that would end after this. */
  budgetMs: number;
  /** Tries for a URL whose lookup may pass on a later try (rate limits, network), with backoff. */
  maxTries: number;
  backoffMs: number;
}

export const DEFAULT_LIMITS: Readonly<BatchLimits> = Object.freeze({
  // Three at once is what the batch always ran, and DumplingAI kept up with it.
  startInFlight: 3,
  // The fewest that fetch 25 lookups of 5 s each in four rounds (3, 6, 8, 8 at once), done 20 s
  // in, which leaves the budget's last 5 s for a retry after a 429 or 503. See the README.
  maxInFlight: 8,
  firstLookupMs: 5_000,
  budgetMs: 25_000,
  maxTries: 3,
  backoffMs: 1_000,
});

/** The time, and waiting for it. Passed in, so tests move time themselves. */
export interface Clock {
  now: () => number;
  /** Resolves after `ms`, or as soon as `signal` aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done);
    }),
};

/**
 * One lookup's result. `refused` (429, 503) and `retry` (the connection failed before any
 * answer) cost nothing, and a later try may pass. `stop`: every other URL would fail the same
 * way (a rejected key, no credits left). A video or "not found" says how much room DumplingAI's
 * X-RateLimit-Remaining left.
 */
export type LookupOutcome =
  | { kind: 'video'; video: TikTokVideoOutput; rateLimitRemaining?: number | null }
  | { kind: 'notFound'; rateLimitRemaining?: number | null }
  /** `retryAfterMs`: DumplingAI's Retry-After, when it gave one. */
  | { kind: 'refused'; message: string; retryAfterMs?: number }
  | { kind: 'retry'; message: string }
  | { kind: 'failed'; message: string }
  | { kind: 'stop'; error: Error; message: string };

export type LookUp = (url: string, timeoutMs: number) => Promise<LookupOutcome>;

/** Why a URL failed, which decides what the step says when no video was fetched at all. */
export type FailureReason = 'invalid' | 'tooMany' | 'notFound' | 'retry' | 'failed';

export interface BatchFailure {
  url: string;
  message: string;
  reason: FailureReason;
}

export interface BatchResult {
  videos: (TikTokVideoOutput & { inputUrl: string })[];
  failures: BatchFailure[];
  succeeded: number;
  failed: number;
}

interface Planned {
  inputUrl: string;
  apiUrl: string;
}

/** Checks every URL locally, drops repeats, and caps the count: none of this spends a credit. */
export const planBatch = (
  urls: unknown[],
  limit: number = MAX_BATCH_URLS,
): { lookups: Planned[]; failures: BatchFailure[] } => {
  const lookups: Planned[] = [];
  const failures: BatchFailure[] = [];
  const seen = new Set<string>();
  for (const input of urls) {
    const inputUrl = typeof input === 'string' ? input.trim() : '';
    // Zapier sends empty entries for unmapped list rows; they are not the user's URLs.
    if (inputUrl === '') continue;
    const checked = checkTikTokLink(inputUrl);
    if (!checked.ok) failures.push({ url: inputUrl, message: checked.message, reason: 'invalid' });
    else if (seen.has(checked.url)) continue;
    else if (lookups.length >= limit)
      failures.push({ url: inputUrl, message: batchMessages.tooMany(limit), reason: 'tooMany' });
    else {
      seen.add(checked.url);
      lookups.push({ inputUrl, apiUrl: checked.url });
    }
  }
  return { lookups, failures };
};

type Item = BatchResult['videos'][number];

/** A URL not looked up yet, or to be tried again. */
interface Waiting {
  index: number;
  tries: number;
  /** What the last try said, for the report if there is no other. */
  lastMessage: string;
  /** Not before this time: a backoff, or DumplingAI's Retry-After. */
  notBefore: number;
}

/**
 * Looks up every planned URL within the time budget, as many at a time as the pace allows,
 * starting none that could not end in time. What was fetched is always returned: after a stop
 * (401, 403) no lookup starts, and the URLs not reached are reported with that error's message.
 * Only when nothing was fetched is the stop thrown.
 */
export const runBatch = async (
  urls: unknown[],
  lookUp: LookUp,
  limits: Readonly<BatchLimits>,
  clock: Clock = realClock,
): Promise<BatchResult> => {
  const deadline = clock.now() + limits.budgetMs;
  const left = (): number => deadline - clock.now();
  const { lookups, failures: rejected } = planBatch(urls);
  const pace = createPace(limits, clock.now);
  const outcomes: (Item | BatchFailure | null)[] = lookups.map(() => null);
  // In input order, so a URL tried again goes before those not tried yet.
  let waiting: Waiting[] = lookups.map((_, index) => ({
    index,
    tries: 0,
    lastMessage: '',
    notBefore: -Infinity,
  }));
  const running = new Set<Promise<void>>();
  // The error that stops the batch (401, 403), once one has come back.
  const stopped: { by?: { error: Error; message: string } } = {};
  const urlOf = (entry: Waiting): string => (lookups[entry.index] as Planned).inputUrl;

  const settle = (entry: Waiting, ticket: Ticket, outcome: LookupOutcome): void => {
    const fail = (message: string, reason: FailureReason): void => {
      outcomes[entry.index] = { url: urlOf(entry), message, reason };
    };
    switch (outcome.kind) {
      case 'video':
        pace.answered(ticket, outcome.rateLimitRemaining);
        outcomes[entry.index] = { ...outcome.video, inputUrl: urlOf(entry) };
        return;
      case 'notFound':
        pace.answered(ticket, outcome.rateLimitRemaining);
        fail(batchMessages.notFound, 'notFound');
        return;
      case 'failed':
        // Anything else, an answer that could not be read included: asking again could pay again.
        pace.ended(ticket);
        fail(outcome.message, 'failed');
        return;
      case 'stop':
        pace.ended(ticket);
        stopped.by = outcome;
        fail(outcome.message, 'failed');
        return;
      case 'refused':
      case 'retry': {
        // Retried here, not by Zapier: a whole-step retry would pay again for the URLs already
        // fetched. Neither a refusal nor a failed connection costs a credit.
        const tries = entry.tries + 1;
        const backoffMs = limits.backoffMs * 2 ** (tries - 1);
        const waitMs = outcome.kind === 'refused' ? (outcome.retryAfterMs ?? backoffMs) : backoffMs;
        if (outcome.kind === 'refused') pace.refused(ticket, waitMs);
        else pace.ended(ticket);
        if (tries >= limits.maxTries || left() - waitMs < pace.expectedMs()) {
          fail(batchMessages.afterTries(outcome.message, tries), 'retry');
          return;
        }
        const again = {
          index: entry.index,
          tries,
          lastMessage: outcome.message,
          notBefore: clock.now() + waitMs,
        };
        waiting = [...waiting, again].sort((a, b) => a.index - b.index);
      }
    }
  };

  const launch = (entry: Waiting): void => {
    waiting = waiting.filter((other) => other !== entry);
    const ticket = pace.start();
    const task: Promise<void> = lookUp((lookups[entry.index] as Planned).apiUrl, left()).then((outcome) => {
      running.delete(task);
      settle(entry, ticket, outcome);
    });
    running.add(task);
  };

  const ready = (): Waiting | undefined => waiting.find((entry) => entry.notBefore <= clock.now());

  /**
   * When a waiting URL may start, if that is later than now and early enough to end in time.
   * Null when only an answer can change what may start (a lookup in flight, no room left), or
   * when nothing will.
   */
  const wakeAt = (): number | null => {
    if (stopped.by !== undefined || waiting.length === 0 || !pace.hasRoom()) return null;
    const at = Math.max(pace.pausedUntil(), Math.min(...waiting.map((entry) => entry.notBefore)));
    return at > clock.now() && deadline - at >= pace.expectedMs() ? at : null;
  };

  for (;;) {
    for (
      let entry = ready();
      stopped.by === undefined && entry !== undefined && pace.mayStart(left());
      entry = ready()
    ) {
      launch(entry);
    }
    const at = wakeAt();
    if (running.size === 0 && at === null) break;
    const wake = new AbortController();
    await Promise.race([...running, ...(at === null ? [] : [clock.sleep(at - clock.now(), wake.signal)])]);
    wake.abort();
  }

  // What was never started: stopped, out of room, or out of time.
  const held = !pace.hasRoom() || deadline - pace.pausedUntil() < pace.expectedMs();
  for (const entry of waiting) {
    const url = urlOf(entry);
    outcomes[entry.index] =
      stopped.by !== undefined
        ? { url, message: stopped.by.message, reason: 'failed' }
        : entry.tries > 0
          ? { url, message: batchMessages.afterTries(entry.lastMessage, entry.tries), reason: 'retry' }
          : { url, message: held ? batchMessages.heldBack : batchMessages.outOfTime, reason: 'retry' };
  }
  const videos = outcomes.filter((item): item is Item => item !== null && 'inputUrl' in item);
  if (stopped.by !== undefined && videos.length === 0) throw stopped.by.error;
  const failures = [
    ...rejected,
    ...outcomes.filter((item): item is BatchFailure => item !== null && !('inputUrl' in item)),
  ];
  return { videos, failures, succeeded: videos.length, failed: failures.length };
};

export type Verdict =
  | { kind: 'found' }
  | { kind: 'nothingFound' }
  | { kind: 'retryLater' }
  | { kind: 'noneLookedUp'; message: string };

/**
 * What the step says about a batch. With at least one video, the result. With none, never
 * success: nothing found is Zapier's "nothing found"; failures a later try may fix (nothing was
 * paid) ask Zapier to retry; anything else is summed up for the user.
 */
export const verdictOf = ({ videos, failures }: BatchResult): Verdict => {
  if (videos.length > 0) return { kind: 'found' };
  if (failures.every((failure) => failure.reason === 'notFound')) return { kind: 'nothingFound' };
  if (failures.every((failure) => failure.reason === 'retry')) return { kind: 'retryLater' };
  const count = (reason: FailureReason) => failures.filter((failure) => failure.reason === reason).length;
  return {
    kind: 'noneLookedUp',
    message: batchMessages.noneLookedUp(
      failures.length,
      {
        invalid: count('invalid'),
        tooMany: count('tooMany'),
        notFound: count('notFound'),
        retry: count('retry'),
        failed: count('failed'),
      },
      MAX_BATCH_URLS,
    ),
  };
};
