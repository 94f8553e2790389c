import type { RawHttpResponse, ZObject } from 'zapier-platform-core';

import { isObject, objectAt, parseAnswer, text, type JsonObject } from '../tiktok/json';
import { isPage, type PageKind } from '../tiktok/page';
import { postIn } from '../tiktok/post';
import { profileIn } from '../tiktok/profile';
import { tikTokRefused } from '../tiktok/refusal';
import {
  COMMENTS_PATH,
  PROFILE_PATH,
  SEARCH_USERS_PATH,
  PROFILE_VIDEOS_PATH,
  REQUEST_SOURCE,
  TRANSCRIPT_PATH,
  VIDEO_PATH,
  apiUrl,
} from './endpoints';
import { answerProblem, redact } from './errors';
import { exchange, networkProblem } from './exchange';
import { LIMITS, type Limits } from './limits';
import { apiMessages, type LookupContext } from './messages';

// The one client for every DumplingAI endpoint: a POST with `requestSource: "ZAPIER"` through the
// exchange and the middleware, which turn every error status but a 404 into a plain message. A
// new endpoint is a path, a body and a check of what its 200 holds.

export interface AskOptions {
  limits?: Limits;
  /** Less than the limit when a step has less time left (the batch). */
  deadlineMs?: number;
  /** Where the user reads a failure: a step's error, one line of a batch's failures, a trigger's error. */
  context?: LookupContext;
}

/** What a 200's body is: what the endpoint answers, or what it was instead. */
// A body of null is "nothing found", as a 404 says.
type BodyCheck = { ok: true; body: JsonObject | null } | { ok: false; detail: string };

/** An answer: its status, its body's text, and what its X-RateLimit-Remaining said (null: nothing). */
interface Reply {
  status: number;
  content: string;
  rateLimitRemaining: number | null;
}

/** X-RateLimit-Remaining counts the requests the account may still make; anything else says nothing. */
const remainingOf = (header: string | null | undefined): number | null => {
  const value = header?.trim() ?? '';
  return /^\d+$/.test(value) ? Number(value) : null;
};

const isAnswered = (status: number): boolean => status >= 200 && status < 300;

const ask = (
  z: ZObject,
  path: string,
  body: Record<string, string | number>,
  { limits = LIMITS, deadlineMs = limits.apiDeadlineMs, context = 'step' }: AskOptions = {},
): Promise<Reply> =>
  exchange<Reply, RawHttpResponse>(
    z,
    {
      url: apiUrl(path),
      method: 'POST',
      body: { ...body, requestSource: REQUEST_SOURCE },
      skipThrowForStatus: true,
      // Raw, so that the body is read here, where its status is known: the core would read it
      // before handing the answer on, and a body lost on the way would come out without it.
      raw: true,
      size: limits.maxAnswerBytes,
      middlewareData: { context },
    },
    { who: 'DumplingAI', context, deadlineMs },
    async (answer) => {
      const rateLimitRemaining = remainingOf(answer.getHeader('x-ratelimit-remaining'));
      try {
        return { status: answer.status, content: await answer.text(), rateLimitRemaining };
      } catch (error) {
        // DumplingAI has charged for an answer it sent: a body cut off, corrupted or stalled past
        // the deadline after a 2xx is not a failed connection (free to retry), so nothing asks for
        // it again as if it were (a batch whose every lookup timed out would be retried whole).
        const problem = isAnswered(answer.status) ? networkProblem(error) : null;
        if (problem === 'unreachable' || problem === 'timeout') {
          throw new z.errors.Error(
            problem === 'timeout'
              ? apiMessages.answeredTooSlowly(context)
              : apiMessages.answeredUnreadable(context),
            'answered_unreadable',
            answer.status,
          );
        }
        throw error;
      }
    },
  );

/** One POST to a DumplingAI endpoint; resolves to the status and the body's text. */
export const askDumplingAI = async (
  z: ZObject,
  path: string,
  body: Record<string, string | number>,
  options: AskOptions = {},
): Promise<{ status: number; content: string }> => {
  const { status, content } = await ask(z, path, body, options);
  return { status, content };
};

/**
 * Asks an endpoint and checks its 200: the body, or null for a 404 (each step reads it as
 * "nothing found"), with what X-RateLimit-Remaining said. An answer that is not what the endpoint
 * sends is a plain error, with the key masked in DumplingAI's text before the message is cut.
 */
const askForAnswer = async (
  z: ZObject,
  apiKey: unknown,
  request: { path: string; body: Record<string, string | number> },
  check: (content: string, data: unknown) => BodyCheck,
  unreadable: (detail: string) => string,
  options?: AskOptions,
): Promise<{ body: JsonObject | null; rateLimitRemaining: number | null }> => {
  const { status, content, rateLimitRemaining } = await ask(z, request.path, request.body, options);
  if (status === 404) return { body: null, rateLimitRemaining };
  const checked = check(content, parseAnswer(content));
  if (checked.ok) return { body: checked.body, rateLimitRemaining };
  throw new z.errors.Error(unreadable(redact(checked.detail, apiKey)), 'unreadable_answer', status);
};

/** askForAnswer's body alone, for the steps that make one request. */
const askFor = async (...args: Parameters<typeof askForAnswer>): Promise<JsonObject | null> =>
  (await askForAnswer(...args)).body;

const hasPostId = (post: JsonObject): boolean =>
  [post.id, post.id_str, post.aweme_id].some(
    (id) => (typeof id === 'string' && id.trim() !== '') || typeof id === 'number',
  );

/** A video's 200 is a post's JSON object (or TikTok's wrapper around one) with an id. */
const videoBody = (content: string, data: unknown): BodyCheck => {
  const post = postIn(data);
  if (post !== null && hasPostId(post)) return { ok: true, body: post };
  const problem = answerProblem(content, data);
  if (problem !== null) return { ok: false, detail: problem };
  if (Array.isArray(data)) return { ok: false, detail: 'the answer was a list, not one video.' };
  if (isObject(data)) return { ok: false, detail: 'the answer had no video id.' };
  return { ok: false, detail: 'the answer was not JSON.' };
};

/** A transcript's 200 is an object with the transcript's text. */
const transcriptBody = (content: string, data: unknown): BodyCheck =>
  isObject(data) && typeof data.transcript === 'string'
    ? { ok: true, body: data }
    : { ok: false, detail: answerProblem(content, data) ?? 'the answer had no transcript.' };

/**
 * One post's raw JSON (null when none was found), with the room DumplingAI's
 * X-RateLimit-Remaining left: the batch paces its lookups by it.
 */
export const fetchVideoAnswer = async (
  z: ZObject,
  apiKey: unknown,
  url: string,
  options?: AskOptions,
): Promise<{ post: JsonObject | null; rateLimitRemaining: number | null }> => {
  const { body, rateLimitRemaining } = await askForAnswer(
    z,
    apiKey,
    { path: VIDEO_PATH, body: { url } },
    videoBody,
    apiMessages.unreadableAnswer,
    options,
  );
  return { post: body, rateLimitRemaining };
};

/** One post's raw JSON, by an address that `checkTikTokLink` produced; null when none was found. */
export const fetchVideo = async (
  z: ZObject,
  apiKey: unknown,
  url: string,
  options?: AskOptions,
): Promise<JsonObject | null> => (await fetchVideoAnswer(z, apiKey, url, options)).post;

/** A video's transcript answer; null when the video has no captions in that language. */
export const fetchTranscript = (
  z: ZObject,
  apiKey: unknown,
  videoUrl: string,
  preferredLanguage: string,
  options?: AskOptions,
): Promise<JsonObject | null> =>
  askFor(
    z,
    apiKey,
    { path: TRANSCRIPT_PATH, body: { videoUrl, preferredLanguage } },
    transcriptBody,
    apiMessages.unreadableTranscript,
    options,
  );

/** A profile's 200 is TikTok's `{user, stats}` (or its `userInfo` wrapper) naming the user. */
const profileBody = (content: string, data: unknown): BodyCheck => {
  const profile = profileIn(data);
  const user = objectAt(profile?.user);
  // Every id the profile reader takes: the web JSON's, and the app JSON's snake_case ones.
  if (profile !== null && [user.id, user.uid, user.uniqueId, user.unique_id].some((id) => text(id) !== null))
    return { ok: true, body: profile };
  // TikTok's refusal without an account (no such user, or banned) is what DumplingAI's 404 says; a
  // private account still comes with its user, and is read.
  if (isObject(data) && tikTokRefused(data)) return { ok: true, body: null };
  return { ok: false, detail: answerProblem(content, data) ?? 'the answer named no TikTok account.' };
};

/** A page's 200 is a page of its kind (see `isPage`), whichever of TikTok's spellings it used. */
const pageBody =
  (kind: PageKind, what: string) =>
  (content: string, data: unknown): BodyCheck =>
    isPage(data, kind)
      ? { ok: true, body: data }
      : { ok: false, detail: answerProblem(content, data) ?? `the answer held no list of ${what}.` };

/** A creator's profile answer, by handle (without `@`); null when DumplingAI knows no such account. */
export const fetchProfile = (
  z: ZObject,
  apiKey: unknown,
  handle: string,
  options?: AskOptions,
): Promise<JsonObject | null> =>
  askFor(
    z,
    apiKey,
    { path: PROFILE_PATH, body: { handle } },
    profileBody,
    apiMessages.unreadableProfile,
    options,
  );

/**
 * A page of a creator's posts, by handle: the first one, or the one after the page whose
 * `max_cursor` is sent back as `maxCursor`. `refused` when TikTok would not show them (a private,
 * restricted or removed account); null when DumplingAI knows no such account. With the room
 * DumplingAI's X-RateLimit-Remaining left: the trigger paces its creators by it.
 */
export const fetchCreatorPosts = async (
  z: ZObject,
  apiKey: unknown,
  handle: string,
  maxCursor: string | null,
  options?: AskOptions,
): Promise<{ page: JsonObject | 'refused' | null; rateLimitRemaining: number | null }> => {
  const { body: page, rateLimitRemaining } = await askForAnswer(
    z,
    apiKey,
    { path: PROFILE_VIDEOS_PATH, body: maxCursor === null ? { handle } : { handle, maxCursor } },
    pageBody('posts', 'posts'),
    apiMessages.unreadablePosts,
    options,
  );
  // Unlike a profile's, the refusal is told apart from no account: a Zap's owner fixes each another way.
  return { page: page !== null && tikTokRefused(page) ? 'refused' : page, rateLimitRemaining };
};

// Paging endpoints (creator search, comments).

// The first page is asked without a cursor; later pages send back the one the last page gave.
const withCursor = (body: Record<string, string>, cursor: number | null): Record<string, string | number> =>
  cursor === null ? body : { ...body, cursor };

/** A page of the creator search for `query`; null when DumplingAI answers 404. */
export const fetchCreatorSearch = (
  z: ZObject,
  apiKey: unknown,
  query: string,
  cursor: number | null,
  options?: AskOptions,
): Promise<JsonObject | null> =>
  askFor(
    z,
    apiKey,
    { path: SEARCH_USERS_PATH, body: withCursor({ query }, cursor) },
    pageBody('creators', 'creators'),
    apiMessages.unreadableCreators,
    options,
  );

/** A page of a video's comments, by an address that `checkTikTokLink` produced; null for a 404. */
export const fetchComments = (
  z: ZObject,
  apiKey: unknown,
  url: string,
  cursor: number | null,
  options?: AskOptions,
): Promise<JsonObject | null> =>
  askFor(
    z,
    apiKey,
    { path: COMMENTS_PATH, body: withCursor({ url }, cursor) },
    pageBody('comments', 'comments'),
    apiMessages.unreadableComments,
    options,
  );
