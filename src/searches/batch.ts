import { checkTikTokLink } from '../tiktok/link';
import type { TikTokVideoOutput } from './lookUpVideo';

export const batchMessages = {
  notFound:
    'DumplingAI found no TikTok video at this address. Check that the video is public and still online.',
  tooMany: (limit: number): string =>
    `Not looked up: one batch takes up to ${limit} different URLs. Look this one up in another step.`,
  outOfTime:
    'Not looked up: the step ran out of time (Zapier allows 30 seconds per step). Run this URL again in another step.',
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

export interface BatchLimits {
  /** Lookups in flight at once: enough to be quick, few enough not to trip DumplingAI's rate limit. */
  concurrency: number;
  /** Zapier stops a step after 30 s; the batch stops starting lookups well before that. */
  budgetMs: number;
  /** A lookup upstream can take seconds: none starts with less time than this left. */
  minLookupMs: number;
  /** Tries for a URL whose lookup may pass on a later try (rate limits, network), with backoff. */
  maxTries: number;
  backoffMs: number;
}

export const DEFAULT_LIMITS: Readonly<BatchLimits> = Object.freeze({
  concurrency: 3,
  budgetMs: 25_000,
  minLookupMs: 5_000,
  maxTries: 3,
  backoffMs: 1_000,
});

/**
 * One lookup's result. `retry`: nothing was paid and a later try may pass (a rate limit, the
 * network). `stop`: every other URL would fail the same way (a rejected key, no credits left).
 */
export type LookupOutcome =
  | { kind: 'video'; video: TikTokVideoOutput }
  | { kind: 'notFound' }
  | { kind: 'retry'; message: string }
  | { kind: 'failed'; message: string; retryable?: true }
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

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

type Item = BatchResult['videos'][number];

/**
 * Looks up every planned URL, a few at a time, within the time budget. What was fetched is
 * always returned: after a stop (401, 403) no lookup starts, and the URLs not reached are
 * reported with that error's message. Only when nothing was fetched is the stop thrown.
 */
export const runBatch = async (
  urls: unknown[],
  lookUp: LookUp,
  limits: Readonly<BatchLimits>,
  now: () => number = Date.now,
): Promise<BatchResult> => {
  const deadline = now() + limits.budgetMs;
  const left = (): number => deadline - now();
  const { lookups, failures: rejected } = planBatch(urls);
  const outcomes: (Item | BatchFailure | null)[] = lookups.map(() => null);
  let next = 0;
  // The error that stops the batch (401, 403), once one has come back.
  const stop: { error?: Error; message: string } = { message: '' };

  const lookUpWithRetries = async ({ inputUrl, apiUrl }: Planned): Promise<Item | BatchFailure> => {
    for (let attempt = 1; ; attempt += 1) {
      if (left() < limits.minLookupMs)
        return { url: inputUrl, message: batchMessages.outOfTime, reason: 'retry' };
      const outcome = await lookUp(apiUrl, left());
      if (outcome.kind === 'video') return { ...outcome.video, inputUrl };
      if (outcome.kind === 'notFound')
        return { url: inputUrl, message: batchMessages.notFound, reason: 'notFound' };
      if (outcome.kind === 'failed') {
        return { url: inputUrl, message: outcome.message, reason: outcome.retryable ? 'retry' : 'failed' };
      }
      if (outcome.kind === 'stop') {
        Object.assign(stop, { error: outcome.error, message: outcome.message });
        return { url: inputUrl, message: outcome.message, reason: 'failed' };
      }
      // Retried here, not by Zapier: a whole-step retry would pay again for the URLs already
      // fetched. A failed lookup costs no credit, so retrying before Retry-After is cheap.
      const wait = limits.backoffMs * 2 ** (attempt - 1);
      if (attempt >= limits.maxTries || left() - wait < limits.minLookupMs) {
        return {
          url: inputUrl,
          message: batchMessages.afterTries(outcome.message, attempt),
          reason: 'retry',
        };
      }
      await sleep(wait);
    }
  };

  const worker = async (): Promise<void> => {
    while (stop.error === undefined && next < lookups.length) {
      const index = next++;
      outcomes[index] = await lookUpWithRetries(lookups[index] as Planned);
    }
  };

  await Promise.all(Array.from({ length: Math.min(limits.concurrency, lookups.length) }, worker));

  const videos = outcomes.filter((item): item is Item => item !== null && 'inputUrl' in item);
  if (stop.error !== undefined && videos.length === 0) throw stop.error;
  // A URL without an outcome was never started, because the batch stopped first.
  const failures = [
    ...rejected,
    ...outcomes
      .map(
        (item, index) =>
          item ?? {
            url: (lookups[index] as Planned).inputUrl,
            message: stop.message,
            reason: 'failed' as const,
          },
      )
      .filter((item): item is BatchFailure => !('inputUrl' in item)),
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
