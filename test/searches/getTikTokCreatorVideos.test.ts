import nock from 'nock';

import { DEFAULT_SETUP } from '../../src/lookups/setup';
import { fakeClock } from '../fakeClock';
import { findCreatorVideos, getTikTokCreatorVideos } from '../../src/searches/getTikTokCreatorVideos';
import {
  API,
  API_KEY,
  bundleFor,
  caught,
  readFixture,
  run,
  TRANSCRIPT_LANGUAGE_FIELD,
  userMessage,
  transcriptPointerOf,
  transcriptPointerFor,
} from '../helpers';

const PATH = '/api/v1/get-tiktok-profile-videos';
const JSON_TYPE = { 'Content-Type': 'application/json' };

interface Output {
  handle: string;
  profileUrl: string;
  count: number;
  hasMore: boolean;
  videos: { id: string; createTime: number | null; isPinned: boolean; url: string }[];
}

/** The search on a clock that stands still, so the time budget never runs out. */
const search = (inputData: Record<string, unknown>) =>
  run(findCreatorVideos({ ...DEFAULT_SETUP, clock: fakeClock().clock }), bundleFor(inputData)) as Promise<
    Output[]
  >;

/** A page of posts (id, time), with what it says of the next page. */
const page = (posts: [string, number, Record<string, unknown>?][], more?: string) =>
  JSON.stringify({
    aweme_list: posts.map(([id, time, extra = {}]) => ({ aweme_id: id, create_time: time, ...extra })),
    ...(more === undefined ? { has_more: 0 } : { has_more: 1, max_cursor: more }),
  });

const answer = (body: string, maxCursor?: string, handle = 'dumpling.kitchen') =>
  nock(API, { reqheaders: { authorization: `Bearer ${API_KEY}` } })
    .post(PATH, { handle, ...(maxCursor === undefined ? {} : { maxCursor }), requestSource: 'ZAPIER' })
    .reply(200, body, JSON_TYPE);

const ids = (output: Output[]) => output[0]?.videos.map((video) => video.id);

describe('Get TikTok Creator Videos', () => {
  it('is a search named and described in Zapier’s words, with its inputs and their help', () => {
    expect([getTikTokCreatorVideos.key, getTikTokCreatorVideos.noun, getTikTokCreatorVideos.display]).toEqual(
      [
        'get_tiktok_creator_videos',
        'TikTok Video',
        {
          label: 'Get TikTok Creator Videos',
          description:
            "Finds a TikTok creator's most recent videos and photo posts, newest first, as line items for Looping and Schedule Zaps.",
        },
      ],
    );
    const fields = getTikTokCreatorVideos.operation.inputFields as Record<string, unknown>[];
    expect(fields.map(({ key, type, required, default: initial }) => [key, type, required, initial])).toEqual(
      [
        ['creator', 'string', true, undefined],
        ['maxVideos', 'integer', false, '10'],
        ['postedAfter', 'datetime', false, undefined],
        ['transcriptLanguage', 'string', false, 'en'],
      ],
    );
    expect(fields.map((field) => field.helpText)).toEqual([
      'The TikTok creator whose posts to list. Their username (such as `@dumpling.kitchen`), their profile link (such as `https://www.tiktok.com/@dumpling.kitchen`), or a link to one of their posts.',
      'How many of the newest posts to return, from 1 to 100; 10 when left empty. Each page of posts is one DumplingAI call, and the step reads only the pages it needs, up to 10.',
      'Only posts made after this date and time, such as `2026-12-01` or `yesterday`. A post whose time TikTok does not give is left out when this is set.',
      TRANSCRIPT_LANGUAGE_FIELD.helpText,
    ]);
  });

  it('gives the 10 newest posts by default from one page, pinned posts marked and in their place', async () => {
    const posts = Array.from({ length: 12 }, (_, n): [string, number] => [`7${20 - n}`, 2000 - n]);
    const scope = answer(page([['799', 100, { is_top: 1 }], ...posts], 'c1'));
    const output = await search({ creator: '@Dumpling.Kitchen' });
    expect(scope.isDone()).toBe(true);
    expect(output).toHaveLength(1);
    expect(output[0]).toMatchObject({
      handle: 'dumpling.kitchen',
      profileUrl: 'https://www.tiktok.com/@dumpling.kitchen',
      count: 10,
      hasMore: true,
    });
    expect(ids(output)).toEqual(['720', '719', '718', '717', '716', '715', '714', '713', '712', '711']);
  });

  it('reads on with maxCursor until it has as many as asked for, and says whether more exist', async () => {
    const scopes = [
      answer(
        page(
          [
            ['730', 300],
            ['729', 290],
          ],
          '290000',
        ),
      ),
      answer(
        page(
          [
            ['728', 280],
            ['727', 270],
          ],
          '270000',
        ),
        '290000',
      ),
      answer(page([['726', 260]]), '270000'),
    ];
    const output = await search({ creator: 'dumpling.kitchen', maxVideos: '5' });
    expect(scopes.map((scope) => scope.isDone())).toEqual([true, true, true]);
    expect(ids(output)).toEqual(['730', '729', '728', '727', '726']);
    expect(output[0]).toMatchObject({ count: 5, hasMore: false });
  });

  it('keeps a pinned post in its place among the pages read', async () => {
    answer(
      page([
        ['790', 50, { is_top: 1 }],
        ['730', 300],
        ['729', 290],
        ['700', 40],
      ]),
    );
    const output = await search({ creator: 'dumpling.kitchen', maxVideos: 100 });
    expect(output[0]?.videos.map((video) => [video.id, video.isPinned])).toEqual([
      ['730', false],
      ['729', false],
      ['790', true],
      ['700', false],
    ]);
  });

  it('gives only posts made after the date, and stops reading once a page reaches back past it', async () => {
    // 2025-12-01T00:00:00Z is 1764547200.
    const scope = answer(
      page(
        [
          ['790', 1_700_000_000, { is_top: 1 }],
          ['730', 1_764_600_000],
          ['729', 1_764_547_201],
          ['728', 1_764_547_200],
          ['727', 1_764_000_000],
        ],
        'c1',
      ),
    );
    const output = await search({ creator: 'dumpling.kitchen', postedAfter: '2025-12-01T00:00:00Z' });
    expect(scope.isDone()).toBe(true);
    expect(ids(output)).toEqual(['730', '729']);
    expect(output[0]).toMatchObject({ count: 2, hasMore: false });
  });

  it('reads no further once a page reaches the date itself: a post made at that second is not after it', async () => {
    const scope = answer(
      page(
        [
          ['730', 1_764_600_000],
          ['728', 1_764_547_200],
        ],
        'c1',
      ),
    );
    const output = await search({ creator: 'dumpling.kitchen', postedAfter: '2025-12-01T00:00:00Z' });
    expect(scope.isDone()).toBe(true);
    expect(ids(output)).toEqual(['730']);
    expect(output[0]).toMatchObject({ count: 1, hasMore: false });
  });

  it('gives a post once when a later page repeats it (new posts push the list down between pages)', async () => {
    answer(
      page(
        [
          ['730', 300],
          ['729', 290],
        ],
        'c1',
      ),
    );
    answer(
      page([
        ['729', 290],
        ['728', 280],
      ]),
      'c1',
    );
    const output = await search({ creator: 'dumpling.kitchen', maxVideos: 3 });
    expect(ids(output)).toEqual(['730', '729', '728']);
    expect(output[0]).toMatchObject({ count: 3, hasMore: false });
  });

  it('leaves out a post whose time is unknown when a date is set', async () => {
    answer(
      page([
        ['1', 0],
        ['730', 1_764_600_000],
      ]),
    );
    const output = await search({ creator: 'dumpling.kitchen', postedAfter: '2025-12-01' });
    expect(ids(output)).toEqual(['730']);
    answer(
      page([
        ['1', 0],
        ['730', 1_764_600_000],
      ]),
    );
    expect(ids(await search({ creator: 'dumpling.kitchen' }))).toEqual(['730', '1']);
  });

  it('reads on while no post reaches back to the date, and says more exist when it stopped for the maximum', async () => {
    // Two pages after the date but for the last post of the second.
    const twoPages = () => [
      answer(
        page(
          [
            ['730', 1_764_700_000],
            ['729', 1_764_650_000],
          ],
          'c1',
        ),
      ),
      answer(
        page(
          [
            ['728', 1_764_600_000],
            ['727', 1_764_000_000],
          ],
          'c2',
        ),
        'c1',
      ),
    ];
    const scopes = twoPages();
    const output = await search({ creator: 'dumpling.kitchen', postedAfter: '2025-12-01', maxVideos: 2 });
    // Two count on page 1: the maximum, so no page 2.
    expect(ids(output)).toEqual(['730', '729']);
    expect(output[0]?.hasMore).toBe(true);
    expect(scopes.map((scope) => scope.isDone())).toEqual([true, false]);
    nock.cleanAll();
    twoPages();
    const all = await search({ creator: 'dumpling.kitchen', postedAfter: '2025-12-01' });
    expect(ids(all)).toEqual(['730', '729', '728']);
    expect(all[0]?.hasMore).toBe(false);
  });

  it('says more exist when one last page holds more posts than asked for', async () => {
    answer(page(Array.from({ length: 12 }, (_, n): [string, number] => [`7${20 - n}`, 2000 - n])));
    const [output] = await search({ creator: 'dumpling.kitchen' });
    expect([output?.count, output?.hasMore]).toEqual([10, true]);
  });

  it('asks for no page after one that says none follow, whatever cursor it carries', async () => {
    const scope = answer(
      JSON.stringify({ aweme_list: [{ aweme_id: '730', create_time: 300 }], has_more: 0, max_cursor: 'c1' }),
    );
    const [output] = await search({ creator: 'dumpling.kitchen', maxVideos: 5 });
    expect(scope.isDone()).toBe(true);
    expect([output?.count, output?.hasMore]).toEqual([1, false]);
  });

  it('counts toward the maximum only posts that match the date, reading on for the rest', async () => {
    // Page 1: a new post and one whose time TikTok does not give, which does not count.
    const scopes = [
      answer(
        page(
          [
            ['730', 1_764_700_000],
            ['1', 0],
          ],
          'c1',
        ),
      ),
      answer(page([['728', 1_764_600_000]]), 'c1'),
    ];
    const [output] = await search({ creator: 'dumpling.kitchen', postedAfter: '2025-12-01', maxVideos: 2 });
    expect(scopes.map((scope) => scope.isDone())).toEqual([true, true]);
    expect(output?.videos.map((video) => video.id)).toEqual(['730', '728']);
  });

  it('reads TikTok’s web page too', async () => {
    answer(readFixture('creators/web-page'));
    expect(ids(await search({ creator: 'dumpling.kitchen' }))).toEqual([
      '7580574327767040022',
      '7580187780710400033',
      '7301444403200000011',
    ]);
  });

  it('finds nothing for a creator DumplingAI does not know, as Get TikTok Profile does', async () => {
    nock(API).post(PATH).reply(404, '{"error":"TikTok user not found"}', JSON_TYPE);
    await expect(search({ creator: 'gone.creator' })).resolves.toEqual([]);
  });

  it('says so plainly when TikTok refuses the account', async () => {
    nock(API).post(PATH).reply(200, '{"statusCode":10222,"itemList":null}', JSON_TYPE);
    const error = await caught(() => search({ creator: 'private.person' }));
    expect([error.name, userMessage(error)]).toEqual([
      'HaltedError',
      'TikTok would not show the posts of @private.person: the account may be private, restricted, renamed or gone. Check the username on TikTok (creators can change it).',
    ]);
  });

  it('keeps the pages paid for when a later one fails', async () => {
    answer(page([['730', 300]], 'c1'));
    nock(API)
      .post(PATH, { handle: 'dumpling.kitchen', maxCursor: 'c1', requestSource: 'ZAPIER' })
      .reply(500, '{"error":"boom"}', JSON_TYPE);
    const output = await search({ creator: 'dumpling.kitchen', maxVideos: 3 });
    expect(ids(output)).toEqual(['730']);
    expect(output[0]?.hasMore).toBe(true);
  });

  it.each([
    [
      { creator: 'https://vm.tiktok.com/ZMhKxyz/' },
      "A short link (vm.tiktok.com/…) does not say whose it is. Open it, then copy the creator's profile address. Enter the creator’s TikTok username, such as @dumpling.kitchen, or their profile link, such as https://www.tiktok.com/@dumpling.kitchen.",
    ],
    [
      { creator: 'a.b', maxVideos: '0' },
      '"0" is not a number of videos. Enter a whole number from 1 to 100, or leave Maximum Videos empty for 10.',
    ],
    [
      { creator: 'a.b', maxVideos: 101 },
      '"101" is not a number of videos. Enter a whole number from 1 to 100, or leave Maximum Videos empty for 10.',
    ],
    [
      { creator: 'a.b', postedAfter: 'last blue moon' },
      '"last blue moon" is not a date. Enter a date such as 2026-12-01, or leave Posted After empty.',
    ],
  ])('refuses %j before any request', async (inputData, message) => {
    const error = await caught(() => search(inputData));
    expect([error.name, userMessage(error)]).toEqual(['HaltedError', message]);
  });

  it('gives each post its transcript pointer in the language asked for, and refuses what is no language', async () => {
    answer(page([['7321234567890123456', 300, { author: { unique_id: 'dumpling.kitchen' } }]]));
    const [output] = await search({ creator: 'dumpling.kitchen', transcriptLanguage: 'ja' });
    expect(transcriptPointerOf((output?.videos[0] as unknown as { transcript: string }).transcript)).toEqual(
      transcriptPointerFor('https://www.tiktok.com/@dumpling.kitchen/video/7321234567890123456', 'ja'),
    );
    const error = await caught(() => search({ creator: 'dumpling.kitchen', transcriptLanguage: 'jpn' }));
    expect(userMessage(error)).toBe(
      `"jpn" is not a language code. Enter the two-letter ISO 639-1 code of the transcript's language, such as en, es, fr or pt.`,
    );
  });

  it('takes 100 posts and an empty date', async () => {
    answer(page([['730', 300]]));
    const output = await search({ creator: 'dumpling.kitchen', maxVideos: '100', postedAfter: '  ' });
    expect(output[0]).toMatchObject({ count: 1, hasMore: false });
  });

  it('has a sample with the keys the live result has', async () => {
    answer(page([['730', 300]]));
    const [live] = await search({ creator: 'dumpling.kitchen' });
    const sample = getTikTokCreatorVideos.operation.sample as unknown as Output;
    expect(Object.keys(sample).sort()).toEqual(Object.keys(live as object).sort());
    expect(Object.keys(sample.videos[0] as object).sort()).toEqual(
      Object.keys(live?.videos[0] as object).sort(),
    );
  });
});
