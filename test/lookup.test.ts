import nock from 'nock';

import { API_TIMEOUT_MS, checkVideoBody, lookUpVideo } from '../src/lookup';
import { apiMessages } from '../src/messages';
import { API, API_KEY, bundleFor, caught, run, userMessage, VIDEO_PATH } from './helpers';
import documented from './fixtures/documented-example.json';

describe('checkVideoBody', () => {
  it('accepts the documented object', () => {
    expect(checkVideoBody(JSON.stringify(documented), documented)).toEqual({ ok: true, video: documented });
  });

  it.each([
    ['', undefined, 'the answer was empty.'],
    ['<html><body>Oops</body></html>', undefined, 'the answer was a web page, not JSON.'],
    ['[]', [], 'the answer was a list, not one video.'],
    ['{"desc":"x"}', { desc: 'x' }, 'the answer had no video id.'],
    ['{"id":""}', { id: '' }, 'the answer had no video id.'],
    ['{"id": 7', undefined, 'the answer was not JSON.'],
    ['"just text"', 'just text', 'the answer was not JSON.'],
    ['{"error":"Upstream hiccup"}', { error: 'Upstream hiccup' }, 'Upstream hiccup'],
  ])('says what %j was instead of a video', (content, data, detail) => {
    expect(checkVideoBody(content, data)).toEqual({ ok: false, detail });
  });
});

describe('lookUpVideo', () => {
  const lookUp = (url: string, timeoutMs?: number) =>
    run(async (z) => lookUpVideo(z, url, timeoutMs), bundleFor());

  it('posts the URL with requestSource ZAPIER and flattens the answer', async () => {
    const scope = nock(API)
      .post(VIDEO_PATH, { url: 'https://vm.tiktok.com/ZMhKxyz/', requestSource: 'ZAPIER' })
      .reply(200, documented);
    await expect(lookUp('https://vm.tiktok.com/ZMhKxyz/')).resolves.toMatchObject({
      id: '7321234567890123456',
      authorUniqueId: 'username',
    });
    expect(scope.isDone()).toBe(true);
  });

  it('resolves to null on 404', async () => {
    nock(API)
      .post(VIDEO_PATH)
      .reply(404, { error: 'TikTok video not found for URL: https://vm.tiktok.com/x/' });
    await expect(lookUp('https://vm.tiktok.com/x/')).resolves.toBeNull();
  });

  it.each([
    [
      'an HTML page',
      '<!doctype html><p>Maintenance</p>',
      { 'Content-Type': 'text/html' },
      'the answer was a web page, not JSON.',
    ],
    ['an empty body', '', {}, 'the answer was empty.'],
    ['an array', '[]', { 'Content-Type': 'application/json' }, 'the answer was a list, not one video.'],
    [
      'an object without id',
      '{"desc":"x"}',
      { 'Content-Type': 'application/json' },
      'the answer had no video id.',
    ],
  ])('gives a clear error, not a TypeError, for a 200 with %s', async (_what, body, headers, detail) => {
    nock(API).post(VIDEO_PATH).reply(200, body, headers);
    const error = await caught(() => lookUp('https://vm.tiktok.com/x/'));
    expect(error.name).toBe('AppError');
    expect(userMessage(error)).toBe(apiMessages.unreadableAnswer(detail));
    expect(error.message).not.toContain(API_KEY);
  });

  it('stops a request that runs past its time and says DumplingAI took too long', async () => {
    nock(API).post(VIDEO_PATH).delay(1000).reply(200, documented);
    const error = await caught(() => lookUp('https://vm.tiktok.com/x/', 50));
    expect(error.name).toBe('AppError');
    expect(JSON.parse(error.message)).toEqual({
      message: apiMessages.tooSlow(1),
      code: 'upstream_timeout',
      status: 504,
    });
  });

  it('by default gives up well within Zapier’s 30-second step limit', () => {
    expect(API_TIMEOUT_MS).toBeLessThanOrEqual(25_000);
  });
});
