import { appErrorCode, throttleDelaySeconds, userMessageOf } from '../dumplingai/errors';
import type { LookupOutcome } from './paced';

/**
 * What one failed lookup means for a paced run (the batch, the roster trigger). A rejected key (401) or an empty account (403)
 * would fail every other lookup too, so those stop it. A refusal (429, 503: a ThrottledError in a
 * batch) carries DumplingAI's Retry-After when it gave one.
 */
export const outcomeOfError = (error: Error): LookupOutcome<never> => {
  const message = userMessageOf(error.message);
  const code = appErrorCode(error);
  if (error.name === 'ExpiredAuthError' || code === 'out_of_credits') return { kind: 'stop', error, message };
  if (error.name === 'ThrottledError') {
    const delaySeconds = throttleDelaySeconds(error);
    return delaySeconds === null
      ? { kind: 'refused', message }
      : { kind: 'refused', message, retryAfterMs: delaySeconds * 1000 };
  }
  // No answer came (a failed connection, or no headers by the deadline): nothing was charged, so
  // it may be tried again. Not one answered but unreadable (answered_unreadable): that was charged.
  if (code === 'unreachable' || code === 'timeout') return { kind: 'retry', message };
  return { kind: 'failed', message };
};
