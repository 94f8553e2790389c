// The numbers that bound what the app does, in one place, so that a message quoting one of them
// says what the code enforces.

/** Zapier cuts error messages at 250 characters, so every message is built to fit. */
export const MAX_MESSAGE_LENGTH = 250;

/**
 * Zapier stops a step (and a poll) after 30 s: a step starts nothing after this much of it, which
 * leaves room for its own message. Every time budget is this one.
 */
export const STEP_BUDGET_MS = 25_000;

/**
 * A TikTok lookup is a live scrape, and several seconds is ordinary: what one is taken to need
 * before DumplingAI has answered any, and the least time left in which a step asks for a page.
 */
export const LOOKUP_MS = 5_000;

/**
 * How long an exchange may take and how much it may read. Zapier stops a step after 30 s; each
 * deadline leaves room for the app's own message. Passed in where a test needs other values.
 */
export interface Limits {
  apiDeadlineMs: number;
  connectionDeadlineMs: number;
  fileDeadlineMs: number;
  /** A TikTok post's JSON is tens of kilobytes; anything near this is not one. */
  maxAnswerBytes: number;
}

export const LIMITS: Readonly<Limits> = Object.freeze({
  apiDeadlineMs: STEP_BUDGET_MS,
  connectionDeadlineMs: 15_000,
  fileDeadlineMs: STEP_BUDGET_MS,
  maxAnswerBytes: 10_000_000,
});

/**
 * Zapier's hard limit for a file is 150 MB, and runs with files from about 100 MB get killed, so
 * the app refuses files above 100 MB.
 */
export const MAX_FILE_BYTES = 100_000_000;

/**
 * How long Zapier waits before it tries a step again after a failure a later try may fix (a rate
 * limit without `Retry-After`, a network failure): a minute lets a short hiccup pass.
 */
export const RETRY_SECONDS = 60;

/**
 * A rate-limited lookup costs nothing, so waiting longer than an hour only holds the Zap up: a
 * longer `Retry-After` is a quota reset or a mistake, and Zapier can simply try again then.
 */
export const MAX_RETRY_SECONDS = 3600;
