import { checkTikTokLink } from '../tiktok/link';
import type { TikTokVideoOutput } from '../zapier/media';
import { runPaced, type Clock, type LookupOutcome, type PacedLimits, type Settled } from './paced';

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

/** One video lookup, by the address DumplingAI is sent. */
export type LookUp = (url: string, timeoutMs: number) => Promise<LookupOutcome<TikTokVideoOutput>>;

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

/** A URL's line in the step's output: its video, or why it has none. */
const lineOf = (url: string, settled: Settled<TikTokVideoOutput>): Item | BatchFailure => {
  switch (settled.kind) {
    case 'found':
      return { ...settled.value, inputUrl: url };
    case 'notFound':
      return { url, message: batchMessages.notFound, reason: 'notFound' };
    case 'failed':
      return { url, message: settled.message, reason: 'failed' };
    case 'stopped':
      // Running it again needs the account fixed first: the stop's own words say how.
      return { url, message: settled.message, reason: 'failed' };
    case 'gaveUp':
      return { url, message: batchMessages.afterTries(settled.message, settled.tries), reason: 'retry' };
    case 'notStarted':
      return {
        url,
        message: settled.why === 'heldBack' ? batchMessages.heldBack : batchMessages.outOfTime,
        reason: 'retry',
      };
  }
};

/**
 * Looks up every planned URL within the time budget (see paced.ts). What was fetched is always
 * returned: after a stop (401, 403) no lookup starts, and the URLs not reached are reported with
 * that error's message. Only when nothing was fetched is the stop thrown.
 */
export const runBatch = async (
  urls: unknown[],
  lookUp: LookUp,
  pace: Readonly<PacedLimits>,
  clock: Clock,
): Promise<BatchResult> => {
  const { lookups, failures: rejected } = planBatch(urls);
  const { settled, stop } = await runPaced(
    lookups.length,
    (index, timeoutMs) => lookUp((lookups[index] as Planned).apiUrl, timeoutMs),
    pace,
    clock,
  );
  const lines = settled.map((end, index) => lineOf((lookups[index] as Planned).inputUrl, end));
  const videos = lines.filter((line): line is Item => 'inputUrl' in line);
  if (stop !== null && videos.length === 0) throw stop.error;
  const failures = [...rejected, ...lines.filter((line): line is BatchFailure => !('inputUrl' in line))];
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
