import { API_KEYS_URL, DASHBOARD_URL } from './api';

// Zapier cuts error messages at 250 characters, so every message is built to fit.
export const MAX_MESSAGE_LENGTH = 250;

// The forms the help text names; the link check accepts more (see src/link.ts and the README).
export const ACCEPTED_URL_FORMS = [
  'https://www.tiktok.com/@user/video/<id>',
  'https://www.tiktok.com/@user/photo/<id>',
  'https://vm.tiktok.com/<code>/',
  'https://vt.tiktok.com/<code>/',
  'https://www.tiktok.com/t/<code>/',
  'https://www.tiktok.com/embed/v2/<id>',
  'https://m.tiktok.com/v/<id>.html',
] as const;

/** The accepted forms for help text, where Zapier wants bare addresses in backticks (D008). */
export const ACCEPTED_FORMS_HELP = `Accepted: ${ACCEPTED_URL_FORMS.map((form) => `\`${form}\``).join(', ')}, TikTok's share text with the link in it, or the post's id alone.`;

const WHAT_WORKS =
  "Paste the link of one video or photo post, such as https://www.tiktok.com/@user/video/<id> or https://vm.tiktok.com/<code>/, or the post's id.";

const notOnePost = (what: string): string => `That is a link to ${what}, not to one video. ${WHAT_WORKS}`;

export const urlMessages = {
  missing: `Enter the TikTok video to look up. ${WHAT_WORKS}`,
  notAUrl: `That is not a web address. ${WHAT_WORKS}`,
  notTikTokVideo: `That is not a link to a TikTok video. ${WHAT_WORKS}`,
  douyin: `That is a Douyin link (TikTok's app in China), which DumplingAI does not look up. ${WHAT_WORKS}`,
  redirect: `That is TikTok's redirect to another website, not a TikTok video. ${WHAT_WORKS}`,
  profile: notOnePost('a TikTok profile'),
  music: notOnePost('a TikTok sound page'),
  hashtag: notOnePost('a TikTok hashtag page'),
  effect: notOnePost('a TikTok effect page'),
  collection: notOnePost('a TikTok collection or playlist'),
  live: notOnePost('a TikTok LIVE page'),
  feed: notOnePost('a TikTok feed or search page'),
} as const;

/** What a refused link is, when that is known; each kind has its own message. */
export type RefusedKind = keyof typeof urlMessages;

export const connectionMessages = {
  invalidKey: `Your DumplingAI API key is invalid or inactive. Copy a working key from your API Keys page (${API_KEYS_URL}) and reconnect.`,
  badKeyCharacters: `Your DumplingAI API key contains characters that no DumplingAI key has (a line break, a space or a special character, often picked up when copying). Copy it again from ${API_KEYS_URL} and reconnect.`,
} as const;

/**
 * Who the app was talking to, and where the user reads about it: a step's error, a batch's list
 * of failures, the connection test, or a file in a later step.
 */
export type Party = 'DumplingAI' | 'TikTok';
export type Context = 'step' | 'batch' | 'connection' | 'file';

const secondsText = (seconds: number): string => `${seconds} second${seconds === 1 ? '' : 's'}`;

/** What to do next, in words that fit where the user reads the message. */
const tryAgain = (context: Context, delaySeconds: number): string => {
  switch (context) {
    case 'step':
      return `Zapier will retry this step in about ${secondsText(delaySeconds)}; nothing needs to change.`;
    case 'batch':
      return 'Run this URL again later.';
    case 'connection':
      return `Try connecting again in about ${secondsText(delaySeconds)}.`;
    case 'file':
      return `Replay this task in about ${secondsText(delaySeconds)}.`;
  }
};

export const networkMessages = {
  unreachable: (who: Party, context: Context): string =>
    context === 'file'
      ? 'Could not download this file from TikTok: the connection failed or was cut off. Replay this task in a few minutes; if it keeps failing, run Get TikTok Video again for a fresh address.'
      : `Could not reach ${who}: the connection failed or was cut off. ${tryAgain(context, 60)}`,
  tooSlow: (who: Party, seconds: number, context: Context): string =>
    context === 'file'
      ? `TikTok took more than ${secondsText(seconds)} to send this file, so the download was stopped before Zapier's time limit. Replay this task later.`
      : `${who} took more than ${secondsText(seconds)} to answer, so the ${context === 'connection' ? 'check of your key' : 'lookup'} was stopped before Zapier's time limit. Try again later.`,
  tooLarge: (context: Context): string =>
    context === 'file'
      ? 'This TikTok file is larger than Zapier takes as a file (150 MB). Map its address field instead of the file.'
      : 'DumplingAI sent an answer far larger than TikTok video data, so it was not read. Try again later; if it keeps happening, contact DumplingAI support.',
} as const;

// Cuts text taken from an upstream answer so the whole message stays under Zapier's limit.
export const clip = (text: string, room: number): string =>
  text.length <= room ? text : `${text.slice(0, Math.max(0, room - 1))}…`;

const withDetail = (before: string, detail: string, after: string): string =>
  `${before}${clip(detail, MAX_MESSAGE_LENGTH - before.length - after.length)}${after}`;

export const apiMessages = {
  badRequest: (detail: string): string =>
    withDetail('DumplingAI could not process this URL: ', detail, ' Check the link and try again.'),
  outOfCredits: `Your DumplingAI account is out of credits. Top up in your DumplingAI dashboard (${DASHBOARD_URL}) and replay this task.`,
  notFound: (detail: string): string =>
    withDetail(
      'DumplingAI found no TikTok video: ',
      detail,
      ' Check that the video is public and still online.',
    ),
  rateLimited: (delaySeconds: number, context: Context): string =>
    `DumplingAI's video service is rate-limited right now. ${tryAgain(context, delaySeconds)}`,
  tooManyRequests: (delaySeconds: number, context: Context): string =>
    `DumplingAI is getting too many requests from your account right now. ${tryAgain(context, delaySeconds)}`,
  serverError: (detail: string): string =>
    withDetail(
      'DumplingAI had a problem on its side: ',
      detail,
      ' Try again later; if it keeps happening, contact DumplingAI support.',
    ),
  unexpectedStatus: (status: number, detail: string): string =>
    withDetail(
      `DumplingAI answered with an unexpected error (HTTP ${status}): `,
      detail,
      ' Try again later.',
    ),
  unreadableAnswer: (detail: string): string =>
    withDetail(
      'DumplingAI sent an answer that is not TikTok video data: ',
      detail,
      ' Try again later; if it keeps happening, contact DumplingAI support.',
    ),
  noDetail: 'no details were given.',
  redacted: ':censored:',
} as const;

export const fileMessages = {
  badPointer:
    'This file reference is incomplete. Run the Get TikTok Video step again, then map its file field afresh.',
  unavailable: (status: number): string =>
    `This TikTok file address no longer works (HTTP ${status}); TikTok's addresses expire after a while. Run the Get TikTok Video step again to get a fresh one, then replay this task.`,
  expired:
    "This TikTok file address has expired (TikTok's addresses last a few hours), so it was not downloaded. Run the Get TikTok Video step again to get a fresh one, then replay this task.",
} as const;

export const batchMessages = {
  notFound:
    'DumplingAI found no TikTok video at this address. Check that the video is public and still online.',
  tooMany: (limit: number): string =>
    `Not looked up: one batch takes up to ${limit} different URLs. Look this one up in another step.`,
  outOfTime:
    'Not looked up: the step ran out of time (Zapier allows 30 seconds per step). Run this URL again in another step.',
  afterTries: (message: string, tries: number): string =>
    `${message} (Tried ${tries} ${tries === 1 ? 'time' : 'times'}.)`,
  unexpected:
    'This URL could not be looked up because of an unexpected problem. Run it again later; if it keeps happening, contact DumplingAI support.',
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

export const transcriptMessages = {
  badLanguage: (entered: string): string =>
    `"${clip(entered, 20)}" is not a language code. Enter the two-letter ISO 639-1 code of the transcript's language, such as en, es, fr or pt.`,
  unreadableAnswer: (detail: string): string =>
    withDetail(
      'DumplingAI sent an answer that is not a transcript: ',
      detail,
      ' Try again later; if it keeps happening, contact DumplingAI support.',
    ),
} as const;
