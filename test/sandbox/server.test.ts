import { createConnection } from 'node:net';

import {
  FAULTS,
  RATE_LIMIT,
  SANDBOX_API_KEY,
  SHORT_LINKS,
  startSandbox,
  type Sandbox,
} from '../../sandbox/server';
import videos from '../../sandbox/videos.json';
import { flattenVideo } from '../../src/zapier/flatten';
import { parseAnswer } from '../../src/tiktok/json';

const posts = videos as Record<string, unknown>[];
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ slowMs: 50 });
});

afterAll(async () => {
  await sandbox.close();
});

const post = (body: string, key: string = SANDBOX_API_KEY) =>
  fetch(`${sandbox.origin}/api/v1/get-tiktok-video`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body,
  });

const lookUp = (url: unknown) => post(JSON.stringify({ url, requestSource: 'ZAPIER' }));

describe('sandbox creator endpoints', () => {
  const ask = (path: string, body: unknown, key = SANDBOX_API_KEY) =>
    fetch(`${sandbox.origin}/api/v1/${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it.each([
    ['get-tiktok-profile', 'dumpling.kitchen', 200],
    ['get-tiktok-profile', '@Mika.Travels', 200],
    ['get-tiktok-profile-videos', 'private.person', 200],
    ['get-tiktok-profile', 'nobody.here', 404],
    ['get-tiktok-profile-videos', 'nobody.here', 404],
  ])('%s answers %j with %i and the rate-limit headers', async (path, handle, status) => {
    const response = await ask(path, { handle, requestSource: 'ZAPIER' });
    expect(response.status).toBe(status);
    expect(response.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
  });

  it('sends the big.ids page with its ids as JSON numbers', async () => {
    const text = await (await ask('get-tiktok-profile-videos', { handle: 'big.ids' })).text();
    expect(text).toContain('"aweme_id":7524919477404745385');
    expect(text).not.toContain('"aweme_id":"');
  });

  it.each([
    [{}, "'handle' parameter is required and must be a non-empty string."],
    [{ handle: ' ' }, "'handle' parameter is required and must be a non-empty string."],
    ['{nope', 'Invalid JSON in request body'],
  ])('refuses %j with the reference’s message', async (body, message) => {
    const response = await ask('get-tiktok-profile', body);
    expect([response.status, await response.json()]).toEqual([400, { error: message }]);
  });

  it('refuses a wrong key', async () => {
    expect((await ask('get-tiktok-profile-videos', { handle: 'big.ids' }, 'sk_wrong')).status).toBe(401);
  });
});

describe('sandbox transcript endpoint', () => {
  const ask = (body: unknown) =>
    fetch(`${sandbox.origin}/api/v1/get-tiktok-transcript`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${SANDBOX_API_KEY}`, 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it.each([
    [{ videoUrl: 'https://vm.tiktok.com/ZMhSandbox1/', preferredLanguage: 'es' }, 200, 'es'],
    [{ videoUrl: 'https://vm.tiktok.com/ZMhSandbox1/' }, 200, 'en'],
    [{ videoUrl: 'https://www.tiktok.com/t/ZTRsandbox5/', preferredLanguage: 'en' }, 404, null],
    [{ videoUrl: 'https://www.tiktok.com/@a/video/7322000000000000002', preferredLanguage: 'en' }, 404, null],
  ])('answers %j with %i', async (body, status, language) => {
    const response = await ask(body);
    expect(response.status).toBe(status);
    const answer = (await response.json()) as { language?: string; transcript?: string };
    expect(answer.language ?? null).toBe(language);
    if (status === 200) expect(answer.transcript).toMatch(/^WEBVTT/);
  });

  it.each([
    [{ url: 'https://vm.tiktok.com/ZMhSandbox1/' }, 'videoUrl parameter is required'],
    [{ videoUrl: 'https://example.com/x' }, 'Invalid TikTok videoUrl format.'],
    ['{not json', 'Invalid JSON in request body'],
  ])('refuses %j with the reference’s message', async (body, message) => {
    const response = await ask(body);
    expect([response.status, await response.json()]).toEqual([400, { error: message }]);
  });
});

describe('sandbox video endpoint', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(sandbox.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves each post by its link, with media addresses on the sandbox', async () => {
    for (const raw of posts) {
      const expected = flattenVideo(raw);
      const response = await lookUp(
        `https://www.tiktok.com/@${expected.authorUniqueId}/video/${expected.id}`,
      );
      expect(response.status).toBe(200);
      const served = flattenVideo(parseAnswer(await response.text()));
      expect(served.id).toBe(expected.id);
      for (const address of [
        served.videoCover,
        served.videoPlayAddr,
        ...served.images.map((image) => image.url),
      ])
        expect(String(address)).toMatch(new RegExp(`^(${sandbox.origin}/media/|null$)`));
    }
  });

  it('serves a photo post at its /photo/ link, with its images under /media/', async () => {
    const response = await lookUp('https://www.tiktok.com/@mika.travels/photo/7477969281306526825');
    const served = flattenVideo(parseAnswer(await response.text()));
    expect(served.images.map((image) => image.url)).toEqual([
      `${sandbox.origin}/media/7477969281306526825-1.jpg`,
      `${sandbox.origin}/media/7477969281306526825-2.jpg`,
      `${sandbox.origin}/media/7477969281306526825-3.jpg`,
    ]);
    const image = await fetch(served.images[0]?.url ?? '');
    expect([image.status, image.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
  });

  it('is true to itself: each post id carries the creation time given, and each tag sits where textExtra says', () => {
    for (const raw of posts) {
      const video = flattenVideo(raw);
      // A TikTok post id's top 32 bits are its creation second.
      expect([video.id, video.createTime]).toEqual([video.id, Number(BigInt(video.id ?? '') >> 32n)]);
      expect(video.createTimeISO).toBe(new Date(Number(video.createTime) * 1000).toISOString());
      for (const entry of video.textExtra) {
        const tag = entry.hashtagName === null ? `@${entry.userUniqueId ?? ''}` : `#${entry.hashtagName}`;
        expect([video.id, video.desc?.slice(entry.start ?? 0, entry.end ?? 0)]).toEqual([video.id, tag]);
      }
    }
  });

  it('has the documented example next to the shapes real answers come in', () => {
    const flats = posts.map((raw) => flattenVideo(raw));
    expect(posts.length).toBeGreaterThanOrEqual(9);
    expect(flats.some((video) => video.musicId === null)).toBe(true);
    expect(flats.some((video) => video.authorPrivateAccount)).toBe(true);
    expect(flats.some((video) => video.authorVerified)).toBe(true);
    expect(flats.filter((video) => video.isPhotoPost).map((video) => video.id)).toEqual([
      '7477969281306526825',
    ]);
    // A 2025 web item (numbers as text, statsV2), an older page, and TikTok's app JSON.
    expect(posts.some((raw) => typeof raw.createTime === 'string' && 'statsV2' in raw)).toBe(true);
    expect(posts.some((raw) => typeof raw.author === 'string')).toBe(true);
    expect(posts.some((raw) => 'aweme_id' in raw && 'statistics' in raw)).toBe(true);
  });

  it.each(Object.entries(SHORT_LINKS))('resolves the short link code %s', async (code, id) => {
    const response = await lookUp(`https://vm.tiktok.com/${code}/`);
    expect(flattenVideo(parseAnswer(await response.text())).id).toBe(id);
  });

  it('counts X-RateLimit-Remaining down per key', async () => {
    const first = await lookUp('https://vm.tiktok.com/ZMhSandbox1/');
    const second = await lookUp('https://vm.tiktok.com/ZMhSandbox1/');
    expect(first.headers.get('x-ratelimit-limit')).toBe(String(RATE_LIMIT));
    expect(Number(second.headers.get('x-ratelimit-remaining'))).toBe(
      Number(first.headers.get('x-ratelimit-remaining')) - 1,
    );
  });

  it.each([
    ['a wrong key', () => post('{}', 'sk_wrong'), 401, 'API key is invalid or missing.'],
    ['a body that is not JSON', () => post('{"url": '), 400, 'Invalid JSON in request body'],
    ['no url', () => post('{}'), 400, "'url' parameter is required and must be a non-empty string."],
    ['an empty url', () => lookUp('  '), 400, "'url' parameter is required and must be a non-empty string."],
    [
      'a url that is not TikTok',
      () => lookUp('https://example.com/x'),
      400,
      'Invalid TikTok video URL format.',
    ],
    [
      'an unknown video',
      () => lookUp('https://www.tiktok.com/@x/video/1'),
      404,
      'TikTok video not found for URL: https://www.tiktok.com/@x/video/1',
    ],
    [
      'an unknown short link',
      () => lookUp('https://vm.tiktok.com/ZZnope/'),
      404,
      'TikTok video not found for URL: https://vm.tiktok.com/ZZnope/',
    ],
  ])('answers %s as the API documents', async (_what, send, status, error) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error });
  });

  it.each(Object.entries(FAULTS).filter(([, fault]) => !fault.slow))(
    'answers the reserved id %s with its fault',
    async (id, fault) => {
      const response = await lookUp(`https://www.tiktok.com/@sandbox/video/${id}`);
      expect(response.status).toBe(fault.status);
      expect(response.headers.get('retry-after')).toBe(fault.retryAfter ?? null);
      expect(response.headers.get('content-type')).toBe(fault.contentType);
      expect(await response.text()).toBe(
        fault.body.replace('{{url}}', `https://www.tiktok.com/@sandbox/video/${id}`),
      );
    },
  );

  it('answers the slow id after the slow delay, with a video', async () => {
    const started = Date.now();
    const response = await lookUp('https://www.tiktok.com/@sandbox/video/7000000000000000999');
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(((await response.json()) as { id: string }).id).toBe(posts[0]?.id);
  });
});

describe('sandbox balance and media', () => {
  it('answers the balance for the sandbox key only', async () => {
    const good = await fetch(`${sandbox.origin}/api/v2/balance`, {
      headers: { Authorization: `Bearer ${SANDBOX_API_KEY}` },
    });
    const bad = await fetch(`${sandbox.origin}/api/v2/balance`, {
      headers: { Authorization: 'Bearer nope' },
    });
    expect(good.status).toBe(200);
    expect(bad.status).toBe(401);
  });

  it('serves media by type, and 403 for an expired address', async () => {
    const video = await fetch(`${sandbox.origin}/media/7321234567890123456.mp4`);
    expect(video.status).toBe(200);
    expect(video.headers.get('content-type')).toBe('video/mp4');
    expect((await fetch(`${sandbox.origin}/media/expired-1.mp4`)).status).toBe(403);
  });

  it('records what reached it, including whether an Authorization header came', async () => {
    await fetch(`${sandbox.origin}/media/7321234567890123456.jpg`);
    expect(sandbox.requests.at(-1)).toEqual({
      method: 'GET',
      path: '/media/7321234567890123456.jpg',
      authorized: false,
      hadAuthorizationHeader: false,
    });
  });
});

describe('stopping', () => {
  it('frees its port and ends pending slow answers', async () => {
    const own = await startSandbox({ slowMs: 60_000 });
    const pending = fetch(`${own.origin}/api/v1/get-tiktok-video`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${SANDBOX_API_KEY}` },
      body: JSON.stringify({ url: 'https://www.tiktok.com/@sandbox/video/7000000000000000999' }),
    }).then(
      () => 'answered',
      (error: unknown) => (error as Error).message,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await own.close();
    expect(await pending).toBe('fetch failed');
    const refused = await new Promise<boolean>((resolve) => {
      const socket = createConnection(own.port, '127.0.0.1');
      socket.on('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.on('error', () => {
        resolve(true);
      });
    });
    expect(refused).toBe(true);
  });
});
