import type { ZObject } from 'zapier-platform-core';

import {
  answerProblem,
  appErrorCode,
  failureFor,
  redact,
  retryAfterSeconds,
  throttleDelaySeconds,
  upstreamMessage,
  userMessageOf,
  withPlainErrors,
} from '../../src/dumplingai/errors';
import { caught } from '../helpers';
import { MAX_MESSAGE_LENGTH } from '../../src/dumplingai/limits';

describe('upstreamMessage', () => {
  it.each([
    [{ error: 'Invalid JSON in request body' }, 'Invalid JSON in request body'],
    [
      { error: { code: 'invalid_request', message: 'The request was invalid.' }, status: 'error' },
      'The request was invalid.',
    ],
    [
      { success: false, error: 'Insufficient credits. Please top up your account.', code: 'NO_CREDITS' },
      'Insufficient credits. Please top up your account.',
    ],
    [{ error: '  padded  ' }, 'padded'],
  ])('reads the message from %j', (body, expected) => {
    expect(upstreamMessage(body)).toBe(expected);
  });

  it.each([
    undefined,
    null,
    'text',
    [],
    {},
    { error: '' },
    { error: { code: 'x' } },
    { error: 42 },
    { message: 'other shape' },
  ])('is null for %j', (body) => {
    expect(upstreamMessage(body)).toBeNull();
  });
});

describe('retryAfterSeconds', () => {
  const now = Date.parse('2026-11-25T10:00:00Z');

  it('reads seconds', () => {
    expect(retryAfterSeconds('120', now)).toBe(120);
  });

  it('reads an HTTP date', () => {
    expect(retryAfterSeconds('Wed, 25 Nov 2026 10:00:30 GMT', now)).toBe(30);
  });

  it('never waits more than an hour, however far off the server says', () => {
    expect(retryAfterSeconds('99999999999', now)).toBe(3600);
    expect(retryAfterSeconds('Fri, 25 Nov 2039 10:00:00 GMT', now)).toBe(3600);
    expect(retryAfterSeconds('3600', now)).toBe(3600);
    expect(retryAfterSeconds('3599', now)).toBe(3599);
  });

  it('never goes below one second', () => {
    expect(retryAfterSeconds('0', now)).toBe(1);
    expect(retryAfterSeconds('Wed, 25 Nov 2026 09:00:00 GMT', now)).toBe(1);
  });

  it.each([undefined, null, '', 'soon', '-5'])('is null when %j says nothing', (header) => {
    expect(retryAfterSeconds(header, now)).toBeNull();
  });
});

const step = {
  secret: 'sk_test_LEAKCHECK_9f8e7d6c5b4a',
  context: 'step',
  service: 'TikTok video service',
} as const;

describe('failureFor', () => {
  it('429 retries after Retry-After, in the app’s own words', () => {
    expect(failureFor(429, { error: 'Too many requests.' }, '5', step)).toEqual({
      kind: 'retry',
      message:
        'DumplingAI is getting too many requests from your account right now. Zapier will retry this step in about 5 seconds; nothing needs to change.',
      delaySeconds: 5,
      retryAfterGiven: true,
    });
  });

  it('says when DumplingAI gave no Retry-After, so the default delay is the app’s own', () => {
    expect(failureFor(503, {}, null, step)).toMatchObject({ delaySeconds: 60, retryAfterGiven: false });
    expect(failureFor(429, {}, 'soon', step)).toMatchObject({ delaySeconds: 60, retryAfterGiven: false });
  });

  it('words a retry for where it is read: one second, the connection test, a batch, a trigger', () => {
    expect(failureFor(503, {}, '1', step).message).toBe(
      "DumplingAI's TikTok video service is rate-limited right now. Zapier will retry this step in about 1 second; nothing needs to change.",
    );
    expect(failureFor(503, {}, '30', { ...step, context: 'connection' }).message).toBe(
      "DumplingAI's TikTok video service is rate-limited right now. Try connecting again in about 30 seconds.",
    );
    expect(failureFor(429, {}, '30', { ...step, context: 'batch' }).message).toBe(
      'DumplingAI is getting too many requests from your account right now. Run this URL again later.',
    );
    expect(failureFor(429, {}, '30', { ...step, context: 'trigger' }).message).toBe(
      'DumplingAI is getting too many requests from your account right now. The trigger tries again at its next check; nothing needs to change.',
    );
  });

  it('names the service that is rate-limited', () => {
    expect(failureFor(503, {}, '30', { ...step, service: 'TikTok profile service' }).message).toBe(
      "DumplingAI's TikTok profile service is rate-limited right now. Zapier will retry this step in about 30 seconds; nothing needs to change.",
    );
  });

  it('fails a trigger’s 400 as an error its Zap’s owner hears of, never a halt Zapier keeps quiet', () => {
    expect(failureFor(400, { error: 'Invalid handle.' }, null, { ...step, context: 'trigger' })).toEqual({
      kind: 'fail',
      message:
        'DumplingAI could not process the creator this trigger sent: Invalid handle. Check the creator entered in this trigger.',
      code: 'bad_request',
      status: 400,
    });
  });

  it('says where to top up, and what happens next, for where it is read', () => {
    expect(failureFor(403, {}, null, { ...step, context: 'trigger' })).toEqual({
      kind: 'fail',
      message:
        'Your DumplingAI account is out of credits. Top up in your DumplingAI dashboard (https://app.dumplingai.com); the trigger picks up again at its next check.',
      code: 'out_of_credits',
      status: 403,
    });
  });

  it('masks the key in DumplingAI’s text before cutting it, so no part of it survives the cut', () => {
    // Placed so that the cut would fall inside the key.
    const text = `${'x'.repeat(130)} ${step.secret} ${'y'.repeat(100)}`;
    const failure = failureFor(500, { error: text }, null, step);
    expect(failure.message).not.toContain('sk_test');
    expect(failure.message).toContain('x :censored:');
    expect(failure.message.length).toBeLessThanOrEqual(250);
  });

  it.each([
    "'url' parameter is required and must be a non-empty string.",
    'Invalid TikTok video URL format.',
    'The video service could not process the provided URL.',
    'The video service reported an issue.',
  ])('400 %j halts with the API message, prefixed', (message) => {
    expect(failureFor(400, { error: message }, null, step)).toEqual({
      kind: 'halt',
      message: `DumplingAI could not process what this step sent: ${message} Check the link, username or search words in this step and try again.`,
    });
  });

  it('adds no full stop after a detail that ends in an ellipsis, and says a trigger tries again by itself', () => {
    expect(failureFor(500, { error: 'Upstream busy…' }, null, step).message).toBe(
      'DumplingAI had a problem on its side: Upstream busy… Try again later; if it keeps happening, contact DumplingAI support.',
    );
    const trigger = { ...step, context: 'trigger' } as const;
    expect(failureFor(500, { error: 'boom' }, null, trigger).message).toBe(
      'DumplingAI had a problem on its side: boom. The trigger tries again at its next check; if it keeps happening, contact DumplingAI support.',
    );
    expect(failureFor(418, { error: "I'm a teapot" }, null, trigger).message).toBe(
      "DumplingAI answered with an unexpected error (HTTP 418): I'm a teapot. The trigger tries again at its next check.",
    );
    expect(failureFor(500, { error: 'boom' }, null, { ...step, context: 'batch' }).message).toBe(
      'DumplingAI had a problem on its side: boom. Try again later; if it keeps happening, contact DumplingAI support.',
    );
  });

  it('keeps a detail with its added full stop within 250 characters, however long it is', () => {
    for (let length = 100; length <= 260; length += 1) {
      expect(failureFor(500, { error: 'x'.repeat(length) }, null, step).message.length).toBeLessThanOrEqual(
        250,
      );
    }
  });

  it('ends a detail DumplingAI sent without a full stop with one, so the advice reads as its own sentence', () => {
    expect(failureFor(400, { error: 'Invalid JSON in request body' }, null, step)).toEqual({
      kind: 'halt',
      message:
        'DumplingAI could not process what this step sent: Invalid JSON in request body. Check the link, username or search words in this step and try again.',
    });
    expect(failureFor(500, { error: 'Are you sure?' }, null, step).message).toBe(
      'DumplingAI had a problem on its side: Are you sure? Try again later; if it keeps happening, contact DumplingAI support.',
    );
  });

  it('401 asks the user to reconnect', () => {
    expect(failureFor(401, { error: 'API key is invalid or missing.' }, null, step)).toEqual({
      kind: 'reconnect',
      message:
        'Your DumplingAI API key is invalid or inactive. Copy a working key from your API Keys page (https://app.dumplingai.com/api-keys) and reconnect.',
    });
  });

  it('403 says the account is out of credits', () => {
    expect(
      failureFor(403, { error: 'Insufficient credits. Please top up your account.' }, null, step),
    ).toEqual({
      kind: 'fail',
      message:
        'Your DumplingAI account is out of credits. Top up in your DumplingAI dashboard (https://app.dumplingai.com) and replay this task.',
      code: 'out_of_credits',
      status: 403,
    });
  });

  it('404 outside a search halts with the API message', () => {
    const failure = failureFor(
      404,
      { error: 'TikTok video not found for URL: https://vm.tiktok.com/x/' },
      null,
      step,
    );
    expect(failure).toEqual({
      kind: 'halt',
      message:
        'DumplingAI found no TikTok video: TikTok video not found for URL: https://vm.tiktok.com/x/. Check that the video is public and still online.',
    });
  });

  it.each([
    [500, 'Service not configured. Please contact support.'],
    [500, 'Service authentication failed. Please contact support.'],
    [502, 'The video service is currently unavailable.'],
    [502, 'Received invalid data structure from video service.'],
    [502, 'Error fetching video data from the upstream service.'],
  ])('%i %j says the problem is on DumplingAI side', (status, message) => {
    const failure = failureFor(status, { error: message }, null, step);
    expect(failure).toEqual({
      kind: 'fail',
      message: `DumplingAI had a problem on its side: ${message} Try again later; if it keeps happening, contact DumplingAI support.`,
      code: 'upstream_error',
      status,
    });
    expect(failure.message).toContain(message);
    expect(failure.message).toContain('on its side');
  });

  it('503 retries after Retry-After', () => {
    expect(failureFor(503, { error: 'Rate limit exceeded. Please try again later.' }, '17', step)).toEqual({
      kind: 'retry',
      message:
        "DumplingAI's TikTok video service is rate-limited right now. Zapier will retry this step in about 17 seconds; nothing needs to change.",
      delaySeconds: 17,
      retryAfterGiven: true,
    });
  });

  it('503 without Retry-After retries after the default delay', () => {
    expect(failureFor(503, {}, null, step)).toMatchObject({
      kind: 'retry',
      delaySeconds: 60,
    });
  });

  it('an undocumented 5xx is DumplingAI’s side too', () => {
    expect(failureFor(504, '<html>Gateway Timeout</html>', null, step)).toEqual({
      kind: 'fail',
      message:
        'DumplingAI had a problem on its side: no details were given. Try again later; if it keeps happening, contact DumplingAI support.',
      code: 'upstream_error',
      status: 504,
    });
  });

  it('an undocumented status names the status and the message', () => {
    expect(failureFor(418, { error: "I'm a teapot" }, null, step)).toEqual({
      kind: 'fail',
      message: "DumplingAI answered with an unexpected error (HTTP 418): I'm a teapot. Try again later.",
      code: 'unexpected_status',
      status: 418,
    });
  });

  it('says no details were given when the body has no message', () => {
    expect(failureFor(502, '<html>Bad gateway</html>', null, step).message).toContain(
      'no details were given.',
    );
  });

  it.each([400, 401, 403, 404, 418, 500, 502, 503])(
    'keeps the %i message under Zapier’s limit, however long the API text',
    (status) => {
      expect(
        failureFor(status, { error: 'x'.repeat(5_000_000) }, '30', step).message.length,
      ).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    },
  );
});

describe('redact', () => {
  it('masks every copy of the key, as it was pasted or trimmed', () => {
    expect(redact('key sk_abc here', '  sk_abc\n')).toBe('key :censored: here');
  });

  it('masks every copy of the key', () => {
    expect(redact('key sk_abc is bad; sk_abc again', 'sk_abc')).toBe(
      'key :censored: is bad; :censored: again',
    );
  });

  it.each([undefined, '', 42])('leaves the text alone without a key (%j)', (secret) => {
    expect(redact('text', secret)).toBe('text');
  });
});

describe('userMessageOf', () => {
  it.each([
    ['{"message":"Out of credits.","code":"out_of_credits","status":403}', 'Out of credits.'],
    ['{"message":"Busy.","delay":30}', 'Busy.'],
    ['That is not a web address.\nWhat happened:\n  Executing search', 'That is not a web address.'],
    ['plain text', 'plain text'],
    ['{"code":"no message"}', '{"code":"no message"}'],
    ['[1,2]', '[1,2]'],
  ])('reads what the user sees in %j', (text, expected) => {
    expect(userMessageOf(text)).toBe(expected);
  });
});

describe('appErrorCode', () => {
  it.each([
    ['{"message":"Out of credits.","code":"out_of_credits","status":403}', 'out_of_credits'],
    ['{"message":"x","status":403}', null],
    ['{"message":"x","code":403}', null],
    ['["out_of_credits"]', null],
    ['plain text', null],
  ])('reads the code from %j', (message, code) => {
    expect(appErrorCode(new Error(message))).toBe(code);
  });
});

describe('throttleDelaySeconds', () => {
  it.each([
    ['{"message":"Busy.","delay":30}', 30],
    ['{"message":"Busy."}', null],
    ['{"message":"Busy.","delay":"30"}', null],
    ['plain text', null],
  ])('reads the delay from %j', (message, delay) => {
    expect(throttleDelaySeconds(new Error(message))).toBe(delay);
  });
});

describe('answerProblem', () => {
  it.each([
    ['{"error":"Busy"}', { error: 'Busy' }, 'Busy'],
    ['  ', null, 'the answer was empty.'],
    ['<!doctype html>', null, 'the answer was a web page, not JSON.'],
    ['[]', [], null],
  ])('says what %j was', (content, data, problem) => {
    expect(answerProblem(content, data)).toBe(problem);
  });
});

describe('withPlainErrors', () => {
  const secretKey = 'sk_test_LEAKCHECK_9f8e7d6c5b4a';
  const logged: string[] = [];
  const z = {
    errors: {
      Error: class AppError extends Error {
        constructor(message: string, code: string, status: number) {
          super(JSON.stringify({ message, code, status }));
          this.name = 'AppError';
        }
      },
    },
    console: { error: (line: string) => logged.push(line) },
  } as unknown as ZObject;
  const bundle = { authData: { apiKey: secretKey } };

  beforeEach(() => {
    logged.length = 0;
  });

  it('turns a bug into a plain, unretried error and logs the original for the maintainer, key masked', async () => {
    const failing = withPlainErrors(() =>
      Promise.reject(new TypeError(`Cannot read properties of undefined (reading '${secretKey}')`)),
    );
    const error = await caught(() => failing(z, bundle));
    expect(error.name).toBe('AppError');
    expect(JSON.parse(error.message)).toEqual({
      message:
        'The Dumpling AI app hit an unexpected problem (a bug on our side, not your data). Replay this task; if it keeps happening, contact DumplingAI support.',
      code: 'unexpected_error',
      status: 500,
    });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(
      /^Unexpected error: TypeError: Cannot read properties of undefined \(reading ':censored:'\)\n\s+at /,
    );
    expect(logged.join('')).not.toContain(secretKey);
  });

  it('logs a thrown value that is not an Error as it is', async () => {
    const failing = withPlainErrors(async () => {
      await Promise.resolve();
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- what a careless library may throw
      throw 'a string';
    });
    await caught(() => failing(z, bundle));
    expect(logged).toEqual(['Unexpected error: a string']);
  });

  it.each([
    'HaltedError',
    'ThrottledError',
    'ExpiredAuthError',
    'AppError',
    'ResponseError',
    'RefreshAuthError',
  ])('passes Zapier’s own %s through untouched, logging nothing', async (name) => {
    const own = Object.assign(new Error('Plain words.'), { name });
    const error = await caught(() => withPlainErrors(() => Promise.reject(own))(z, bundle));
    expect(error).toBe(own);
    expect(logged).toEqual([]);
  });

  it('hands back what the step returns', async () => {
    await expect(withPlainErrors(() => Promise.resolve([1]))(z, bundle)).resolves.toEqual([1]);
  });
});
