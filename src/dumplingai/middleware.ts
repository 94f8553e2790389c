import type {
  AfterResponseMiddleware,
  BeforeRequestMiddleware,
  HttpResponse,
  RawHttpResponse,
  ZObject,
} from 'zapier-platform-core';

import { isApiUrl, serviceOf } from './endpoints';
import { failureFor, type UpstreamFailure } from './errors';
import { connectionMessages, type Context } from './messages';

/** What a request tells the middleware about itself (Zapier's `middlewareData`). */
export interface RequestNote {
  /** Where the user reads a failure: a step (the default), the connection test or a file. */
  context?: Context;
  /** A media download: it never carries the key, whatever its address. */
  media?: boolean;
}

const noteOf = (request: { middlewareData?: Record<string, unknown> }): RequestNote =>
  request.middlewareData ?? {};

// A DumplingAI key is printable ASCII (`sk_…`). Anything else, a line break above all, would make
// Node throw while writing the header, with the whole header (key included) in its message.
const KEY_CHARACTERS = /^[\x21-\x7e]+$/;

/**
 * The key goes to DumplingAI's exact origin (scheme, host and port) only: media downloads and any
 * redirect elsewhere never carry it. Whitespace around a pasted key is dropped.
 */
export const addApiHeaders: BeforeRequestMiddleware = (request, z, bundle) => {
  if (!isApiUrl(request.url) || noteOf(request).media === true) return request;
  const rawKey: unknown = bundle.authData.apiKey;
  const apiKey = typeof rawKey === 'string' ? rawKey.trim() : '';
  if (apiKey !== '' && !KEY_CHARACTERS.test(apiKey)) {
    throw new z.errors.ExpiredAuthError(connectionMessages.badKeyCharacters);
  }
  // The core has already set its own `content-type` for a JSON body; a second spelling of the
  // header would send both values, so any existing one is replaced by the one DumplingAI documents.
  const otherHeaders = Object.entries(request.headers ?? {}).filter(
    ([name]) => !['content-type', 'authorization'].includes(name.toLowerCase()),
  );
  request.headers = {
    ...Object.fromEntries(otherHeaders),
    'Content-Type': 'application/json',
    ...(apiKey !== '' ? { Authorization: `Bearer ${apiKey}` } : {}),
  };
  return request;
};

/** Both rate-limit headers go to Zapier's monitoring, where the developer can see them. */
export const logRateLimit: AfterResponseMiddleware = (response, z) => {
  // getHeader gives null (not undefined, as its type says) for a header that is absent.
  const limit = response.getHeader('x-ratelimit-limit') ?? null;
  const remaining = response.getHeader('x-ratelimit-remaining') ?? null;
  if (isApiUrl(response.request.url) && (limit !== null || remaining !== null)) {
    z.console.log(
      `DumplingAI rate limit: ${remaining ?? 'unknown'} of ${limit ?? 'unknown'} requests remaining`,
    );
  }
  return response;
};

const toZapierError = (z: ZObject, failure: UpstreamFailure, context: Context): Error => {
  switch (failure.kind) {
    case 'halt':
      return new z.errors.HaltedError(failure.message);
    case 'reconnect':
      // ExpiredAuthError holds the Zap's runs and asks the user to reconnect, instead of failing them.
      return new z.errors.ExpiredAuthError(failure.message);
    case 'retry':
      // A step is retried by Zapier after the delay. The batch retries on its own, after
      // DumplingAI's Retry-After when it gave one, so the error carries only that. The connection
      // test just says to try again.
      if (context === 'step' || context === 'trigger')
        return new z.errors.ThrottledError(failure.message, failure.delaySeconds);
      if (context === 'batch') {
        return new z.errors.ThrottledError(
          failure.message,
          failure.retryAfterGiven ? failure.delaySeconds : undefined,
        );
      }
      return new z.errors.Error(failure.message, 'rate_limited', 429);
    case 'fail':
      return new z.errors.Error(failure.message, failure.code, failure.status);
  }
};

/**
 * An error answer's body. A raw answer (a lookup reads its own body) has not been read yet, so it
 * is read here; one that cannot be read, or is not JSON, gives no detail, and the status alone
 * decides the message.
 */
const errorBody = async (response: HttpResponse): Promise<unknown> => {
  if (response.request.raw !== true) return response.data;
  try {
    return JSON.parse(await (response as unknown as RawHttpResponse).text()) as unknown;
  } catch {
    return null;
  }
};

/** Turns DumplingAI's error statuses, 429 included, into messages a Zap user can act on. */
export const throwForApiError: AfterResponseMiddleware = async (response, z, bundle) => {
  const media = noteOf(response.request).media === true;
  if (response.status < 400 || media || !isApiUrl(response.request.url)) return response;
  // A search asks to see its own 404 (skipThrowForStatus): there, "not found" is an empty result.
  if (response.status === 404 && response.skipThrowForStatus) return response;
  const context = noteOf(response.request).context ?? 'step';
  const failure = failureFor(
    response.status,
    await errorBody(response),
    response.getHeader('retry-after') ?? null,
    { secret: bundle.authData.apiKey, context, service: serviceOf(response.request.url) },
  );
  throw toZapierError(z, failure, context);
};

export const beforeRequest = [addApiHeaders];
export const afterResponse = [logRateLimit, throwForApiError];
