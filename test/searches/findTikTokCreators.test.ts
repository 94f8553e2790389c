import nock from 'nock';

import { DEFAULT_SETUP } from '../../src/lookups/setup';
import { CREATOR_PAGING, findCreators, findTikTokCreators } from '../../src/searches/findTikTokCreators';
import { API, API_KEY, bundleFor, caught, readFixture, run, userMessage, statusCases } from '../helpers';
import { fakeClock } from '../fakeClock';

const PATH = '/api/v1/search-tiktok-users';
const JSON_TYPE = { 'Content-Type': 'application/json' };
const page = (n: number) => readFixture(`search/page-${n}`);

type Creator = Record<string, unknown>;
const search = (inputData: Record<string, unknown>) =>
  run(findTikTokCreators.operation.perform as Parameters<typeof run>[0], bundleFor(inputData)) as Promise<
    Creator[]
  >;

/** Pages answered in order, each one asked with the cursor the last one gave. */
const answerPages = (...numbers: number[]) => {
  const cursors: Record<number, number | undefined> = { 1: undefined, 2: 3, 3: 6 };
  return numbers.map((n) => {
    const cursor = cursors[n];
    return nock(API, { reqheaders: { authorization: `Bearer ${API_KEY}` } })
      .post(PATH, { query: 'dumpling', requestSource: 'ZAPIER', ...(cursor === undefined ? {} : { cursor }) })
      .reply(200, page(n), JSON_TYPE);
  });
};

describe('Find TikTok Creator', () => {
  it('is a search named and described in Zapier’s words', () => {
    expect([findTikTokCreators.key, findTikTokCreators.noun, findTikTokCreators.display.label]).toEqual([
      'find_tiktok_creators',
      'TikTok Creator',
      'Find TikTok Creator',
    ]);
  });

  it('says in its help what the filters leave out, and that 0 followers is no minimum', () => {
    const fields = findTikTokCreators.operation.inputFields as { key: string; helpText: string }[];
    expect(fields.map((field) => [field.key, field.helpText])).toEqual([
      [
        'query',
        'A name, a username or words that describe the creators, such as `vegan recipes`. The best matches come first.',
      ],
      [
        'minFollowers',
        'Only creators with at least this many followers (a creator whose count TikTok does not show is left out); empty or 0 for no minimum. When a filter leaves fewer than 10 creators, the step reads up to 5 pages of matches, each one DumplingAI call.',
      ],
      [
        'verifiedOnly',
        'Only creators with TikTok’s verified badge. A creator whose badge DumplingAI’s answer does not show is left out.',
      ],
    ]);
  });

  it('keeps the verified creators of TikTok’s own search body, whose badge is a text', async () => {
    const scopes = [
      nock(API)
        .post(PATH, { query: 'dumpling', requestSource: 'ZAPIER' })
        .reply(200, readFixture('search/tiktok-user-list'), JSON_TYPE),
      // The first page says more follow (has_more 1, cursor 10) and few matched, so the step reads on.
      nock(API)
        .post(PATH, { query: 'dumpling', requestSource: 'ZAPIER', cursor: 10 })
        .reply(200, readFixture('search/tiktok-cards'), JSON_TYPE),
    ];
    const creators = await search({ query: 'dumpling', verifiedOnly: 'true' });
    expect(scopes.map((scope) => scope.isDone())).toEqual([true, true]);
    expect(
      creators.map((creator) => [creator.rank, creator.uniqueId, creator.verified, creator.createTimeISO]),
    ).toEqual([
      [1, 'dumpling.kitchen', true, null],
      [2, 'dumplinghouse_official', true, null],
    ]);
  });

  it('asks once with {query, requestSource} and gives every match best first, with its rank and profile keys', async () => {
    const [scope] = answerPages(1);
    const creators = await search({ query: '  dumpling ' });
    expect(scope?.isDone()).toBe(true);
    expect(creators.map((creator) => [creator.rank, creator.uniqueId, creator.followerCount])).toEqual([
      [1, 'dumpling.kitchen', 182431],
      [2, 'dumplingdiaries', 2450000],
      [3, 'dumpling_daddy', 8900],
    ]);
    expect(creators[2]).toMatchObject({
      profileUrl: 'https://www.tiktok.com/@dumpling_daddy',
      id: '6812345678901234002',
    });
    expect(JSON.parse(String(creators[0]?.avatarFile).split('|||')[1] ?? '')).toMatchObject({
      bundle: { filename: 'dumpling.kitchen-avatar.jpg' },
    });
  });

  it('reads more pages while a filter leaves fewer than 10 matches, each creator once', async () => {
    const scopes = answerPages(1, 2, 3);
    const creators = await search({ query: 'dumpling', verifiedOnly: 'true' });
    expect(scopes.map((scope) => scope.isDone())).toEqual([true, true, true]);
    // Ranks count each creator once in DumplingAI's order: the repeat of dumpling.kitchen is gone.
    expect(creators.map((creator) => [creator.rank, creator.uniqueId])).toEqual([
      [2, 'dumplingdiaries'],
      [4, 'mama.dumplings'],
      [7, 'xiaolongbao.club'],
    ]);
  });

  it('keeps creators with at least the minimum followers, a count TikTok hides counting as too few', async () => {
    answerPages(1, 2, 3);
    nock(API)
      .post(PATH, { query: 'hidden', requestSource: 'ZAPIER' })
      .reply(200, { userList: [{ user: { id: '1', uniqueId: 'no.stats' } }], hasMore: false });
    const creators = await search({ query: 'dumpling', minFollowers: '100,000', verifiedOnly: false });
    expect(creators.map((creator) => creator.uniqueId)).toEqual([
      'dumpling.kitchen',
      'dumplingdiaries',
      'mama.dumplings',
      'xiaolongbao.club',
    ]);
    await expect(search({ query: 'hidden', minFollowers: 1 })).resolves.toEqual([]);
  });

  it.each([0, '0', ' 0 '])(
    'takes a minimum of %j for no filter: one page, creators with hidden counts kept',
    async (minFollowers) => {
      // page-1 says more follow; a filter would read on while fewer than 10 match.
      const [scope] = answerPages(1);
      nock(API)
        .post(PATH, { query: 'hidden', requestSource: 'ZAPIER' })
        .reply(200, { userList: [{ user: { id: '1', uniqueId: 'no.stats' } }], hasMore: true, cursor: 1 });
      const creators = await search({ query: 'dumpling', minFollowers });
      expect(creators.map((creator) => creator.rank)).toEqual([1, 2, 3]);
      expect(scope?.isDone()).toBe(true);
      const hidden = await search({ query: 'hidden', minFollowers });
      expect(hidden.map((creator) => [creator.uniqueId, creator.followerCount])).toEqual([
        ['no.stats', null],
      ]);
    },
  );

  it('tells creators apart by id, else by username, and leaves out a match that names neither', async () => {
    nock(API)
      .post(PATH, { query: 'ids', requestSource: 'ZAPIER' })
      .reply(200, {
        hasMore: false,
        userList: [
          { user: { uniqueId: 'no.id' } },
          { user: { uniqueId: 'no.id' } },
          { user: { nickname: 'Nobody' } },
          { user: { id: '7', uniqueId: 'has.id' } },
        ],
      });
    const creators = await search({ query: 'ids' });
    expect(creators.map((creator) => [creator.rank, creator.uniqueId])).toEqual([
      [1, 'no.id'],
      [2, 'has.id'],
    ]);
  });

  it('asks for a query when none was given', async () => {
    const error = await caught(() => search({}));
    expect(userMessage(error)).toBe(
      'Enter what to look for: a name, a username or words that describe the creators.',
    );
  });

  it('keeps a creator with exactly the minimum of followers', async () => {
    answerPages(1, 2, 3);
    const creators = await search({ query: 'dumpling', minFollowers: '182431' });
    expect(creators.map((creator) => creator.uniqueId)).toEqual([
      'dumpling.kitchen',
      'dumplingdiaries',
      'mama.dumplings',
      'xiaolongbao.club',
    ]);
  });

  it('reads at most 5 pages, each one DumplingAI call, however few matches the filter leaves', async () => {
    const pageAt = (n: number) => ({
      hasMore: true,
      cursor: (n + 1) * 3,
      userList: [
        { user: { id: `id${n}`, uniqueId: `creator${n}`, verified: false }, stats: { followerCount: 10 } },
      ],
    });
    const scopes = [undefined, 3, 6, 9, 12].map((cursor, n) =>
      nock(API)
        .post(PATH, { query: 'rare', requestSource: 'ZAPIER', ...(cursor === undefined ? {} : { cursor }) })
        .reply(200, pageAt(n)),
    );
    // No further interceptor: a sixth request would fail the test.
    await expect(search({ query: 'rare', verifiedOnly: true })).resolves.toEqual([]);
    expect(scopes.map((scope) => scope.isDone())).toEqual([true, true, true, true, true]);
  });

  it('stops asking once the filter has 10 matches', async () => {
    const many = {
      hasMore: true,
      cursor: 10,
      userList: Array.from({ length: 10 }, (_, i) => ({
        user: { id: String(i), uniqueId: `creator${i}`, verified: true },
        stats: { followerCount: 10 },
      })),
    };
    const scope = nock(API).post(PATH).once().reply(200, many);
    const creators = await search({ query: 'creator', verifiedOnly: true });
    expect(scope.isDone()).toBe(true);
    expect(creators).toHaveLength(10);
  });

  it('asks for no further page when time runs short (a fake clock)', async () => {
    const { clock, advance } = fakeClock();
    const scope = nock(API)
      .post(PATH, { query: 'dumpling', requestSource: 'ZAPIER' })
      .reply(() => {
        advance(21_000);
        return [200, page(1), JSON_TYPE];
      });
    const perform = findCreators({ ...DEFAULT_SETUP, paging: CREATOR_PAGING, clock });
    const creators = (await run(
      perform,
      bundleFor({ query: 'dumpling', verifiedOnly: 'true' }),
    )) as Creator[];
    expect(scope.isDone()).toBe(true);
    expect(creators.map((creator) => creator.uniqueId)).toEqual(['dumplingdiaries']);
  });

  it.each([
    ['{"userList":[],"hasMore":false,"cursor":0}', 200],
    ['{"error":"TikTok users not found"}', 404],
  ])('finds nothing ([]) for %s', async (body, status) => {
    const scope = nock(API).post(PATH).reply(status, body, JSON_TYPE);
    await expect(search({ query: 'zzzz' })).resolves.toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    [{ query: '   ' }, 'Enter what to look for: a name, a username or words that describe the creators.'],
    [
      { query: 'x', minFollowers: 'lots' },
      '"lots" is not a number of followers. Enter a whole number such as 10000, or leave Minimum Followers empty.',
    ],
    [
      { query: 'x', minFollowers: '-5' },
      '"-5" is not a number of followers. Enter a whole number such as 10000, or leave Minimum Followers empty.',
    ],
  ])('refuses %j without a request', async (input, message) => {
    const error = await caught(() => search(input));
    expect(error.name).toBe('HaltedError');
    expect(userMessage(error)).toBe(message);
  });

  it.each(
    statusCases("'query' parameter is required and must be a non-empty string.", 'TikTok creator search'),
  )(
    'treats a %i as every other step does, in the same words',
    async (status, body, headers, name, message) => {
      const scope = nock(API)
        .post(PATH)
        .reply(status, body, { ...JSON_TYPE, ...headers });
      const error = await caught(() => search({ query: 'dumpling' }));
      expect(scope.isDone()).toBe(true);
      expect([error.name, userMessage(error)]).toEqual([name, message]);
    },
  );

  it('lets Zapier try later when DumplingAI cannot be reached', async () => {
    const scope = nock(API).post(PATH).replyWithError('socket hang up');
    const error = await caught(() => search({ query: 'dumpling' }));
    expect(scope.isDone()).toBe(true);
    expect(error.name).toBe('ThrottledError');
  });

  it('says what a 200 that is no list of creators was', async () => {
    nock(API).post(PATH).reply(200, '{"users":[]}', JSON_TYPE);
    const error = await caught(() => search({ query: 'dumpling' }));
    expect(userMessage(error)).toBe(
      'DumplingAI sent an answer that is not a list of TikTok creators: the answer held no list of creators. Try again later; if it keeps happening, contact DumplingAI support.',
    );
  });

  it('has a sample with every output field, the avatar file as its address', () => {
    const sample = findTikTokCreators.operation.sample as Record<string, unknown>;
    const keys = (findTikTokCreators.operation.outputFields as { key: string }[]).map((field) => field.key);
    expect(Object.keys(sample).sort()).toEqual([...keys].sort());
    expect(sample.rank).toBe(1);
    expect(sample.avatarFile).toBe(sample.avatarUrl);
  });
});
