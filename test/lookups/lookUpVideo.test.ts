import nock from 'nock';

import { lookUpVideo } from '../../src/lookups/lookUpVideo';
import documented from '../fixtures/documented-example.json';
import {
  API,
  API_KEY,
  bundleFor,
  caught,
  readFixture,
  run,
  searchVideo,
  userMessage,
  VIDEO_PATH,
} from '../helpers';

describe('lookUpVideo', () => {
  const lookUp = (url: string) => run(async (z) => lookUpVideo(z, API_KEY, url, 'en'), bundleFor());

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

  it('keeps every digit of ids that arrive as JSON numbers', async () => {
    const scope = nock(API)
      .post(VIDEO_PATH)
      .reply(200, '{"id":7524919477404745385,"author":{"uniqueId":"a","id":6812345678901234567}}', {
        'Content-Type': 'application/json',
      });
    await expect(lookUp('https://vm.tiktok.com/ZMhKxyz/')).resolves.toMatchObject({
      id: '7524919477404745385',
      authorId: '6812345678901234567',
      url: 'https://www.tiktok.com/@a/video/7524919477404745385',
      createTime: 1752031845,
    });
    expect(scope.isDone()).toBe(true);
  });

  it('gives each image of a photo post a file that Zapier downloads only when a later step uses it', async () => {
    const scope = nock(API)
      .post(VIDEO_PATH)
      .reply(200, readFixture('photo-post'), { 'Content-Type': 'application/json' });
    const video = (await lookUp('https://www.tiktok.com/@mika.travels/video/7477969281306526825')) as {
      images: { url: string | null; file: string | null }[];
      videoFile: string | null;
    };
    expect(scope.isDone()).toBe(true);
    expect(video.videoFile).toBeNull();
    expect(video.images.map((image) => image.file === null)).toEqual([false, false, false, true]);
    const pointer = String(video.images[1]?.file);
    expect(JSON.parse(pointer.split('|||')[1] ?? '')).toMatchObject({
      method: 'hydrators.downloadMedia',
      bundle: {
        url: 'https://p16-sign-sg.tiktokcdn.com/tos-alisg-i-photomode-sg/a2~tplv-photomode-image.jpeg',
        filename: '7477969281306526825-2.jpg',
        contentType: 'image/jpeg',
      },
    });
  });

  it('resolves to null on 404', async () => {
    const scope = nock(API)
      .post(VIDEO_PATH)
      .reply(404, { error: 'TikTok video not found for URL: https://vm.tiktok.com/x/' });
    await expect(lookUp('https://vm.tiktok.com/x/')).resolves.toBeNull();
    expect(scope.isDone()).toBe(true);
  });
});

describe('hostile answers from upstream, and what the user sees', () => {
  const html = { 'Content-Type': 'text/html' };
  const jsonType = { 'Content-Type': 'application/json' };
  const search = () => searchVideo('https://vm.tiktok.com/ZMhKxyz/');

  it.each([
    [
      'truncated JSON',
      200,
      '{"id":"7321234567890123456","desc":"cut he',
      jsonType,
      'DumplingAI sent an answer that is not TikTok video data: the answer was not JSON. Try again later; if it keeps happening, contact DumplingAI support.',
    ],
    [
      'an empty body',
      200,
      '',
      {},
      'DumplingAI sent an answer that is not TikTok video data: the answer was empty. Try again later; if it keeps happening, contact DumplingAI support.',
    ],
    [
      'an HTML page with 200',
      200,
      '<!doctype html><h1>Oops</h1>',
      html,
      'DumplingAI sent an answer that is not TikTok video data: the answer was a web page, not JSON. Try again later; if it keeps happening, contact DumplingAI support.',
    ],
    [
      'an HTML page with 502',
      502,
      '<!doctype html><h1>Bad gateway</h1>',
      html,
      'DumplingAI had a problem on its side: no details were given. Try again later; if it keeps happening, contact DumplingAI support.',
    ],
    [
      'a JSON error with 200',
      200,
      '{"error":"The video service reported an issue."}',
      jsonType,
      'DumplingAI sent an answer that is not TikTok video data: The video service reported an issue. Try again later; if it keeps happening, contact DumplingAI support.',
    ],
    [
      'an unknown 418',
      418,
      '{"error":"I am a teapot"}',
      jsonType,
      'DumplingAI answered with an unexpected error (HTTP 418): I am a teapot. Try again later.',
    ],
    [
      'a 504 from a proxy',
      504,
      'Gateway Timeout',
      {},
      'DumplingAI had a problem on its side: no details were given. Try again later; if it keeps happening, contact DumplingAI support.',
    ],
    [
      'a 429, in the app’s own words',
      429,
      '{"error":"Too many requests"}',
      jsonType,
      'DumplingAI is getting too many requests from your account right now. Zapier will retry this step in about 60 seconds; nothing needs to change.',
    ],
  ])('%s', async (_what, status, body, headers, message) => {
    const scope = nock(API).post(VIDEO_PATH).reply(status, body, headers);
    const error = await caught(search);
    expect(scope.isDone()).toBe(true);
    expect(userMessage(error)).toBe(message);
    expect(error).not.toBeInstanceOf(TypeError);
  });

  it('wrong types become empty fields, not a crash', async () => {
    const scope = nock(API)
      .post(VIDEO_PATH)
      .reply(200, {
        ...documented,
        stats: { ...documented.stats, playCount: '1.2M' },
        author: ['someone'],
        challenges: { title: 'x' },
      });
    const [video] = (await search()) as Record<string, unknown>[];
    expect(scope.isDone()).toBe(true);
    expect(video).toMatchObject({
      statsPlayCount: null,
      engagementRate: null,
      authorUniqueId: null,
      url: null,
      challenges: [],
    });
  });

  it('nulls everywhere become empty fields', async () => {
    const nulls = Object.fromEntries(
      Object.keys(documented).map((key) => [key, key === 'id' ? '7321234567890123456' : null]),
    );
    const scope = nock(API).post(VIDEO_PATH).reply(200, nulls);
    const [video] = (await search()) as Record<string, unknown>[];
    expect(scope.isDone()).toBe(true);
    expect(video).toMatchObject({
      id: '7321234567890123456',
      desc: null,
      musicId: null,
      videoFile: null,
      hashtags: null,
    });
  });

  it('a 5 MB description is cut to 5,000 characters (TikTok allows 4,000), so later steps stay small', async () => {
    const desc = '🥟'.repeat(1_250_000);
    const scope = nock(API)
      .post(VIDEO_PATH)
      .reply(200, { ...documented, desc });
    const [video] = (await search()) as Record<string, unknown>[];
    expect(scope.isDone()).toBe(true);
    expect(video?.desc).toBe('🥟'.repeat(2500));
  });

  it('a redirect to another host is followed without the key, and its answer is judged like any other', async () => {
    const api = nock(API).post(VIDEO_PATH).reply(302, '', { Location: 'https://elsewhere.example/moved' });
    const elsewhere = nock('https://elsewhere.example', { badheaders: ['authorization'] })
      .get('/moved')
      .reply(200, '<html>moved</html>', html);
    const error = await caught(search);
    expect([api.isDone(), elsewhere.isDone()]).toEqual([true, true]);
    expect(userMessage(error)).toBe(
      'DumplingAI sent an answer that is not TikTok video data: the answer was a web page, not JSON. Try again later; if it keeps happening, contact DumplingAI support.',
    );
  });
});
