import type { ZObject } from 'zapier-platform-core';

import { isObject } from '../tiktok/json';
import { MAX_RETRY_SECONDS, RETRY_SECONDS } from './limits';
import { apiMessages, connectionMessages, unexpectedMessage, type Context } from './messages';

export type UpstreamFailure =
  | { kind: 'halt'; message: string }
  | { kind: 'reconnect'; message: string }
  | { kind: 'fail'; message: string; code: string; status: number }
  /** `delaySeconds` is DumplingAI's Retry-After when `retryAfterGiven`, the app's default otherwise. */
  | { kind: 'retry'; message: string; delaySeconds: number; retryAfterGiven: boolean };

/**
 * DumplingAI's error bodies come in three shapes: `{"error": "…"}`,
 * `{"error": {"code", "message"}, "status": "error"}` and `{"success": false, "error", "code"}`.
 */
export const upstreamMessage = (body: unknown): string | null => {
  if (!isObject(body)) return null;
  const { error } = body;
  if (typeof error === 'string' && error.trim() !== '') return error.trim();
  if (isObject(error) && typeof error.message === 'string' && error.message.trim() !== '') {
    return error.message.trim();
  }
  return null;
};

/**
 * What a 200 that is not the expected JSON was, when that can be told without knowing what was
 * expected: DumplingAI's own error text, nothing at all, or a web page. Null otherwise.
 */
export const answerProblem = (content: string, data: unknown): string | null => {
  const message = upstreamMessage(data);
  if (message !== null) return message;
  if (content.trim() === '') return 'the answer was empty.';
  if (content.trimStart().startsWith('<')) return 'the answer was a web page, not JSON.';
  return null;
};

/** `Retry-After` is either a number of seconds or an HTTP date; null when it is neither. */
export const retryAfterSeconds = (header: string | null | undefined, now = Date.now()): number | null => {
  const value = header?.trim() ?? '';
  const within = (seconds: number): number => Math.min(MAX_RETRY_SECONDS, Math.max(1, seconds));
  if (/^\d+$/.test(value)) return within(Number(value));
  // Date.parse also reads bare numbers such as "-5" as years, so only a named-month date counts.
  const date = /[A-Za-z]{3}/.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? null : within(Math.ceil((date - now) / 1000));
};

/** Upstream text is echoed to the user, so every copy of the key in it is masked first. */
export const redact = (text: string, secret: unknown): string =>
  typeof secret === 'string' && secret.trim() !== ''
    ? text.split(secret.trim()).join(apiMessages.redacted)
    : text;

/** Whose key it is, where the message is read and which service answered, for a failure's words. */
export interface FailureContext {
  secret: unknown;
  context: Context;
  /** The DumplingAI service the request went to, as a user calls it ("TikTok profile service"). */
  service: string;
}

/**
 * What the Zap user should see for an error status from DumplingAI. The key is masked in
 * DumplingAI's text before the text is cut to fit, so no part of it can survive the cut.
 */
export const failureFor = (
  status: number,
  body: unknown,
  retryAfter: string | null,
  { secret, context, service }: FailureContext,
): UpstreamFailure => {
  const detail = redact(upstreamMessage(body) ?? apiMessages.noDetail, secret);
  switch (status) {
    case 400:
      // A bad link is the user's data, not a broken Zap: halting does not count towards
      // Zapier turning the Zap off. A trigger's halt is never reported, though, so there the
      // Zap's owner must hear of it as an error: the same creator fails at every poll.
      return context === 'trigger'
        ? { kind: 'fail', message: apiMessages.badRequest(detail, context), code: 'bad_request', status }
        : { kind: 'halt', message: apiMessages.badRequest(detail, context) };
    case 401:
      return { kind: 'reconnect', message: connectionMessages.invalidKey };
    case 403:
      return { kind: 'fail', message: apiMessages.outOfCredits(context), code: 'out_of_credits', status };
    case 404:
      return context === 'connection'
        ? { kind: 'fail', message: connectionMessages.notFound, code: 'not_found', status }
        : { kind: 'halt', message: apiMessages.notFound(detail) };
    case 429:
    case 503: {
      const told = retryAfterSeconds(retryAfter);
      const delaySeconds = told ?? RETRY_SECONDS;
      return {
        kind: 'retry',
        message:
          status === 429
            ? apiMessages.tooManyRequests(delaySeconds, context)
            : apiMessages.rateLimited(delaySeconds, context, service),
        delaySeconds,
        retryAfterGiven: told !== null,
      };
    }
    default:
      // 500 and 502 are documented; any other 5xx (a 504 from a proxy, say) is DumplingAI's side too.
      return status >= 500
        ? { kind: 'fail', message: apiMessages.serverError(detail, context), code: 'upstream_error', status }
        : {
            kind: 'fail',
            message: apiMessages.unexpectedStatus(status, detail, context),
            code: 'unexpected_status',
            status,
          };
  }
};

/** The JSON object that Zapier's Error and ThrottledError carry as their message, if any. */
const errorJson = (message: string): Record<string, unknown> | null => {
  try {
    const parsed: unknown = JSON.parse(message);
    return isObject(parsed) ? parsed : null;
  } catch {
    return null;
  }
};

/**
 * The text a Zap user reads in an error's message: Zapier's Error and ThrottledError carry JSON
 * (`{"message", …}`), and the core appends a developer's "What happened" trace to the others.
 */
export const userMessageOf = (text: string): string => {
  const trace = text.indexOf('\nWhat happened:\n');
  const message = trace === -1 ? text : text.slice(0, trace);
  const parsed = errorJson(message);
  return typeof parsed?.message === 'string' ? parsed.message : message;
};

/** The code that Zapier's Error (an AppError) carries in its JSON message, if any. */
export const appErrorCode = (error: Error): string | null => {
  const parsed = errorJson(error.message);
  return typeof parsed?.code === 'string' ? parsed.code : null;
};

/** The delay, in seconds, that a ThrottledError carries in its JSON message, if any. */
export const throttleDelaySeconds = (error: Error): number | null => {
  const parsed = errorJson(error.message);
  return typeof parsed?.delay === 'number' ? parsed.delay : null;
};

// Zapier's own error classes (the core's and the app's), whose messages are written for the user.
const ZAPIER_ERRORS = new Set([
  'AppError',
  'ThrottledError',
  'ExpiredAuthError',
  'HaltedError',
  'RefreshAuthError',
  'ResponseError',
]);

export const isZapierError = (error: unknown): error is Error =>
  error instanceof Error && ZAPIER_ERRORS.has(error.name);

/**
 * A bug in the app, as the user reads it: a plain error (never retried on its own, since the same
 * input meets the same bug), with the original logged for the maintainer, the key masked.
 */
export const unexpectedError = (z: ZObject, error: unknown, secret: unknown, context: Context): Error => {
  // V8 gives every Error a stack, which starts with its name and message.
  const detail = String(error instanceof Error ? error.stack : error);
  z.console.error(`Unexpected error: ${redact(detail, secret)}`);
  return new z.errors.Error(unexpectedMessage(context), 'unexpected_error', 500);
};

/** What a caught error is to the user: Zapier's errors as they are, anything else a bug (see above). */
export const plainError = (z: ZObject, error: unknown, secret: unknown, context: Context): Error =>
  isZapierError(error) ? error : unexpectedError(z, error, secret, context);

/**
 * Wraps a step's function so that whatever it throws reaches the user in plain words: Zapier's
 * errors as they are, anything else as an unexpected problem.
 */
export const withPlainErrors =
  <B extends { authData: Record<string, unknown> }, R>(
    perform: (z: ZObject, bundle: B) => Promise<R>,
    context: Context = 'step',
  ): ((z: ZObject, bundle: B) => Promise<R>) =>
  async (z, bundle) => {
    try {
      return await perform(z, bundle);
    } catch (error) {
      throw plainError(z, error, bundle.authData.apiKey, context);
    }
  };
