import { isObject } from './post';
import { apiMessages, connectionMessages } from './messages';

// Zapier's ThrottledError takes seconds; a minute lets a short upstream limit pass.
export const DEFAULT_RETRY_SECONDS = 60;

export type UpstreamFailure =
  | { kind: 'halt'; message: string }
  | { kind: 'reconnect'; message: string }
  | { kind: 'fail'; message: string; code: string; status: number }
  | { kind: 'retry'; message: string; delaySeconds: number };

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

/** `Retry-After` is either a number of seconds or an HTTP date. */
export const retryDelaySeconds = (header: string | null | undefined, now = Date.now()): number => {
  const value = header?.trim() ?? '';
  if (/^\d+$/.test(value)) return Math.max(1, Number(value));
  // Date.parse also reads bare numbers such as "-5" as years, so only a named-month date counts.
  const date = /[A-Za-z]{3}/.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isNaN(date)) return Math.max(1, Math.ceil((date - now) / 1000));
  return DEFAULT_RETRY_SECONDS;
};

/** What the Zap user should see for an error status from DumplingAI. */
export const failureFor = (status: number, body: unknown, retryAfter: string | null): UpstreamFailure => {
  const detail = upstreamMessage(body) ?? apiMessages.noDetail;
  switch (status) {
    case 400:
      // A bad link is the user's data, not a broken Zap: halting does not count towards
      // Zapier turning the Zap off.
      return { kind: 'halt', message: apiMessages.badRequest(detail) };
    case 401:
      return { kind: 'reconnect', message: connectionMessages.invalidKey };
    case 403:
      return { kind: 'fail', message: apiMessages.outOfCredits, code: 'out_of_credits', status };
    case 404:
      return { kind: 'halt', message: apiMessages.notFound(detail) };
    case 503: {
      const delaySeconds = retryDelaySeconds(retryAfter);
      return { kind: 'retry', message: apiMessages.rateLimited(delaySeconds), delaySeconds };
    }
    default:
      // 500 and 502 are documented; any other 5xx (a 504 from a proxy, say) is DumplingAI's side too.
      return status >= 500
        ? { kind: 'fail', message: apiMessages.serverError(detail), code: 'upstream_error', status }
        : {
            kind: 'fail',
            message: apiMessages.unexpectedStatus(status, detail),
            code: 'unexpected_status',
            status,
          };
  }
};

/** Upstream text is echoed to the user, so any copy of the key in it is masked first. */
export const redact = (text: string, secret: unknown): string =>
  typeof secret === 'string' && secret !== '' ? text.split(secret).join(apiMessages.redacted) : text;

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

/** node-fetch marks a request that ran past its `timeout` with one of these types. */
export const isTimeout = (error: unknown): boolean => {
  const type = error instanceof Error ? (error as Error & { type?: unknown }).type : undefined;
  return type === 'request-timeout' || type === 'body-timeout';
};

/** The HTTP status that Zapier's Error (an AppError) carries in its JSON message, if any. */
export const appErrorStatus = (error: Error): number | null => {
  const parsed = errorJson(error.message);
  return typeof parsed?.status === 'number' ? parsed.status : null;
};
