import { API_KEYS_URL, DASHBOARD_URL } from './endpoints';
import { MAX_FILE_BYTES, MAX_MESSAGE_LENGTH, RETRY_SECONDS } from './limits';

export const connectionMessages = {
  invalidKey: `Your DumplingAI API key is invalid or inactive. Copy a working key from your API Keys page (${API_KEYS_URL}) and reconnect.`,
  badKeyCharacters: `Your DumplingAI API key contains characters that no DumplingAI key has (a line break, a space or a special character, often picked up when copying). Copy it again from ${API_KEYS_URL} and reconnect.`,
  // The connection test asks for the account's balance, not for a video.
  notFound: `DumplingAI did not recognise the request that checks your key (HTTP 404). Try connecting again later; if it keeps happening, contact DumplingAI support.`,
} as const;

/**
 * Who the app was talking to, and where the user reads about it: a step's error, a batch's list
 * of failures, a trigger's error (its Zap's owner reads it; Zapier polls again by itself), the
 * connection test, or a file in a later step.
 */
export type Party = 'DumplingAI' | 'TikTok';
export type Context = 'step' | 'batch' | 'trigger' | 'connection' | 'file';
/** Where a lookup's answer is read: a step, one line of a batch, or a trigger's poll. */
export type LookupContext = Extract<Context, 'step' | 'batch' | 'trigger'>;

const secondsText = (seconds: number): string => `${seconds} second${seconds === 1 ? '' : 's'}`;

// DumplingAI has charged for an answer it sent, even one that never arrived whole.
const askingAgainCosts = (context: LookupContext): string => {
  switch (context) {
    case 'step':
      return 'Replay this task to ask again; that costs one more lookup.';
    case 'batch':
      return 'Running this URL again costs one more lookup.';
    case 'trigger':
      return 'The trigger asks again at its next check, which costs one more lookup.';
  }
};

/** What to do next, in words that fit where the user reads the message. */
const tryAgain = (context: Context, delaySeconds: number): string => {
  switch (context) {
    case 'step':
      return `Zapier will retry this step in about ${secondsText(delaySeconds)}; nothing needs to change.`;
    case 'batch':
      return 'Run this URL again later.';
    case 'trigger':
      return 'The trigger tries again at its next check; nothing needs to change.';
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
      : `Could not reach ${who}: the connection failed or was cut off before any answer, so nothing was charged. ${tryAgain(context, RETRY_SECONDS)}`,
  // No answer came (not even its headers): DumplingAI charges for the lookups it answers, so as far
  // as the app can tell none was charged, and asking again is a retry like a failed connection.
  tooSlow: (who: Party, seconds: number, context: Context): string => {
    switch (context) {
      case 'file':
        return `TikTok took more than ${secondsText(seconds)} to send this file, so the download was stopped before Zapier's time limit. Replay this task later.`;
      case 'connection':
        return `${who} took more than ${secondsText(seconds)} to answer, so the check of your key was stopped. ${tryAgain(context, RETRY_SECONDS)}`;
      default:
        return `${who} sent no answer within ${secondsText(seconds)}, so the lookup was stopped before Zapier's time limit; with no answer, nothing was charged. ${tryAgain(context, RETRY_SECONDS)}`;
    }
  },
  tooLarge: (context: Context): string =>
    context === 'file'
      ? `This TikTok file is larger than ${MAX_FILE_BYTES / 1_000_000} MB, the most this app hands to Zapier as a file. Map its address field instead of the file.`
      : 'DumplingAI sent an answer far larger than TikTok video data, so it was not read. Try again later; if it keeps happening, contact DumplingAI support.',
} as const;

// Cuts text taken from an upstream answer so the whole message stays under Zapier's limit.
export const clip = (text: string, room: number): string =>
  text.length <= room ? text : `${text.slice(0, Math.max(0, room - 1))}…`;

// DumplingAI's details often end without a full stop ("Internal server error"): one is added, so
// the advice after it starts a sentence of its own.
const sentence = (detail: string): string => (/[.!?…]$/.test(detail) ? detail : `${detail}.`);

const withDetail = (before: string, detail: string, after: string): string =>
  `${before}${clip(sentence(detail), MAX_MESSAGE_LENGTH - before.length - after.length)}${after}`;

// What to do when DumplingAI failed on its side: a trigger tries again by itself.
const later = (context: Context): string =>
  context === 'trigger' ? 'The trigger tries again at its next check' : 'Try again later';

export const apiMessages = {
  badRequest: (detail: string, context: Context = 'step'): string =>
    context === 'trigger'
      ? withDetail(
          'DumplingAI could not process the creator this trigger sent: ',
          detail,
          ' Check the creator entered in this trigger.',
        )
      : withDetail(
          'DumplingAI could not process what this step sent: ',
          detail,
          ' Check the link, username or search words in this step and try again.',
        ),
  outOfCredits: (context: Context = 'step'): string =>
    `Your DumplingAI account is out of credits. Top up in your DumplingAI dashboard (${DASHBOARD_URL})${context === 'trigger' ? '; the trigger picks up again at its next check.' : ' and replay this task.'}`,
  notFound: (detail: string): string =>
    withDetail(
      'DumplingAI found no TikTok video: ',
      detail,
      ' Check that the video is public and still online.',
    ),
  rateLimited: (delaySeconds: number, context: Context, service: string): string =>
    `DumplingAI's ${service} is rate-limited right now. ${tryAgain(context, delaySeconds)}`,
  tooManyRequests: (delaySeconds: number, context: Context): string =>
    `DumplingAI is getting too many requests from your account right now. ${tryAgain(context, delaySeconds)}`,
  serverError: (detail: string, context: Context = 'step'): string =>
    withDetail(
      'DumplingAI had a problem on its side: ',
      detail,
      ` ${later(context)}; if it keeps happening, contact DumplingAI support.`,
    ),
  unexpectedStatus: (status: number, detail: string, context: Context = 'step'): string =>
    withDetail(
      `DumplingAI answered with an unexpected error (HTTP ${status}): `,
      detail,
      ` ${later(context)}.`,
    ),
  unreadableAnswer: (detail: string): string =>
    withDetail(
      'DumplingAI sent an answer that is not TikTok video data: ',
      detail,
      ' Try again later; if it keeps happening, contact DumplingAI support.',
    ),
  unreadableTranscript: (detail: string): string =>
    withDetail(
      'DumplingAI sent an answer that is not a transcript: ',
      detail,
      ' Try again later; if it keeps happening, contact DumplingAI support.',
    ),
  unreadableProfile: (detail: string): string =>
    withDetail(
      'DumplingAI sent an answer that is not a TikTok profile: ',
      detail,
      ' Try again later; if it keeps happening, contact DumplingAI support.',
    ),
  unreadablePosts: (detail: string): string =>
    withDetail(
      "DumplingAI sent an answer that is not a list of the creator's posts: ",
      detail,
      ' Try again later; if it keeps happening, contact DumplingAI support.',
    ),
  // DumplingAI charges for a lookup it has answered, so the words say what asking again costs.
  answeredTooSlowly: (context: LookupContext): string =>
    `DumplingAI answered, but its answer stopped arriving, so it was given up before Zapier's time limit. ${askingAgainCosts(context)}`,
  answeredUnreadable: (context: LookupContext): string =>
    `DumplingAI answered, but its answer was cut off or damaged on the way and could not be read. ${askingAgainCosts(context)}`,
  unreadableCreators: (detail: string): string =>
    withDetail(
      'DumplingAI sent an answer that is not a list of TikTok creators: ',
      detail,
      ' Try again later; if it keeps happening, contact DumplingAI support.',
    ),
  unreadableComments: (detail: string): string =>
    withDetail(
      "DumplingAI sent an answer that is not a list of the video's comments: ",
      detail,
      ' Try again later; if it keeps happening, contact DumplingAI support.',
    ),
  noDetail: 'no details were given.',
  redacted: ':censored:',
} as const;

/**
 * For an error that is neither the network, DumplingAI, Zapier nor the user's input: a bug in the
 * app. Never retried on its own, since the same input would meet the same bug.
 */
export const unexpectedMessage = (context: Context): string => {
  const bug = 'The Dumpling AI app hit an unexpected problem (a bug on our side, not your data).';
  switch (context) {
    case 'trigger':
      return `${bug} If it happens at every check, contact DumplingAI support.`;
    case 'connection':
      return `${bug} Try connecting again; if it keeps happening, contact DumplingAI support.`;
    default:
      return `${bug} Replay this task; if it keeps happening, contact DumplingAI support.`;
  }
};
