import {
  DEFAULT_RETRY_SECONDS,
  appErrorStatus,
  failureFor,
  isTimeout,
  redact,
  retryDelaySeconds,
  upstreamMessage,
  userMessageOf,
} from '../src/errors';
import { MAX_MESSAGE_LENGTH, apiMessages, connectionMessages } from '../src/messages';

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

describe('retryDelaySeconds', () => {
  const now = Date.parse('2026-11-25T10:00:00Z');

  it('reads seconds', () => {
    expect(retryDelaySeconds('120', now)).toBe(120);
  });

  it('reads an HTTP date', () => {
    expect(retryDelaySeconds('Wed, 25 Nov 2026 10:00:30 GMT', now)).toBe(30);
  });

  it('never goes below one second', () => {
    expect(retryDelaySeconds('0', now)).toBe(1);
    expect(retryDelaySeconds('Wed, 25 Nov 2026 09:00:00 GMT', now)).toBe(1);
  });

  it.each([undefined, null, '', 'soon', '-5'])('falls back to the default for %j', (header) => {
    expect(retryDelaySeconds(header, now)).toBe(DEFAULT_RETRY_SECONDS);
  });
});

describe('failureFor', () => {
  it.each([
    'Invalid JSON in request body',
    "'url' parameter is required and must be a non-empty string.",
    'Invalid TikTok video URL format.',
    'The video service could not process the provided URL.',
    'The video service reported an issue.',
  ])('400 %j halts with the API message, prefixed', (message) => {
    expect(failureFor(400, { error: message }, null)).toEqual({
      kind: 'halt',
      message: `DumplingAI could not process this URL: ${message} Check the link and try again.`,
    });
  });

  it('401 asks the user to reconnect', () => {
    expect(failureFor(401, { error: 'API key is invalid or missing.' }, null)).toEqual({
      kind: 'reconnect',
      message: connectionMessages.invalidKey,
    });
  });

  it('403 says the account is out of credits', () => {
    expect(failureFor(403, { error: 'Insufficient credits. Please top up your account.' }, null)).toEqual({
      kind: 'fail',
      message: apiMessages.outOfCredits,
      code: 'out_of_credits',
      status: 403,
    });
  });

  it('404 outside a search halts with the API message', () => {
    const failure = failureFor(
      404,
      { error: 'TikTok video not found for URL: https://vm.tiktok.com/x/' },
      null,
    );
    expect(failure).toEqual({
      kind: 'halt',
      message: apiMessages.notFound('TikTok video not found for URL: https://vm.tiktok.com/x/'),
    });
  });

  it.each([
    [500, 'An unexpected server error occurred while fetching the TikTok video: socket hang up'],
    [500, 'Service not configured. Please contact support.'],
    [500, 'Service authentication failed. Please contact support.'],
    [502, 'The video service is currently unavailable.'],
    [502, 'Received invalid data structure from video service.'],
    [502, 'Error fetching video data from the upstream service.'],
  ])('%i %j says the problem is on DumplingAI side', (status, message) => {
    const failure = failureFor(status, { error: message }, null);
    expect(failure).toEqual({
      kind: 'fail',
      message: apiMessages.serverError(message),
      code: 'upstream_error',
      status,
    });
    expect(failure.message).toContain(message);
    expect(failure.message).toContain('on its side');
  });

  it('503 retries after Retry-After', () => {
    expect(failureFor(503, { error: 'Rate limit exceeded. Please try again later.' }, '17')).toEqual({
      kind: 'retry',
      message: apiMessages.rateLimited(17),
      delaySeconds: 17,
    });
  });

  it('503 without Retry-After retries after the default delay', () => {
    expect(failureFor(503, {}, null)).toMatchObject({ kind: 'retry', delaySeconds: DEFAULT_RETRY_SECONDS });
  });

  it('an undocumented 5xx is DumplingAI’s side too', () => {
    expect(failureFor(504, '<html>Gateway Timeout</html>', null)).toEqual({
      kind: 'fail',
      message: apiMessages.serverError(apiMessages.noDetail),
      code: 'upstream_error',
      status: 504,
    });
  });

  it('an undocumented status names the status and the message', () => {
    expect(failureFor(418, { error: "I'm a teapot" }, null)).toEqual({
      kind: 'fail',
      message: apiMessages.unexpectedStatus(418, "I'm a teapot"),
      code: 'unexpected_status',
      status: 418,
    });
  });

  it('says no details were given when the body has no message', () => {
    expect(failureFor(502, '<html>Bad gateway</html>', null).message).toContain(apiMessages.noDetail);
  });

  it.each([400, 401, 403, 404, 418, 500, 502, 503])(
    'keeps the %i message under Zapier’s limit, however long the API text',
    (status) => {
      expect(failureFor(status, { error: 'x'.repeat(5_000_000) }, '30').message.length).toBeLessThanOrEqual(
        MAX_MESSAGE_LENGTH,
      );
    },
  );
});

describe('redact', () => {
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

describe('isTimeout', () => {
  const withType = (type: string) => Object.assign(new Error('timeout'), { type });

  it.each([
    [withType('request-timeout'), true],
    [withType('body-timeout'), true],
    [withType('system'), false],
    [new Error('no type'), false],
    ['request-timeout', false],
    [undefined, false],
  ])('knows whether %p is a timeout', (error, expected) => {
    expect(isTimeout(error)).toBe(expected);
  });
});

describe('appErrorStatus', () => {
  it.each([
    ['{"message":"Out of credits.","code":"out_of_credits","status":403}', 403],
    ['{"message":"x","code":"y"}', null],
    ['{"message":"x","status":"403"}', null],
    ['[403]', null],
    ['plain text', null],
  ])('reads the status from %j', (message, status) => {
    expect(appErrorStatus(new Error(message))).toBe(status);
  });
});
