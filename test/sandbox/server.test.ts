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

  it('counts X-RateLimit-Remaining down across the creator endpoints, as for every other', async () => {
    const first = await ask('get-tiktok-profile', { handle: 'dumpling.kitchen' });
    const second = await ask('get-tiktok-profile-videos', { handle: 'dumpling.kitchen' });
    const third = await ask('search-tiktok-users', { query: 'dumpling' });
    const left = [first, second, third].map((response) =>
      Number(response.headers.get('x-ratelimit-remaining')),
    );
    expect(left.map((count) => count - (left[0] ?? 0))).toEqual([0, -1, -2]);
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

describe('sandbox creator search', () => {
  const search = (body: unknown, key = SANDBOX_API_KEY) =>
    fetch(`${sandbox.origin}/api/v1/search-tiktok-users`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  interface SearchAnswer {
    cursor: unknown;
    hasMore: unknown;
    userList: { user: Record<string, unknown>; stats: Record<string, unknown> }[];
  }

  /** A page as [cursor, hasMore, each match's id and username, or the search_user_name it alone has]. */
  const pageOf = async (cursor?: number) => {
    const response = await search({ query: 'dumpling', requestSource: 'ZAPIER', cursor });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as SearchAnswer;
    return [
      answer.cursor,
      answer.hasMore,
      answer.userList.map(({ user }) => [
        user.id,
        user.uniqueId ?? `search_user_name ${String(user.search_user_name)}`,
      ]),
    ];
  };

  it('answers three pages, the cursor a number and hasMore a boolean, page n at cursor 3 × n', async () => {
    expect([await pageOf(), await pageOf(3), await pageOf(6)]).toEqual([
      [
        3,
        true,
        [
          ['6812345678901234567', 'dumpling.kitchen'],
          ['6812345678901234001', 'dumplingdiaries'],
          ['6812345678901234002', 'search_user_name dumpling_daddy'],
        ],
      ],
      [
        6,
        true,
        [
          // The best match comes again on page 2: a repeat the step must drop.
          ['6812345678901234567', 'dumpling.kitchen'],
          ['6812345678901234003', 'mama.dumplings'],
          ['6812345678901234004', 'tiny.dumpling'],
        ],
      ],
      [
        9,
        false,
        [
          ['6812345678901234005', 'dumplingart'],
          ['6812345678901234006', 'xiaolongbao.club'],
        ],
      ],
    ]);
  });

  it('names one match only by search_user_name, with no uniqueId at all', async () => {
    const answer = (await (await search({ query: 'dumpling' })).json()) as SearchAnswer;
    const daddy = answer.userList.find(({ user }) => user.id === '6812345678901234002')?.user;
    expect(daddy).toMatchObject({ search_user_name: 'dumpling_daddy', nickname: 'Dumpling Daddy' });
    expect(daddy).not.toHaveProperty('uniqueId');
  });

  it('reads the query trimmed and in any case, with avatars on the sandbox and TikTok’s web stats', async () => {
    const response = await search({ query: '  DUMPLING ' });
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-ratelimit-limit')).toBe('100');
    expect(response.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
    const [first] = ((await response.json()) as SearchAnswer).userList;
    expect(first).toEqual({
      user: {
        id: '6812345678901234567',
        nickname: 'Dumpling Kitchen',
        secUid: 'MS4wLjABAAAAdumpling_kitchen',
        signature: 'Dumplings from scratch, every Sunday.',
        avatarThumb: `${sandbox.origin}/media/avatar-dumpling.kitchen.jpg`,
        verified: false,
        privateAccount: false,
        uniqueId: 'dumpling.kitchen',
      },
      stats: {
        followerCount: 182431,
        followingCount: 100,
        heartCount: 3648620,
        videoCount: 120,
        diggCount: 300,
      },
    });
  });

  it('finds nothing for a query it does not know: an empty page, not a 404', async () => {
    const response = await search({ query: 'no such creator' });
    expect([response.status, await response.json()]).toEqual([
      200,
      { userList: [], hasMore: false, cursor: 0 },
    ]);
  });

  it.each([
    ['a wrong key', () => search({ query: 'dumpling' }, 'sk_wrong'), 401, 'API key is invalid or missing.'],
    ['a body that is not JSON', () => search('{"query": '), 400, 'Invalid JSON in request body'],
    ['no query', () => search({}), 400, "'query' parameter is required and must be a non-empty string."],
    [
      'a blank query',
      () => search({ query: ' ' }),
      400,
      "'query' parameter is required and must be a non-empty string.",
    ],
    [
      'a query that is not text',
      () => search({ query: 7 }),
      400,
      "'query' parameter is required and must be a non-empty string.",
    ],
  ])('refuses %s', async (_what, send, status, error) => {
    const response = await send();
    expect([response.status, await response.json()]).toEqual([status, { error }]);
  });
});

describe('sandbox comments endpoint', () => {
  const SAMPLE = 'https://www.tiktok.com/@dumpling.kitchen/video/7321234567890123456';
  const ask = (body: unknown, key = SANDBOX_API_KEY) =>
    fetch(`${sandbox.origin}/api/v1/get-tiktok-video-comments`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const pageText = async (cursor?: number, url = SAMPLE) => {
    const response = await ask({ url, requestSource: 'ZAPIER', cursor });
    expect(response.status).toBe(200);
    return response.text();
  };

  interface Comment {
    cid: unknown;
    text: string;
    reply_comment_total?: number;
    reply_comment?: Comment[];
  }
  interface CommentsAnswer {
    cursor: unknown;
    hasMore: unknown;
    total: unknown;
    comments: Comment[];
  }

  // JSON.parse would round a 19-digit number, so the cids are read from the text as sent: quoted
  // when sent as a string, bare when sent as a JSON number. Replies' cids sit inside their comment.
  const cidsAsSent = (text: string): string[] =>
    [...text.matchAll(/"cid":("\d+"|\d+)/g)].map((m) => m[1] ?? '');

  it('answers three pages: cursor a number, hasMore a boolean, the total on each', async () => {
    const pages = [await pageText(), await pageText(3), await pageText(6)];
    expect(
      pages.map((text) => {
        const { cursor, hasMore, total } = JSON.parse(text) as CommentsAnswer;
        return [cursor, hasMore, total, cidsAsSent(text)];
      }),
    ).toEqual([
      [
        3,
        true,
        9,
        ['"7321300000000000001"', '"7321300000000000101"', '"7321300000000000002"', '7321399999999999999'],
      ],
      [
        6,
        true,
        9,
        // The last comment of page 1 comes again first on page 2.
        ['7321399999999999999', '"7321300000000000004"', '"7321300000000000005"', '"7321300000000000105"'],
      ],
      [9, false, 9, ['"7321300000000000006"', '"7321300000000000007"']],
    ]);
  });

  it('sends the 19-digit cid as a bare JSON number, every digit, which JSON.parse cannot keep', async () => {
    const text = await pageText();
    expect(text).toContain('"cid":7321399999999999999,"text":"What flour do you use? 🤔"');
    expect(text).not.toContain('"7321399999999999999"');
    const { comments } = JSON.parse(text) as CommentsAnswer;
    expect(comments.map((comment) => comment.cid)).toEqual([
      '7321300000000000001',
      '7321300000000000002',
      7321400000000000000,
    ]);
  });

  it('carries replies inside the comment they answer, with the total of replies', async () => {
    const replies = (text: string) =>
      (JSON.parse(text) as CommentsAnswer).comments.map((comment) => [
        comment.text,
        comment.reply_comment_total ?? null,
        (comment.reply_comment ?? []).map((reply) => [reply.cid, reply.text]),
      ]);
    expect(replies(await pageText())).toEqual([
      ['Great recipe! 🔥🥟', 1, [['7321300000000000101', '@hungry.hana thank you! 🙏']]],
      ['Tried it tonight.\nMy kids loved it!', 0, []],
      ['What flour do you use? 🤔', 0, []],
    ]);
    expect(replies(await pageText(3))[2]).toEqual([
      'When is the next live?',
      1,
      [['7321300000000000105', 'Sunday at 10 🕙']],
    ]);
  });

  it('sends emoji as UTF-8 characters, not escapes, and a comment with no reply list at all', async () => {
    const response = await ask({ url: SAMPLE, cursor: 6 });
    expect(response.headers.get('content-type')).toBe('application/json');
    const text = await response.text();
    expect(text).toContain('"text":"😍😍😍"');
    expect(text).toContain('"nickname":"✨"');
    expect(text).not.toContain('\\u');
    const [emojiOnly] = (JSON.parse(text) as CommentsAnswer).comments;
    expect(emojiOnly).not.toHaveProperty('reply_comment');
  });

  it('answers a short link with the post it stands for', async () => {
    expect(await pageText(undefined, 'https://vm.tiktok.com/ZMhSandbox1/')).toBe(await pageText());
  });

  it('answers a video without comments with an empty page', async () => {
    const text = await pageText(
      undefined,
      'https://www.tiktok.com/@dumpling.kitchen/video/7322000000000000002',
    );
    expect(JSON.parse(text)).toEqual({ hasMore: false, cursor: 0, total: 0, comments: [] });
  });

  it('counts X-RateLimit-Remaining down per key', async () => {
    const first = await ask({ url: SAMPLE });
    const second = await ask({ url: SAMPLE });
    expect(first.headers.get('x-ratelimit-limit')).toBe('100');
    expect(Number(second.headers.get('x-ratelimit-remaining'))).toBe(
      Number(first.headers.get('x-ratelimit-remaining')) - 1,
    );
  });

  it.each([
    ['a wrong key', () => ask({ url: SAMPLE }, 'sk_wrong'), 401, 'API key is invalid or missing.'],
    ['a body that is not JSON', () => ask('{"url": '), 400, 'Invalid JSON in request body'],
    ['no url', () => ask({}), 400, "'url' parameter is required and must be a non-empty string."],
    [
      'a url that is not TikTok',
      () => ask({ url: 'https://example.com/x' }),
      400,
      'Invalid TikTok video URL format.',
    ],
    [
      'an unknown video',
      () => ask({ url: 'https://www.tiktok.com/@x/video/1' }),
      404,
      'TikTok video not found for URL: https://www.tiktok.com/@x/video/1',
    ],
    // Past the last page the sandbox answers as for an unknown video (the app stops at hasMore
    // false, and reads a later page's 404 as the list's end).
    [
      'a cursor past the last page',
      () => ask({ url: SAMPLE, cursor: 9 }),
      404,
      'TikTok video not found for URL: https://www.tiktok.com/@dumpling.kitchen/video/7321234567890123456',
    ],
    [
      'the reserved out-of-credits id',
      () => ask({ url: 'https://www.tiktok.com/@sandbox/video/7000000000000000403' }),
      403,
      'Insufficient credits. Please top up your account.',
    ],
  ])('answers %s as the API documents', async (_what, send, status, error) => {
    const response = await send();
    expect([response.status, await response.json()]).toEqual([status, { error }]);
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
