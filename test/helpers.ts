import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import zapier, { type Bundle, type ZObject } from 'zapier-platform-core';

import App from '../index';
import { getTikTokVideos } from '../src/searches/getTikTokVideos';
import { getTikTokVideo } from '../src/searches/getTikTokVideo';
import { authentication } from '../src/dumplingai/connection';
import { userMessageOf } from '../src/dumplingai/errors';

export const API = 'https://app.dumplingai.com';
export const VIDEO_PATH = '/api/v1/get-tiktok-video';
// Distinctive, so a test can prove it never leaks into a message or a log line.
export const API_KEY = 'sk_test_LEAKCHECK_9f8e7d6c5b4a';

export const appTester = zapier.createAppTester(App);

/** A fixture's text as DumplingAI would send it (JSON imports would round its 19-digit numbers). */
export const readFixture = (name: string): string =>
  readFileSync(join(__dirname, 'fixtures', `${name}.json`), 'utf8');

export const bundleFor = (
  inputData: Record<string, unknown> = {},
  apiKey: string = API_KEY,
): Partial<Bundle> => ({
  authData: { apiKey },
  inputData,
});

/** bundle.meta of a step run in a Zap, as the CLI's invoke gives it too: no sample, no dedupe baseline. */
export const ZAP_META = {
  isLoadingSample: false,
  isPopulatingDedupe: false,
  isFillingDynamicDropdown: false,
  limit: -1,
  page: 0,
};

/** The message a Zap user reads, from any error the app throws. */
export const userMessage = (error: unknown): string =>
  userMessageOf(error instanceof Error ? error.message : String(error));

/** Runs `action` and returns what it threw; fails the test when it did not throw. */
export const caught = async (action: () => Promise<unknown>): Promise<Error> => {
  try {
    await action();
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`threw a non-error: ${String(error)}`, { cause: error });
  }
  throw new Error('expected an error, but none was thrown');
};

type Perform = (z: ZObject, bundle: Bundle) => unknown;

/**
 * Runs one of the app's own functions through Zapier's middleware, as Zapier would. A step's
 * function is typed by its input fields; the bundle here is whatever the test gives it.
 */
export const run = <Input extends Record<string, unknown>>(
  perform: (z: ZObject, bundle: Bundle<Input>) => unknown,
  bundle: Partial<Bundle>,
): Promise<unknown> => appTester(perform as Perform, bundle);

export const searchVideo = (url: unknown, apiKey: string = API_KEY): Promise<unknown> =>
  run(getTikTokVideo.operation.perform as Perform, bundleFor({ url }, apiKey));

export interface BatchOutput {
  videos: Record<string, unknown>[];
  failures: { url: string; message: string }[];
  succeeded: number;
  failed: number;
}

/** Get TikTok Videos as Zapier runs it: a search's list of results. */
export const batchSearch = (urls: unknown, apiKey: string = API_KEY): Promise<unknown[]> =>
  run(getTikTokVideos.operation.perform as Perform, bundleFor({ urls }, apiKey)) as Promise<unknown[]>;

/** Get TikTok Videos' one result, when it found at least one video. */
export const batchLookUp = async (urls: unknown, apiKey: string = API_KEY): Promise<BatchOutput> => {
  const results = await batchSearch(urls, apiKey);
  expect(results).toHaveLength(1);
  return results[0] as BatchOutput;
};

export const testConnection = (apiKey: string = API_KEY): Promise<unknown> =>
  run(authentication.test, bundleFor({}, apiKey));

export const connectionLabel = (apiKey: string): Promise<unknown> =>
  run(authentication.connectionLabel, bundleFor({}, apiKey));

// Title Case as Zapier's D018 check reads it: every word capitalised but short joining words.
const SMALL_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'in',
  'of',
  'on',
  'or',
  'per',
  'the',
  'to',
]);

export const isTitleCase = (label: string): boolean =>
  label.split(' ').every((word, index) => (index > 0 && SMALL_WORDS.has(word)) || /^\(?[A-Z0-9]/.test(word));

/** The Transcript Language input every step whose videos carry a transcript has, as written. */
export const TRANSCRIPT_LANGUAGE_FIELD = {
  key: 'transcriptLanguage',
  label: 'Transcript Language',
  type: 'string',
  required: false,
  default: 'en',
  choices: {
    en: 'English',
    es: 'Spanish',
    pt: 'Portuguese',
    fr: 'French',
    de: 'German',
    it: 'Italian',
    id: 'Indonesian',
    ja: 'Japanese',
    ko: 'Korean',
    zh: 'Chinese',
    ar: 'Arabic',
    hi: 'Hindi',
    ru: 'Russian',
    tr: 'Turkish',
    vi: 'Vietnamese',
    th: 'Thai',
    nl: 'Dutch',
    pl: 'Polish',
  },
  helpText:
    'The language of the **Transcript** output field, as a two-letter ISO 639-1 code: pick one, or type another such as `sv`. The transcript is fetched only when a later step maps that field: one DumplingAI lookup per video then, and empty text for a video without captions in this language.',
};

/** What a transcript pointer says: the hydrator, the video and language, and how long Zapier may reuse it. */
export const transcriptPointerOf = (pointer: unknown): unknown => {
  const match = /^hydrate\|\|\|(.*)\|\|\|hydrate$/.exec(String(pointer));
  return match === null ? pointer : (JSON.parse(match[1] as string) as unknown);
};

/** The pointer a step gives for the transcript of the video at `url`, in `language`. */
export const transcriptPointerFor = (url: string, language: string) => ({
  type: 'method',
  method: 'hydrators.transcript',
  bundle: { url, language },
  cacheExpiration: 604800,
});

/**
 * Every error status a search meets, as [status, body, headers, error class, message], the same
 * in every search but for what the 400 said and the name of the service that is rate-limited.
 */
export const statusCases = (
  badRequest: string,
  service: string,
): [number, string, Record<string, string>, string, string][] => [
  [
    400,
    JSON.stringify({ error: badRequest }),
    {},
    'HaltedError',
    `DumplingAI could not process what this step sent: ${badRequest} Check the link, username or search words in this step and try again.`,
  ],
  [
    401,
    '{"error":"API key is invalid or missing."}',
    {},
    'ExpiredAuthError',
    'Your DumplingAI API key is invalid or inactive. Copy a working key from your API Keys page (https://app.dumplingai.com/api-keys) and reconnect.',
  ],
  [
    403,
    '{"error":"Insufficient credits. Please top up your account."}',
    {},
    'AppError',
    'Your DumplingAI account is out of credits. Top up in your DumplingAI dashboard (https://app.dumplingai.com) and replay this task.',
  ],
  [
    429,
    '{"error":"Too many requests."}',
    { 'Retry-After': '30' },
    'ThrottledError',
    'DumplingAI is getting too many requests from your account right now. Zapier will retry this step in about 30 seconds; nothing needs to change.',
  ],
  [
    500,
    '{"error":"boom"}',
    {},
    'AppError',
    'DumplingAI had a problem on its side: boom. Try again later; if it keeps happening, contact DumplingAI support.',
  ],
  [
    503,
    '{"error":"Rate limit exceeded. Please try again later."}',
    { 'Retry-After': '30' },
    'ThrottledError',
    `DumplingAI's ${service} is rate-limited right now. Zapier will retry this step in about 30 seconds; nothing needs to change.`,
  ],
];
