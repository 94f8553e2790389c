// How many lookups a batch keeps in flight. DumplingAI publishes no rate limits (its plans differ),
// so the batch learns them as it goes, the way TCP paces a connection: it starts modestly, adds one
// lookup for every answer, halves at a refusal (429, 503) and starts nothing until the refusal's
// wait is over, then grows by about one per round of answers. It never passes its ceiling, nor the
// room DumplingAI's X-RateLimit-Remaining leaves. Pure: the time comes from `now`.

export interface PaceLimits {
  /** Lookups in flight before DumplingAI has answered any. */
  startInFlight: number;
  /** Never more in flight than this, whatever DumplingAI allows (the README says why). */
  maxInFlight: number;
  /** What a lookup is taken to need until DumplingAI has answered one. */
  firstLookupMs: number;
}

/** One lookup, as the pace saw it start. */
export interface Ticket {
  /** Its place among the lookups started, from 0. */
  readonly seq: number;
  readonly startedAt: number;
}

export interface Pace {
  /** Whether a lookup may start now, with `leftMs` of the step's time left. */
  mayStart: (leftMs: number) => boolean;
  start: () => Ticket;
  /** DumplingAI answered (a video, or none found), saying how many more requests it allows. */
  answered: (ticket: Ticket, rateLimitRemaining?: number | null) => void;
  /** DumplingAI refused it (429, 503): fewer at once, and nothing starts for `waitMs`. */
  refused: (ticket: Ticket, waitMs: number) => void;
  /** Any other end, which says nothing of how DumplingAI keeps up. */
  ended: (ticket: Ticket) => void;
  /** When the wait after a refusal ends (in the past, or -Infinity, when there is none). */
  pausedUntil: () => number;
  /** How long a lookup is taken to need: the longest answer so far, or `firstLookupMs` before any. */
  expectedMs: () => number;
  /** False while X-RateLimit-Remaining, less the requests started since, leaves no room. */
  hasRoom: () => boolean;
}

export const createPace = (
  { startInFlight, maxInFlight, firstLookupMs }: PaceLimits,
  now: () => number,
): Pace => {
  // Fractional: after a refusal, each answer adds 1/allowed, about one per round of answers.
  let level = Math.min(startInFlight, maxInFlight);
  let growing = true;
  let started = 0;
  let inFlight = 0;
  let pausedUntil = -Infinity;
  let longestMs: number | null = null;
  // Lookups started before this one were already in flight at the last decrease: their refusals
  // are the same crowding, and lower nothing again.
  let recoveredFrom = 0;
  // The freshest room report: which lookup carried it (the latest started wins) and what it said.
  let report: { seq: number; remaining: number } | null = null;

  const allowed = (): number => Math.floor(level);
  // DumplingAI counted the reporting request and every earlier one; those started after it are
  // not in its figure yet, so each takes one from it.
  const room = (): number => (report === null ? Infinity : report.remaining - (started - report.seq - 1));
  const expectedMs = (): number => longestMs ?? firstLookupMs;

  return {
    mayStart: (leftMs) =>
      now() >= pausedUntil && inFlight < allowed() && room() > 0 && leftMs >= expectedMs(),
    start: () => {
      const ticket = { seq: started, startedAt: now() };
      started += 1;
      inFlight += 1;
      return ticket;
    },
    answered: (ticket, rateLimitRemaining) => {
      inFlight -= 1;
      longestMs = Math.max(longestMs ?? 0, now() - ticket.startedAt);
      level = Math.min(maxInFlight, level + (growing ? 1 : 1 / allowed()));
      if (typeof rateLimitRemaining === 'number' && (report === null || ticket.seq > report.seq)) {
        report = { seq: ticket.seq, remaining: rateLimitRemaining };
      }
    },
    refused: (ticket, waitMs) => {
      inFlight -= 1;
      pausedUntil = Math.max(pausedUntil, now() + waitMs);
      if (ticket.seq < recoveredFrom) return;
      level = Math.max(1, level / 2);
      growing = false;
      recoveredFrom = started;
    },
    ended: () => {
      inFlight -= 1;
    },
    pausedUntil: () => pausedUntil,
    expectedMs,
    hasRoom: () => room() > 0,
  };
};
