import { PassThrough } from 'node:stream';

import nock from 'nock';

import {
  askDumplingAI,
  fetchTranscript,
  fetchVideo,
  fetchVideoAnswer,
  type AskOptions,
} from '../../src/dumplingai/client';
import documented from '../fixtures/documented-example.json';
import { API, API_KEY, bundleFor, caught, run, userMessage, VIDEO_PATH } from '../helpers';

const fetchOne = (body: string, headers: Record<string, string> = { 'Content-Type': 'application/json' }) => {
  const scope = nock(API).post(VIDEO_PATH).reply(200, body, headers);
  return {
    scope,
    result: run(async (z) => fetchVideo(z, API_KEY, 'https://vm.tiktok.com/ZMhKxyz/'), bundleFor()),
  };
};

describe('askDumplingAI', () => {
  it('posts the body with requestSource ZAPIER and resolves to the status and the text, unchecked', async () => {
    const scope = nock(API)
      .post('/api/v1/anything', { handle: 'a', requestSource: 'ZAPIER' })
      .reply(200, 'not even JSON', { 'X-RateLimit-Remaining': '9' });
    await expect(
      run(async (z) => askDumplingAI(z, '/api/v1/anything', { handle: 'a' }), bundleFor()),
    ).resolves.toEqual({ status: 200, content: 'not even JSON' });
    expect(scope.isDone()).toBe(true);
  });
});

describe('fetchVideo', () => {
  it('posts the URL with requestSource ZAPIER and resolves to the post', async () => {
    const scope = nock(API, { reqheaders: { authorization: `Bearer ${API_KEY}` } })
      .post(VIDEO_PATH, { url: 'https://vm.tiktok.com/ZMhKxyz/', requestSource: 'ZAPIER' })
      .reply(200, documented);
    await expect(
      run(async (z) => fetchVideo(z, API_KEY, 'https://vm.tiktok.com/ZMhKxyz/'), bundleFor()),
    ).resolves.toEqual(documented);
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ['TikTok web page data', { itemInfo: { itemStruct: { id: '1' } } }, { id: '1' }],
    ['TikTok app detail', { aweme_detail: { aweme_id: '2' } }, { aweme_id: '2' }],
    ['an app item with only id_str', { id_str: '3' }, { id_str: '3' }],
    ['an id sent as a number', { id: 4 }, { id: 4 }],
  ])('accepts %s', async (_shape, data, post) => {
    const { scope, result } = fetchOne(JSON.stringify(data));
    await expect(result).resolves.toEqual(post);
    expect(scope.isDone()).toBe(true);
  });

  it('resolves to null on 404', async () => {
    const scope = nock(API)
      .post(VIDEO_PATH)
      .reply(404, { error: 'TikTok video not found for URL: https://vm.tiktok.com/x/' });
    await expect(
      run(async (z) => fetchVideo(z, API_KEY, 'https://vm.tiktok.com/x/'), bundleFor()),
    ).resolves.toBeNull();
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ['', {}, 'the answer was empty.'],
    [
      '<html><body>Oops</body></html>',
      { 'Content-Type': 'text/html' },
      'the answer was a web page, not JSON.',
    ],
    ['[]', undefined, 'the answer was a list, not one video.'],
    ['{"desc":"x"}', undefined, 'the answer had no video id.'],
    ['{"id":""}', undefined, 'the answer had no video id.'],
    ['{"id": 7', undefined, 'the answer was not JSON.'],
    ['"just text"', undefined, 'the answer was not JSON.'],
    ['{"error":"Upstream hiccup"}', undefined, 'Upstream hiccup.'],
  ])('says what a 200 of %j was instead of a video', async (content, headers, detail) => {
    const { scope, result } = fetchOne(content, headers);
    const error = await caught(() => result);
    expect(scope.isDone()).toBe(true);
    expect(error.name).toBe('AppError');
    expect(JSON.parse(error.message)).toEqual({
      message: `DumplingAI sent an answer that is not TikTok video data: ${detail} Try again later; if it keeps happening, contact DumplingAI support.`,
      code: 'unreadable_answer',
      status: 200,
    });
  });

  it('masks the key where DumplingAI echoes it in a 200', async () => {
    const { result } = fetchOne(JSON.stringify({ error: `Key ${API_KEY} is on a free plan` }));
    expect(userMessage(await caught(() => result))).toBe(
      'DumplingAI sent an answer that is not TikTok video data: Key :censored: is on a free plan. Try again later; if it keeps happening, contact DumplingAI support.',
    );
  });

  describe('the deadline', () => {
    afterEach(() => {
      jest.useRealTimers();
    });

    it('by default stops waiting for an answer that never comes after 25 seconds, inside Zapier’s 30', async () => {
      jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
      const scope = nock(API)
        .post(VIDEO_PATH)
        .reply(() => new Promise<never>(() => undefined));
      let settled = false;
      const outcome = caught(() =>
        run(async (z) => fetchVideo(z, API_KEY, 'https://vm.tiktok.com/x/'), bundleFor()),
      ).finally(() => {
        settled = true;
      });
      await jest.advanceTimersByTimeAsync(24_990);
      expect(settled).toBe(false);
      await jest.advanceTimersByTimeAsync(10);
      const error = await outcome;
      expect(scope.isDone()).toBe(true);
      expect(error.name).toBe('ThrottledError');
      expect(JSON.parse(error.message)).toEqual({
        message:
          "DumplingAI sent no answer within 25 seconds, so the lookup was stopped before Zapier's time limit; with no answer, nothing was charged. Zapier will retry this step in about 60 seconds; nothing needs to change.",
        delay: 60,
      });
    });

    it('takes a shorter deadline when one is passed in', async () => {
      // An answer whose headers never come.
      nock(API)
        .post(VIDEO_PATH)
        .reply(() => new Promise<[number]>(() => undefined));
      const error = await caught(() =>
        run(async (z) => fetchVideo(z, API_KEY, 'https://vm.tiktok.com/x/', { deadlineMs: 50 }), bundleFor()),
      );
      expect(error.name).toBe('ThrottledError');
      expect(userMessage(error)).toBe(
        "DumplingAI sent no answer within 1 second, so the lookup was stopped before Zapier's time limit; with no answer, nothing was charged. Zapier will retry this step in about 60 seconds; nothing needs to change.",
      );
    });
  });
});

describe('fetchVideoAnswer', () => {
  const SHORT = 'https://vm.tiktok.com/ZMhKxyz/';
  const answer = (options?: AskOptions) =>
    run(async (z) => fetchVideoAnswer(z, API_KEY, SHORT, options), bundleFor());

  it.each([
    ['42', 42],
    [' 0 ', 0],
    ['lots', null],
    ['-1', null],
    ['', null],
  ])('hands back X-RateLimit-Remaining %j as %j, with the post', async (header, remaining) => {
    const scope = nock(API).post(VIDEO_PATH).reply(200, documented, { 'X-RateLimit-Remaining': header });
    await expect(answer()).resolves.toEqual({ post: documented, rateLimitRemaining: remaining });
    expect(scope.isDone()).toBe(true);
  });

  it('says nothing of the room left when DumplingAI sends no X-RateLimit-Remaining', async () => {
    const scope = nock(API).post(VIDEO_PATH).reply(200, documented);
    await expect(answer()).resolves.toEqual({ post: documented, rateLimitRemaining: null });
    expect(scope.isDone()).toBe(true);
  });

  it('hands back the room left with a 404 too', async () => {
    const scope = nock(API)
      .post(VIDEO_PATH)
      .reply(404, { error: 'TikTok video not found' }, { 'X-RateLimit-Remaining': '7' });
    await expect(answer()).resolves.toEqual({ post: null, rateLimitRemaining: 7 });
    expect(scope.isDone()).toBe(true);
  });

  /** An answer whose headers arrive whole, and whose body is damaged (cut-off bodies: test/faults). */
  const damaged = (status: number) =>
    nock(API).post(VIDEO_PATH).reply(status, Buffer.from('this is not gzip'), {
      'Content-Type': 'application/json',
      'Content-Encoding': 'gzip',
    });

  it.each([
    [
      'step',
      'DumplingAI answered, but its answer was cut off or damaged on the way and could not be read. Replay this task to ask again; that costs one more lookup.',
    ],
    [
      'batch',
      'DumplingAI answered, but its answer was cut off or damaged on the way and could not be read. Running this URL again costs one more lookup.',
    ],
  ] as const)(
    'in a %s, says a 200 whose body arrived damaged was answered (and paid for), not that DumplingAI could not be reached',
    async (context, message) => {
      const scope = damaged(200);
      const error = await caught(() => answer({ context }));
      expect(scope.isDone()).toBe(true);
      expect(error.name).toBe('AppError');
      expect(JSON.parse(error.message)).toEqual({ message, code: 'answered_unreadable', status: 200 });
    },
  );

  it('says an error status whose body arrived damaged by its status alone', async () => {
    const scope = damaged(500);
    const error = await caught(() => answer());
    expect(scope.isDone()).toBe(true);
    expect(JSON.parse(error.message)).toEqual({
      message:
        'DumplingAI had a problem on its side: no details were given. Try again later; if it keeps happening, contact DumplingAI support.',
      code: 'upstream_error',
      status: 500,
    });
  });

  it('calls a 299 whose body arrived damaged answered, as any 2xx (DumplingAI has charged)', async () => {
    const scope = damaged(299);
    const error = await caught(() => answer());
    expect(scope.isDone()).toBe(true);
    expect(JSON.parse(error.message)).toMatchObject({ code: 'answered_unreadable', status: 299 });
  });

  it.each([300, 404])(
    'calls a %i whose body arrived damaged a failed connection, which costs nothing to try again',
    async (status) => {
      const scope = damaged(status);
      const error = await caught(() => answer());
      expect(scope.isDone()).toBe(true);
      expect([error.name, userMessage(error)]).toEqual([
        'ThrottledError',
        'Could not reach DumplingAI: the connection failed or was cut off before any answer, so nothing was charged. Zapier will retry this step in about 60 seconds; nothing needs to change.',
      ]);
    },
  );

  it('calls a 200 whose body stalls past the deadline answered (DumplingAI has charged), so nothing asks again', async () => {
    const body = new PassThrough();
    body.write('{"id":');
    const scope = nock(API)
      .post(VIDEO_PATH)
      .reply(200, () => body);
    const error = await caught(() => answer({ deadlineMs: 50 }));
    body.destroy();
    expect(scope.isDone()).toBe(true);
    expect(JSON.parse(error.message)).toEqual({
      message:
        "DumplingAI answered, but its answer stopped arriving, so it was given up before Zapier's time limit. Replay this task to ask again; that costs one more lookup.",
      code: 'answered_unreadable',
      status: 200,
    });
  });
});

describe('fetchTranscript', () => {
  const VTT = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.500\nHello there\n';
  const ask = () =>
    run(
      async (z) => fetchTranscript(z, API_KEY, 'https://www.tiktok.com/@a/video/7524919477404745385', 'es'),
      bundleFor(),
    );

  it('posts the video address and language with requestSource ZAPIER, and resolves to the answer', async () => {
    const answer = { transcript: VTT, language: 'es' };
    const scope = nock(API)
      .post('/api/v1/get-tiktok-transcript', {
        videoUrl: 'https://www.tiktok.com/@a/video/7524919477404745385',
        preferredLanguage: 'es',
        requestSource: 'ZAPIER',
      })
      .reply(200, answer);
    await expect(ask()).resolves.toEqual(answer);
    expect(scope.isDone()).toBe(true);
  });

  it('resolves to null on 404 (no captions in that language)', async () => {
    const scope = nock(API).post('/api/v1/get-tiktok-transcript').reply(404, { error: 'No transcript' });
    await expect(ask()).resolves.toBeNull();
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ['', 'the answer was empty.'],
    ['<html>busy</html>', 'the answer was a web page, not JSON.'],
    ['{"error":"Failed to get TikTok transcript: timeout"}', 'Failed to get TikTok transcript: timeout.'],
    ['{"transcript":42}', 'the answer had no transcript.'],
    ['[]', 'the answer had no transcript.'],
  ])('says what a 200 of %j was instead of a transcript', async (content, detail) => {
    const scope = nock(API).post('/api/v1/get-tiktok-transcript').reply(200, content);
    const error = await caught(ask);
    expect(scope.isDone()).toBe(true);
    expect(userMessage(error)).toBe(
      `DumplingAI sent an answer that is not a transcript: ${detail} Try again later; if it keeps happening, contact DumplingAI support.`,
    );
  });
});
