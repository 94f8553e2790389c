import { LOOKUP_MS, STEP_BUDGET_MS } from '../dumplingai/limits';
import { createPace, type PaceLimits, type Ticket } from './pace';

// Many lookups in one step or poll, within Zapier's 30 seconds: as many at a time as the pace
// allows (see pace.ts), each tried again after a refusal or a failed connection while time is
// left, none started that could not end in time, none started after a stop (401, 403). The batch
// of video links and the trigger's roster of creators both run their lookups here.

export interface PacedLimits extends PaceLimits {
  /** Zapier stops a step after 30 s; nothing is started that would end after this. */
  budgetMs: number;
  /** Tries for a lookup that may pass on a later try (rate limits, network), with backoff. */
  maxTries: number;
  backoffMs: number;
}

export const DEFAULT_PACE: Readonly<PacedLimits> = Object.freeze({
  // Three at once is what the batch always ran, and DumplingAI kept up with it.
  startInFlight: 3,
  // The fewest that fetch 25 lookups of 5 s each in four rounds (3, 6, 8, 8 at once), done 20 s
  // in, which leaves the budget's last 5 s for a retry after a 429 or 503. See the README.
  maxInFlight: 8,
  firstLookupMs: LOOKUP_MS,
  budgetMs: STEP_BUDGET_MS,
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
 * One lookup's result. `refused` (429, 503) and `retry` (no answer came) cost nothing, and a
 * later try may pass. `stop`: every other lookup would fail the same way (a rejected key, no
 * credits left). `failed`: anything else; asking again could pay again. `found` and `notFound`
 * say how much room DumplingAI's X-RateLimit-Remaining left.
 */
export type LookupOutcome<T> =
  | { kind: 'found'; value: T; rateLimitRemaining?: number | null }
  | { kind: 'notFound'; rateLimitRemaining?: number | null }
  /** `retryAfterMs`: DumplingAI's Retry-After, when it gave one. */
  | { kind: 'refused'; message: string; retryAfterMs?: number }
  | { kind: 'retry'; message: string }
  | { kind: 'failed'; message: string }
  | { kind: 'stop'; error: Error; message: string };

/** Looks up the `index`th key, in at most `timeoutMs`. */
export type PacedLookUp<T> = (index: number, timeoutMs: number) => Promise<LookupOutcome<T>>;

/** How each lookup ended. */
export type Settled<T> =
  | { kind: 'found'; value: T }
  | { kind: 'notFound' }
  | { kind: 'failed'; message: string }
  /** Refused or unanswered on every try it had; `message` is what the last try said. */
  | { kind: 'gaveUp'; message: string; tries: number }
  /** Never started, or not tried again, after a stop: `message` is the stop's. */
  | { kind: 'stopped'; message: string }
  /** Never started: with no room left under the rate limit, or with no time left. */
  | { kind: 'notStarted'; why: 'heldBack' | 'outOfTime' };

export interface PacedResult<T> {
  settled: Settled<T>[];
  /** The error that stopped the run (401, 403), once one came back. */
  stop: { error: Error; message: string } | null;
}

/** A lookup not started yet, or to be tried again. */
interface Waiting {
  index: number;
  tries: number;
  /** What the last try said, for the report if there is no other. */
  lastMessage: string;
  /** Not before this time: a backoff, or DumplingAI's Retry-After. */
  notBefore: number;
}

/**
 * Runs `count` lookups within the time budget, in index order (a lookup tried again goes before
 * those not tried yet), as many at a time as the pace allows, starting none that could not end in
 * time. Every lookup's end is returned; after a stop, no lookup starts.
 */
export const runPaced = async <T>(
  count: number,
  lookUp: PacedLookUp<T>,
  limits: Readonly<PacedLimits>,
  clock: Clock,
): Promise<PacedResult<T>> => {
  const deadline = clock.now() + limits.budgetMs;
  const left = (): number => deadline - clock.now();
  const pace = createPace(limits, clock.now);
  const settled: (Settled<T> | null)[] = Array.from({ length: count }, () => null);
  let waiting: Waiting[] = settled.map((_, index) => ({
    index,
    tries: 0,
    lastMessage: '',
    notBefore: -Infinity,
  }));
  const running = new Set<Promise<void>>();
  // In an object, so that TypeScript does not take it for null after the settle callbacks set it.
  const stopped: { by: PacedResult<T>['stop'] } = { by: null };

  const settle = (entry: Waiting, ticket: Ticket, outcome: LookupOutcome<T>): void => {
    switch (outcome.kind) {
      case 'found':
        pace.answered(ticket, outcome.rateLimitRemaining);
        settled[entry.index] = { kind: 'found', value: outcome.value };
        return;
      case 'notFound':
        pace.answered(ticket, outcome.rateLimitRemaining);
        settled[entry.index] = { kind: 'notFound' };
        return;
      case 'failed':
        pace.ended(ticket);
        settled[entry.index] = { kind: 'failed', message: outcome.message };
        return;
      case 'stop':
        pace.ended(ticket);
        stopped.by = { error: outcome.error, message: outcome.message };
        settled[entry.index] = { kind: 'failed', message: outcome.message };
        return;
      case 'refused':
      case 'retry': {
        // Tried again here, not by Zapier: a whole-step retry would pay again for what was
        // already fetched. Neither a refusal nor an answer that never came costs a credit.
        const tries = entry.tries + 1;
        const backoffMs = limits.backoffMs * 2 ** (tries - 1);
        const waitMs = outcome.kind === 'refused' ? (outcome.retryAfterMs ?? backoffMs) : backoffMs;
        if (outcome.kind === 'refused') pace.refused(ticket, waitMs);
        else pace.ended(ticket);
        if (tries >= limits.maxTries || left() - waitMs < pace.expectedMs()) {
          settled[entry.index] = { kind: 'gaveUp', message: outcome.message, tries };
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
    const task: Promise<void> = lookUp(entry.index, left()).then((outcome) => {
      running.delete(task);
      settle(entry, ticket, outcome);
    });
    running.add(task);
  };

  const ready = (): Waiting | undefined => waiting.find((entry) => entry.notBefore <= clock.now());

  /**
   * When a waiting lookup may start, if that is later than now and early enough to end in time.
   * Null when only an answer can change what may start (a lookup in flight, no room left), or
   * when nothing will.
   */
  const wakeAt = (): number | null => {
    if (stopped.by !== null || waiting.length === 0 || !pace.hasRoom()) return null;
    const at = Math.max(pace.pausedUntil(), Math.min(...waiting.map((entry) => entry.notBefore)));
    return at > clock.now() && deadline - at >= pace.expectedMs() ? at : null;
  };

  for (;;) {
    for (
      let entry = ready();
      stopped.by === null && entry !== undefined && pace.mayStart(left());
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

  // What was never started, or is still waiting for another try: stopped, out of room, or out of time.
  const held = !pace.hasRoom() || deadline - pace.pausedUntil() < pace.expectedMs();
  for (const entry of waiting) {
    settled[entry.index] =
      stopped.by !== null
        ? { kind: 'stopped', message: stopped.by.message }
        : entry.tries > 0
          ? { kind: 'gaveUp', message: entry.lastMessage, tries: entry.tries }
          : { kind: 'notStarted', why: held ? 'heldBack' : 'outOfTime' };
  }
  // Every lookup was launched and settled, or is among those waiting.
  return { settled: settled as Settled<T>[], stop: stopped.by };
};
