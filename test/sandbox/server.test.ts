import { createConnection } from 'node:net';

import {
  EMPTY_LAST_PAGE,
  FAULTS,
  RATE_LIMIT,
  SANDBOX_API_KEY,
  SHORT_LINKS,
  startSandbox,
  type Sandbox,
} from '../../sandbox/server';
import roster from '../../sandbox/roster.json';
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

describe('sandbox roster of creators and TikTok’s own shapes', () => {
  const SLOW_MS = 50;
  // Its own sandbox, so that its requests leave the shared one's rate-limit count alone.
  let own: Sandbox;
  beforeAll(async () => {
    own = await startSandbox({ slowMs: SLOW_MS });
  });
  afterAll(async () => {
    await own.close();
  });

  const askAt = (origin: string, path: string, body: unknown) =>
    fetch(`${origin}/api/v1/${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${SANDBOX_API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const postsOf = (body: Record<string, unknown>, origin = own.origin) =>
    askAt(origin, 'get-tiktok-profile-videos', { ...body, requestSource: 'ZAPIER' });

  interface AppPost {
    aweme_id: string;
    desc: string;
    create_time: number;
    is_top?: number;
    author: { uid: string; unique_id: string; nickname: string };
    statistics: Record<string, unknown>;
    video: { duration: number; cover: { url_list: string[] } };
  }
  interface AppPage {
    status_code?: number;
    aweme_list: AppPost[] | null;
    has_more: number;
    max_cursor?: string;
  }
  const pageOf = async (body: Record<string, unknown>): Promise<AppPage> => {
    const response = await postsOf(body);
    expect(response.status).toBe(200);
    return (await response.json()) as AppPage;
  };

  const pages = roster.pages as Record<string, AppPage>;
  const refused = Object.keys(pages).filter((handle) => pages[handle]?.aweme_list === null);
  const answering = Object.keys(pages).filter((handle) => !refused.includes(handle));
  const [slow = ''] = roster.slowHandles;
  const [gone = ''] = roster.goneHandles;
  const topSeconds = (id: string): number => Number(BigInt(id) >> 32n);

  it('has at least 25 creators who answer, each a TikTok username, and one who refuses', () => {
    expect(answering.length).toBeGreaterThanOrEqual(25);
    expect(refused).toEqual(['secret.supper.club']);
    for (const handle of [...answering, ...refused, ...roster.goneHandles])
      expect(handle).toMatch(/^[a-z0-9_.]{1,23}[a-z0-9_]$/);
    // The slow ones answer (after the delay); the gone ones are not in the data at all.
    expect(roster.slowHandles.length).toBeGreaterThan(0);
    expect(roster.slowHandles.every((handle) => answering.includes(handle))).toBe(true);
    expect(roster.goneHandles.filter((handle) => handle in pages)).toEqual([]);
  });

  it.each(answering)('answers %s with a first page of 2 to 4 posts in TikTok’s app JSON', async (handle) => {
    const page = await pageOf({ handle });
    const posts = page.aweme_list ?? [];
    expect(posts.length).toBeGreaterThanOrEqual(2);
    expect(posts.length).toBeLessThanOrEqual(4);
    expect([typeof page.max_cursor, page.has_more === 0 || page.has_more === 1]).toEqual(['string', true]);
    for (const post of posts) {
      // A post id's top 32 bits are its creation second; the caption carries its hashtags.
      expect([post.aweme_id, topSeconds(post.aweme_id)]).toEqual([post.aweme_id, post.create_time]);
      expect(post.aweme_id).toMatch(/^\d{19}$/);
      expect(post.desc).toMatch(/#\w+/);
      expect(post.author).toMatchObject({ unique_id: handle, uid: expect.stringMatching(/^\d+$/) as string });
      expect(Object.keys(post.statistics).sort()).toEqual([
        'collect_count',
        'comment_count',
        'digg_count',
        'play_count',
        'share_count',
      ]);
      // The app JSON gives the duration in milliseconds.
      expect(post.video.duration).toBeGreaterThanOrEqual(1000);
      expect(post.video.cover.url_list).toEqual([`${own.origin}/media/${post.aweme_id}.jpg`]);
    }
  });

  it('answers a slow creator only once the slow delay has passed', async () => {
    const events: string[] = [];
    const answered = postsOf({ handle: slow }).then((response) => {
      events.push('answered');
      return response;
    });
    // Node runs timers of one length in the order they were set, and this one is set before the
    // sandbox has even received the request: it fires first, however busy the machine.
    await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
    events.push('delay passed');
    const response = await answered;
    expect(events).toEqual(['delay passed', 'answered']);
    expect(response.status).toBe(200);
    expect(((await response.json()) as AppPage).aweme_list?.[0]?.author.unique_id).toBe(slow);
  });

  it('delays only the slow creators: the others answer while a slow one is still pending', async () => {
    const patient = await startSandbox({ slowMs: 60_000 });
    let settled = false;
    const pending = postsOf({ handle: slow }, patient.origin).then(
      () => 'answered',
      (error: unknown) => (error as Error).message,
    );
    void pending.then(() => (settled = true));
    try {
      const quick = answering.filter((handle) => !roster.slowHandles.includes(handle));
      const statuses = await Promise.all(
        quick.map(async (handle) => (await postsOf({ handle }, patient.origin)).status),
      );
      expect([statuses.every((status) => status === 200), settled]).toEqual([true, false]);
    } finally {
      await patient.close();
    }
    // Closing ends the pending answer: it never came.
    expect(await pending).toBe('fetch failed');
  });

  it('answers a creator who is gone with a 404, as for any handle it does not know', async () => {
    for (const handle of [gone, `@${gone.toUpperCase()}`]) {
      const response = await postsOf({ handle });
      expect([response.status, await response.json()]).toEqual([
        404,
        { error: `TikTok user not found: ${handle}` },
      ]);
    }
  });

  it('answers the creator who refuses with TikTok’s refusal, on every page', async () => {
    for (const maxCursor of [undefined, '1795137291000']) {
      const response = await postsOf({ handle: 'secret.supper.club', maxCursor });
      expect([response.status, await response.text()]).toEqual([
        200,
        '{"status_code":10222,"status_msg":"This account is private","aweme_list":null,"has_more":0}',
      ]);
    }
  });

  /** Every page of a creator, following `max_cursor` while `has_more` says 1. */
  const allPages = async (handle: string): Promise<AppPage[]> => {
    const read = [await pageOf({ handle })];
    for (let last = read[0]; last?.has_more === 1 && read.length < 10; last = read.at(-1))
      read.push(await pageOf({ handle, maxCursor: last.max_cursor }));
    return read;
  };
  const timesOf = (page: AppPage | undefined) =>
    (page?.aweme_list ?? []).filter((post) => post.is_top !== 1).map((post) => post.create_time);

  it.each([
    ['dumpling.kitchen', 2],
    ['noodle_nights', 3],
  ])('answers %s’s later pages at the max_cursor of the page before (%i pages)', async (handle, count) => {
    const read = await allPages(handle);
    expect(read.map((page) => page.has_more)).toEqual([...Array<number>(count - 1).fill(1), 0]);
    // Each later page is older than every post of the page before (pinned posts aside), and new.
    for (const [index, page] of read.entries()) {
      if (index === 0) continue;
      expect(Math.max(...timesOf(page))).toBeLessThan(Math.min(...timesOf(read[index - 1])));
    }
    const ids = read.flatMap((page) => (page.aweme_list ?? []).map((post) => post.aweme_id));
    const laterIds = read.slice(1).flatMap((page) => (page.aweme_list ?? []).map((post) => post.aweme_id));
    expect(laterIds.length).toBeGreaterThan(0);
    expect(laterIds.filter((id) => ids.indexOf(id) !== ids.lastIndexOf(id))).toEqual([]);
  });

  it('sends dumpling.kitchen’s second page for its first page’s max_cursor, as text', async () => {
    const first = await pageOf({ handle: 'dumpling.kitchen' });
    expect([first.has_more, first.max_cursor]).toEqual([1, '1733000000000']);
    const second = await pageOf({ handle: '@Dumpling.Kitchen', maxCursor: '1733000000000' });
    expect(second.aweme_list?.map((post) => post.aweme_id)).toEqual([
      '7121055776768000021',
      '7110318358528000004',
      '7088843522048000011',
    ]);
    expect([second.has_more, second.max_cursor]).toEqual([0, '1650500000000']);
  });

  it.each([
    ['a cursor it never sent', 'dumpling.kitchen', '1234'],
    ['another creator’s cursor', 'dumpling.kitchen', '1795137291000'],
    ['the cursor as a JSON number, not text', 'dumpling.kitchen', 1733000000000],
    ['a cursor for a creator with one page', 'kimchi.kyu', '1794192640000'],
  ])('answers %s with an empty last page', async (_what, handle, maxCursor) => {
    const response = await postsOf({ handle, maxCursor });
    expect([response.status, await response.json()]).toEqual([200, EMPTY_LAST_PAGE]);
  });

  it('answers an empty maxCursor with the first page, as when none is sent', async () => {
    expect(await pageOf({ handle: 'noodle_nights', maxCursor: '' })).toEqual(
      await pageOf({ handle: 'noodle_nights' }),
    );
  });

  it('knows no creator named as an object’s built-in property', async () => {
    for (const handle of ['constructor', '__proto__', 'toString'])
      expect((await postsOf({ handle })).status).toBe(404);
    const page = await postsOf({ handle: 'dumpling.kitchen', maxCursor: 'constructor' });
    expect(await page.json()).toEqual(EMPTY_LAST_PAGE);
  });

  it('counts X-RateLimit-Remaining down per key over the roster, slow, refused and gone creators alike', async () => {
    const fresh = await startSandbox({ slowMs: SLOW_MS });
    try {
      const left: string[] = [];
      for (const body of [
        { handle: 'kimchi.kyu' },
        { handle: slow },
        { handle: 'secret.supper.club' },
        { handle: gone },
        { handle: 'noodle_nights', maxCursor: '1795137291000' },
      ]) {
        const response = await postsOf(body, fresh.origin);
        expect(response.headers.get('x-ratelimit-limit')).toBe(String(RATE_LIMIT));
        left.push(response.headers.get('x-ratelimit-remaining') ?? 'none');
      }
      const search = await askAt(fresh.origin, 'search-tiktok-users', { query: 'bao' });
      left.push(search.headers.get('x-ratelimit-remaining') ?? 'none');
      expect(left).toEqual(['99', '98', '97', '96', '95', '94']);
    } finally {
      await fresh.close();
    }
  });

  interface AppUser extends Record<string, unknown> {
    uid: string;
    unique_id: string;
    custom_verify: string;
    enterprise_verify_reason: string;
    avatar_thumb: { url_list: string[] };
    avatar_larger: { url_list: string[] };
  }

  it('answers the search for bao in TikTok’s own body: user_list of user_info, has_more 0, cursor 10', async () => {
    const response = await askAt(own.origin, 'search-tiktok-users', {
      query: 'Bao',
      requestSource: 'ZAPIER',
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      user_list: { user_info: AppUser }[];
      [key: string]: unknown;
    };
    expect(body).toMatchObject({ status_code: 0, cursor: 10, has_more: 0 });
    expect(body).not.toHaveProperty('userList');
    expect(body).not.toHaveProperty('hasMore');
    const users = body.user_list.map((match) => match.user_info);
    expect(users.map((user) => [user.unique_id, user.custom_verify, user.enterprise_verify_reason])).toEqual([
      ['bao.buns.daily', 'Popular creator', ''],
      ['baobei.bakes', '', 'verified account'],
      ['steamy.bao.lab', '', ''],
      ['bao_and_beyond', '', ''],
    ]);
    for (const user of users) {
      expect(user).toMatchObject({
        uid: expect.stringMatching(/^\d{19}$/) as string,
        sec_uid: expect.stringMatching(/^MS4wLjAB/) as string,
        create_time: 0,
        followers_detail: null,
        item_list: null,
      });
      for (const count of [
        'follower_count',
        'following_count',
        'total_favorited',
        'aweme_count',
        'favoriting_count',
      ])
        expect(typeof user[count]).toBe('number');
      expect([user.avatar_thumb.url_list, user.avatar_larger.url_list]).toEqual([
        [`${own.origin}/media/avatar-${user.unique_id}.jpg`],
        [`${own.origin}/media/avatar-${user.unique_id}.jpg`],
      ]);
    }
    // The best match is the roster's bao.buns.daily, by the same id.
    expect(users[0]?.uid).toBe(pages['bao.buns.daily']?.aweme_list?.[0]?.author.uid);
  });

  it('answers bao.buns.daily’s profile in TikTok’s app JSON: status_code 0 and the app user object', async () => {
    const response = await askAt(own.origin, 'get-tiktok-profile', { handle: '@bao.buns.daily' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status_code: unknown; user: AppUser; [key: string]: unknown };
    expect(body.status_code).toBe(0);
    expect(body).not.toHaveProperty('stats');
    expect(body.user).toMatchObject({
      uid: pages['bao.buns.daily']?.aweme_list?.[0]?.author.uid,
      unique_id: 'bao.buns.daily',
      nickname: 'Bao Buns Daily',
      create_time: 0,
      custom_verify: 'Popular creator',
      enterprise_verify_reason: '',
      follower_count: 1284300,
      total_favorited: 38650021,
      aweme_count: 412,
      secret: 0,
      geofencing: null,
      bio_url: 'https://bao-buns-daily.example.com/recipes',
    });
    expect(body.user).not.toHaveProperty('uniqueId');
    expect(body.user.avatar_larger.url_list).toEqual([`${own.origin}/media/avatar-bao.buns.daily.jpg`]);
  });

  it('answers lantern.noodle.bar’s posts in TikTok’s web JSON: itemList alone, an old pinned post first', async () => {
    const response = await postsOf({ handle: 'lantern.noodle.bar' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      itemList: {
        id: string;
        createTime: unknown;
        isPinnedItem?: boolean;
        author: Record<string, unknown>;
        stats: Record<string, unknown>;
        video: { duration: number; cover: string };
      }[];
    };
    expect(Object.keys(body)).toEqual(['itemList']);
    const items = body.itemList;
    expect(items.map((item) => [item.isPinnedItem ?? false, item.createTime])).toEqual([
      [true, '1751328000'],
      [false, '1796400000'],
      [false, '1796050000'],
      [false, '1795600000'],
    ]);
    for (const item of items) {
      expect([item.id, topSeconds(item.id)]).toEqual([item.id, Number(item.createTime)]);
      expect(item.author).toMatchObject({ uniqueId: 'lantern.noodle.bar', verified: false });
      expect(Object.keys(item.stats).sort()).toEqual([
        'collectCount',
        'commentCount',
        'diggCount',
        'playCount',
        'shareCount',
      ]);
      // The web JSON gives the duration in seconds.
      expect(item.video.duration).toBeLessThan(600);
      expect(item.video.cover).toBe(`${own.origin}/media/${item.id}.jpg`);
    }
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
