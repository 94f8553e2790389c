import type { HttpRequestOptions, HttpResponse, RawHttpResponse, ZObject } from 'zapier-platform-core';

import { RETRY_SECONDS } from './limits';
import { networkMessages, type Context, type Party } from './messages';

// Every request the app makes goes through `exchange`: one deadline for the whole exchange
// (node-fetch's own `timeout` bounds the headers and the body separately, so a request could take
// twice as long), redirects followed hop by hop (so the key middleware judges each address on its
// own), and network failures turned into plain messages in Zapier's error classes.

const MAX_REDIRECTS = 5;

type Options = HttpRequestOptions & { url: string };

// Options the core passes to node-fetch or reads itself, which its type declarations lack.
type ExchangeOptions = Options & { signal: AbortSignal; throwForThrottlingEarly: false };

export interface How {
  who: Party;
  context: Context;
  deadlineMs: number;
}

const isRedirect = (status: number): boolean => [301, 302, 303, 307, 308].includes(status);

/** Follows redirects one hop at a time, each hop a request of its own through the middleware. */
const follow = async (z: ZObject, options: ExchangeOptions): Promise<HttpResponse | RawHttpResponse> => {
  let request = options;
  for (let hop = 0; ; hop += 1) {
    const response = await z.request({ ...request, redirect: 'manual' });
    const location = response.getHeader('location');
    // A Location that is no address is the upstream's fault: its 3xx is then the answer.
    if (
      !isRedirect(response.status) ||
      typeof location !== 'string' ||
      !URL.canParse(location, request.url) ||
      hop === MAX_REDIRECTS
    )
      return response;
    // As browsers do: a 303, or a 301/302 after a POST, is fetched with GET and no body.
    const toGet =
      response.status === 303 ||
      (request.method === 'POST' && response.status !== 307 && response.status !== 308);
    request = {
      ...request,
      url: new URL(location, request.url).href,
      ...(toGet ? { method: 'GET', body: undefined } : {}),
    };
  }
};

type NetworkProblem = 'timeout' | 'tooLarge' | 'unreachable';

/**
 * What went wrong on the way, or null for an error that is not the connection's. node-fetch
 * reports every failure of the connection or of the body (refused, reset, DNS, a cut or corrupt
 * body, its size limit) as a FetchError, and the deadline's abort as an
 * AbortError. Anything else (a bug, Zapier's file storage) is not the network's, and is not
 * called so.
 */
export const networkProblem = (error: unknown): NetworkProblem | null => {
  const { name, type } = (error instanceof Error ? error : {}) as { name?: string; type?: unknown };
  if (name === 'AbortError') return 'timeout';
  if (name !== 'FetchError') return null;
  return type === 'max-size' ? 'tooLarge' : 'unreachable';
};

/**
 * One rule for "no answer came", whether the connection failed or the answer's headers never
 * arrived by the deadline: DumplingAI charges for the lookups it answers, so nothing was charged
 * as far as the app can tell, and a later try may pass. A step leaves that try to Zapier; the
 * batch and the trigger (which try again themselves), the connection test and a file get an
 * error whose code says which it was.
 */
const failureOf = (z: ZObject, error: unknown, how: How): unknown => {
  const problem = networkProblem(error);
  if (problem === null) return error;
  if (problem === 'tooLarge') {
    return new z.errors.Error(networkMessages.tooLarge(how.context), 'too_large', 502);
  }
  const message =
    problem === 'timeout'
      ? networkMessages.tooSlow(how.who, Math.ceil(how.deadlineMs / 1000), how.context)
      : networkMessages.unreachable(how.who, how.context);
  // A trigger asks many creators and decides what to throw once all have answered.
  return how.context === 'step'
    ? new z.errors.ThrottledError(message, RETRY_SECONDS)
    : new z.errors.Error(message, problem, problem === 'timeout' ? 504 : 503);
};

/**
 * Sends one request and reads its answer with `read`, all within `how.deadlineMs`. A failure of
 * the connection becomes a plain message; every other error (the middleware's, `read`'s own) is
 * thrown as it is.
 */
// R is the response kind that the caller's `raw` option asks the core for.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export const exchange = async <T, R extends HttpResponse | RawHttpResponse = HttpResponse>(
  z: ZObject,
  options: Options,
  how: How,
  read: (response: R) => Promise<T> | T,
): Promise<T> => {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort();
  }, how.deadlineMs);
  try {
    const response = await follow(z, {
      ...options,
      signal: controller.signal,
      throwForThrottlingEarly: false,
    });
    // `raw: true` in the options is what makes the core answer with a RawHttpResponse.
    return await read(response as R);
  } catch (error) {
    throw failureOf(z, error, how);
  } finally {
    clearTimeout(timer);
  }
};
