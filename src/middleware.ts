import type { AfterResponseMiddleware, BeforeRequestMiddleware, ZObject } from 'zapier-platform-core';

import { isApiUrl } from './api';
import { failureFor, redact, type UpstreamFailure } from './errors';

/** The key goes to DumplingAI's own host only: media downloads from TikTok's CDN never carry it. */
export const addApiHeaders: BeforeRequestMiddleware = (request, _z, bundle) => {
  if (!isApiUrl(request.url)) return request;
  const apiKey: unknown = bundle.authData.apiKey;
  // The core has already set its own `content-type` for a JSON body; a second spelling of the
  // header would send both values, so any existing one is replaced by the one DumplingAI documents.
  const otherHeaders = Object.entries(request.headers ?? {}).filter(
    ([name]) => !['content-type', 'authorization'].includes(name.toLowerCase()),
  );
  request.headers = {
    ...Object.fromEntries(otherHeaders),
    'Content-Type': 'application/json',
    ...(typeof apiKey === 'string' && apiKey !== '' ? { Authorization: `Bearer ${apiKey}` } : {}),
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

const toZapierError = (z: ZObject, failure: UpstreamFailure, message: string): Error => {
  switch (failure.kind) {
    case 'halt':
      return new z.errors.HaltedError(message);
    case 'reconnect':
      // ExpiredAuthError holds the Zap's runs and asks the user to reconnect, instead of failing them.
      return new z.errors.ExpiredAuthError(message);
    case 'retry':
      return new z.errors.ThrottledError(message, failure.delaySeconds);
    case 'fail':
      return new z.errors.Error(message, failure.code, failure.status);
  }
};

/**
 * Turns DumplingAI's error statuses into messages a Zap user can act on. (A 429 never gets here:
 * the core turns it into a ThrottledError first.)
 */
export const throwForApiError: AfterResponseMiddleware = (response, z, bundle) => {
  if (response.status < 400 || !isApiUrl(response.request.url)) return response;
  // A search asks to see its own 404 (skipThrowForStatus): there, "not found" is an empty result.
  if (response.status === 404 && response.skipThrowForStatus) return response;
  const failure = failureFor(response.status, response.data, response.getHeader('retry-after') ?? null);
  throw toZapierError(z, failure, redact(failure.message, bundle.authData.apiKey));
};

export const beforeRequest = [addApiHeaders];
export const afterResponse = [logRateLimit, throwForApiError];
