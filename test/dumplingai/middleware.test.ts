import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';

import { API, API_KEY, bundleFor, caught, run, searchVideo, userMessage, VIDEO_PATH } from '../helpers';
import documented from '../fixtures/documented-example.json';
import { addApiHeaders } from '../../src/dumplingai/middleware';

const VIDEO_URL = 'https://www.tiktok.com/@username/video/7321234567890123456';
const runSearch = () => searchVideo(VIDEO_URL);

describe('request headers', () => {
  it('sends the key as a Bearer token and JSON content type to DumplingAI', async () => {
    const scope = nock(API, {
      reqheaders: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    })
      .post(VIDEO_PATH)
      .reply(200, documented);
    await runSearch();
    expect(scope.isDone()).toBe(true);
  });

  it('never sends the key to another host', async () => {
    // badheaders: the interceptor only matches a request that carries no Authorization header.
    const scope = nock('https://v16-webapp.tiktok.com', { badheaders: ['authorization'] })
      .get('/video.mp4')
      .reply(200, 'bytes');
    await run(async (z) => z.request('https://v16-webapp.tiktok.com/video.mp4'), bundleFor());
    expect(scope.isDone()).toBe(true);
  });
});

describe('addApiHeaders', () => {
  const z = {} as ZObject;
  const withKey = (apiKey: unknown) => ({ authData: { apiKey } }) as unknown as Bundle;

  it('adds the headers to a request that has none yet', async () => {
    const request = await addApiHeaders({ url: `${API}/api/v2/balance` }, z, withKey('sk_abc'));
    expect(request.headers).toEqual({ 'Content-Type': 'application/json', Authorization: 'Bearer sk_abc' });
  });

  it('replaces any other spelling of the two headers and keeps the rest', async () => {
    const request = await addApiHeaders(
      {
        url: `${API}/x`,
        headers: { 'content-type': 'text/plain', AUTHORIZATION: 'Bearer old', 'X-Other': '1' },
      },
      z,
      withKey('sk_abc'),
    );
    expect(request.headers).toEqual({
      'X-Other': '1',
      'Content-Type': 'application/json',
      Authorization: 'Bearer sk_abc',
    });
  });

  it.each([undefined, ''])('sends no Authorization header without a key (%j)', async (apiKey) => {
    const request = await addApiHeaders({ url: `${API}/x` }, z, withKey(apiKey));
    expect(request.headers).toEqual({ 'Content-Type': 'application/json' });
  });

  it('drops whitespace pasted around the key', async () => {
    const request = await addApiHeaders({ url: `${API}/x` }, z, withKey('  sk_abc\n'));
    expect(request.headers).toEqual({ 'Content-Type': 'application/json', Authorization: 'Bearer sk_abc' });
  });

  it('never adds the key to a media download, even on DumplingAI’s own address', async () => {
    const request = { url: `${API}/media/1.jpg`, middlewareData: { media: true } };
    expect(await addApiHeaders(request, z, withKey('sk_abc'))).toEqual(request);
  });

  it.each([
    ['a line break', 'sk_abc\ndef'],
    ['a character outside ASCII', 'sk_abcé'],
    ['a space inside', 'sk_abc def'],
  ])('refuses a key with %s, in words that do not repeat it', async (_case, apiKey) => {
    const scope = nock(API).post(VIDEO_PATH).reply(200, documented);
    const error = await caught(() => searchVideo(VIDEO_URL, apiKey));
    expect(scope.isDone()).toBe(false);
    expect([error.name, userMessage(error)]).toEqual([
      'ExpiredAuthError',
      'Your DumplingAI API key contains characters that no DumplingAI key has (a line break, a space or a special character, often picked up when copying). Copy it again from https://app.dumplingai.com/api-keys and reconnect.',
    ]);
  });

  it('leaves requests to other hosts alone', async () => {
    const request = { url: 'https://v16-webapp.tiktok.com/v.mp4', headers: { Range: 'bytes=0-' } };
    expect(await addApiHeaders(request, z, withKey('sk_abc'))).toEqual(request);
  });
});

describe('error statuses', () => {
  const tooMany =
    'DumplingAI is getting too many requests from your account right now. Run this URL again later.';
  const rateLimited =
    "DumplingAI's TikTok video service is rate-limited right now. Run this URL again later.";

  it.each([
    [429, { 'Retry-After': '7' }, { message: tooMany, delay: 7 }],
    [503, { 'Retry-After': '7' }, { message: rateLimited, delay: 7 }],
    [429, {}, { message: tooMany }],
    [503, { 'Retry-After': 'soon' }, { message: rateLimited }],
  ])('in a batch, a %i with %j carries only DumplingAI’s own delay: %j', async (status, headers, thrown) => {
    const scope = nock(API).post(VIDEO_PATH).reply(status, {}, headers);
    const error = await caught(() =>
      run(
        async (z) =>
          z.request({
            url: `${API}${VIDEO_PATH}`,
            method: 'POST',
            middlewareData: { context: 'batch' },
            // As every lookup asks (src/dumplingai/exchange.ts), so that a 429 reaches the middleware.
            throwForThrottlingEarly: false,
          } as Parameters<ZObject['request']>[0]),
        bundleFor(),
      ),
    );
    expect(scope.isDone()).toBe(true);
    expect(error.name).toBe('ThrottledError');
    expect(JSON.parse(error.message)).toEqual(thrown);
  });

  it('treat a request that says nothing of where it is read as a step’s', async () => {
    const scope = nock(API).get('/api/v2/anything').reply(503, {}, { 'Retry-After': '7' });
    const error = await caught(() =>
      run(async (z) => z.request({ url: `${API}/api/v2/anything` }), bundleFor()),
    );
    expect(scope.isDone()).toBe(true);
    expect(error.name).toBe('ThrottledError');
    expect(userMessage(error)).toBe(
      "DumplingAI's API is rate-limited right now. Zapier will retry this step in about 7 seconds; nothing needs to change.",
    );
  });
});

describe('rate-limit headers', () => {
  it('logs both headers to Zapier’s monitoring', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const scope = nock(API)
      .post(VIDEO_PATH)
      .reply(200, documented, { 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '42' });
    await runSearch();
    expect(scope.isDone()).toBe(true);
    expect(log).toHaveBeenCalledWith(
      expect.stringContaining('DumplingAI rate limit: 42 of 100 requests remaining'),
    );
  });

  it('logs what it has when only one header comes', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const scope = nock(API).post(VIDEO_PATH).reply(200, documented, { 'X-RateLimit-Remaining': '7' });
    await runSearch();
    expect(scope.isDone()).toBe(true);
    expect(log).toHaveBeenCalledWith(
      expect.stringContaining('DumplingAI rate limit: 7 of unknown requests remaining'),
    );
  });

  it('logs the limit when only the limit comes', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const scope = nock(API).post(VIDEO_PATH).reply(200, documented, { 'X-RateLimit-Limit': '100' });
    await runSearch();
    expect(scope.isDone()).toBe(true);
    expect(log).toHaveBeenCalledWith(
      expect.stringContaining('DumplingAI rate limit: unknown of 100 requests remaining'),
    );
  });

  it('logs nothing about rate limits when the headers are absent', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const scope = nock(API).post(VIDEO_PATH).reply(200, documented);
    await runSearch();
    expect(scope.isDone()).toBe(true);
    expect(log).not.toHaveBeenCalledWith(expect.stringContaining('rate limit'));
  });
});

describe('error statuses', () => {
  const replyWith = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    nock(API)
      .post(VIDEO_PATH)
      .reply(status, body as nock.Body, headers);

  it('400: halts with the API message, prefixed', async () => {
    const scope = replyWith(400, { error: 'Invalid TikTok video URL format.' });
    const error = await caught(() => runSearch());
    expect(scope.isDone()).toBe(true);
    expect(error.name).toBe('HaltedError');
    expect(userMessage(error)).toBe(
      'DumplingAI could not process what this step sent: Invalid TikTok video URL format. Check the link, username or search words in this step and try again.',
    );
  });

  it('401: asks the user to reconnect (ExpiredAuthError)', async () => {
    const scope = replyWith(401, { error: 'API key is invalid or missing.' });
    const error = await caught(() => runSearch());
    expect(scope.isDone()).toBe(true);
    expect(error.name).toBe('ExpiredAuthError');
    expect(userMessage(error)).toBe(
      'Your DumplingAI API key is invalid or inactive. Copy a working key from your API Keys page (https://app.dumplingai.com/api-keys) and reconnect.',
    );
  });

  it('403: out of credits, top up and replay', async () => {
    const scope = replyWith(403, { error: 'Insufficient credits. Please top up your account.' });
    const error = await caught(() => runSearch());
    expect(scope.isDone()).toBe(true);
    expect(error.name).toBe('AppError');
    expect(JSON.parse(error.message)).toEqual({
      message:
        'Your DumplingAI account is out of credits. Top up in your DumplingAI dashboard (https://app.dumplingai.com) and replay this task.',
      code: 'out_of_credits',
      status: 403,
    });
  });

  // The exchange turns the core's own 429 check off (its message names no account and no next
  // step), so the 429 reaches the app's middleware like any other status.
  it('429: retries the step after Retry-After, in the app’s own words rather than the core’s', async () => {
    const scope = replyWith(429, { error: 'Too many requests' }, { 'Retry-After': '12' });
    const error = await caught(() => runSearch());
    expect(scope.isDone()).toBe(true);
    expect(error.name).toBe('ThrottledError');
    expect(JSON.parse(error.message)).toEqual({
      message:
        'DumplingAI is getting too many requests from your account right now. Zapier will retry this step in about 12 seconds; nothing needs to change.',
      delay: 12,
    });
  });

  it.each([
    [500, 'Service not configured. Please contact support.'],
    [500, 'Service authentication failed. Please contact support.'],
    [502, 'The video service is currently unavailable.'],
    [502, 'Received invalid data structure from video service.'],
    [502, 'Error fetching video data from the upstream service.'],
  ])('%i: %s — DumplingAI’s side', async (status, message) => {
    const scope = replyWith(status, { error: message });
    const error = await caught(() => runSearch());
    expect(scope.isDone()).toBe(true);
    expect(error.name).toBe('AppError');
    expect(JSON.parse(error.message)).toEqual({
      message: `DumplingAI had a problem on its side: ${message} Try again later; if it keeps happening, contact DumplingAI support.`,
      code: 'upstream_error',
      status,
    });
  });

  it('503 with Retry-After: retries the step after that delay', async () => {
    const scope = replyWith(
      503,
      { error: 'Rate limit exceeded. Please try again later.' },
      { 'Retry-After': '45' },
    );
    const error = await caught(() => runSearch());
    expect(scope.isDone()).toBe(true);
    expect(error.name).toBe('ThrottledError');
    expect(JSON.parse(error.message)).toEqual({
      message:
        "DumplingAI's TikTok video service is rate-limited right now. Zapier will retry this step in about 45 seconds; nothing needs to change.",
      delay: 45,
    });
  });

  it('503 without Retry-After: retries after the default delay', async () => {
    const scope = replyWith(503, { error: 'Rate limit exceeded. Please try again later.' });
    const error = await caught(() => runSearch());
    expect(scope.isDone()).toBe(true);
    expect(error.name).toBe('ThrottledError');
    expect(JSON.parse(error.message)).toEqual({
      message:
        "DumplingAI's TikTok video service is rate-limited right now. Zapier will retry this step in about 60 seconds; nothing needs to change.",
      delay: 60,
    });
  });

  it.each([
    [{ error: 'Bad url' }],
    [{ error: { code: 'invalid_request', message: 'Bad url' }, status: 'error' }],
    [{ success: false, error: 'Bad url', code: 'BAD_URL' }],
  ])('reads the message from the error shape %j', async (body) => {
    const scope = replyWith(400, body);
    const error = await caught(() => runSearch());
    expect(scope.isDone()).toBe(true);
    expect(userMessage(error)).toBe(
      'DumplingAI could not process what this step sent: Bad url. Check the link, username or search words in this step and try again.',
    );
  });

  it('masks the key if DumplingAI echoes it back', async () => {
    const scope = replyWith(500, { error: `Key ${API_KEY} failed upstream` });
    const error = await caught(() => runSearch());
    expect(scope.isDone()).toBe(true);
    expect(error.message).not.toContain(API_KEY);
    expect(userMessage(error)).toBe(
      'DumplingAI had a problem on its side: Key :censored: failed upstream. Try again later; if it keeps happening, contact DumplingAI support.',
    );
  });

  it('leaves other hosts’ errors to the caller', async () => {
    const scope = nock('https://v16-webapp.tiktok.com').get('/gone.mp4').reply(403, 'expired');
    const error = await caught(() =>
      run(async (z) => z.request('https://v16-webapp.tiktok.com/gone.mp4'), bundleFor()),
    );
    expect(scope.isDone()).toBe(true);
    expect(error.name).toBe('ResponseError');
  });
});
