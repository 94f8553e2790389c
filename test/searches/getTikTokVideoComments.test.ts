import nock from 'nock';

import { findComments, getTikTokVideoComments } from '../../src/searches/getTikTokVideoComments';
import { DEFAULT_SETUP } from '../../src/lookups/setup';
import { API, API_KEY, bundleFor, caught, readFixture, run, userMessage, statusCases } from '../helpers';
import { fakeClock } from '../fakeClock';

const PATH = '/api/v1/get-tiktok-video-comments';
const JSON_TYPE = { 'Content-Type': 'application/json' };
const VIDEO = 'https://www.tiktok.com/@dumpling.kitchen/video/7321234567890123456';
const page = (n: number) => readFixture(`comments/page-${n}`);

interface Thread {
  videoId: string | null;
  url: string;
  total: number | null;
  returned: number;
  hasMore: boolean;
  commentsText: string;
  comments: Record<string, unknown>[];
}
const comments = (inputData: Record<string, unknown>) =>
  run(getTikTokVideoComments.operation.perform as Parameters<typeof run>[0], bundleFor(inputData)) as Promise<
    Thread[]
  >;

/** Pages answered in order, each one asked with the cursor the last one gave. */
const answerPages = (url: string, ...numbers: number[]) => {
  const cursors: Record<number, number | undefined> = { 1: undefined, 2: 3, 3: 6 };
  return numbers.map((n) => {
    const cursor = cursors[n];
    return nock(API, { reqheaders: { authorization: `Bearer ${API_KEY}` } })
      .post(PATH, { url, requestSource: 'ZAPIER', ...(cursor === undefined ? {} : { cursor }) })
      .reply(200, page(n), JSON_TYPE);
  });
};

describe('Get TikTok Video Comments', () => {
  it('stops at a maximum met exactly on a page, saying more exist, and never sends a cursor of 0', async () => {
    const three = (more: boolean, cursor: number) =>
      JSON.stringify({
        comments: [1, 2, 3].map((n) => ({
          cid: `73213000000000000${n}0`,
          text: `c${n}`,
          create_time: 100 + n,
        })),
        hasMore: more,
        cursor,
      });
    const scope = nock(API).post(PATH, { url: VIDEO, requestSource: 'ZAPIER' }).reply(200, three(true, 3));
    const [exact] = await comments({ url: VIDEO, maxComments: 3 });
    expect(scope.isDone()).toBe(true);
    expect([exact?.returned, exact?.hasMore]).toEqual([3, true]);
    // TikTok's 0 would ask for the first page again: it is no cursor, so one page is read.
    nock(API).post(PATH, { url: VIDEO, requestSource: 'ZAPIER' }).reply(200, three(true, 0));
    const [zero] = await comments({ url: VIDEO, maxComments: 10 });
    expect(zero?.returned).toBe(3);
  });

  it('is a search named and described in Zapier’s words', () => {
    expect([
      getTikTokVideoComments.key,
      getTikTokVideoComments.noun,
      getTikTokVideoComments.display.label,
    ]).toEqual(['get_tiktok_video_comments', 'TikTok Comment', 'Get TikTok Video Comments']);
  });

  it('reads every page to the end, each comment once, replies after their comment, ids whole', async () => {
    const scopes = answerPages(VIDEO, 1, 2, 3);
    const [thread] = await comments({ url: `${VIDEO}?is_from_webapp=1` });
    expect(scopes.map((scope) => scope.isDone())).toEqual([true, true, true]);
    expect(thread).toMatchObject({
      videoId: '7321234567890123456',
      url: VIDEO,
      total: 9,
      returned: 9,
      hasMore: false,
    });
    expect(thread?.comments.map((comment) => [comment.id, comment.parentId])).toEqual([
      ['7321300000000000001', null],
      ['7321300000000000101', '7321300000000000001'],
      ['7321300000000000002', null],
      ['7321399999999999999', null],
      ['7321300000000000004', null],
      ['7321300000000000005', null],
      ['7321300000000000105', '7321300000000000005'],
      ['7321300000000000006', null],
      ['7321300000000000007', null],
    ]);
    expect(thread?.commentsText).toBe(
      [
        'Great recipe! 🔥🥟',
        '@hungry.hana thank you! 🙏',
        'Tried it tonight. My kids loved it!',
        'What flour do you use? 🤔',
        '@dumpling.kitchen more videos like this please',
        'When is the next live?',
        'Sunday at 10 🕙',
        '😍😍😍',
        'Saved for later',
      ].join('\n'),
    );
    expect(thread?.comments[2]?.text).toBe('Tried it tonight.\nMy kids loved it!');
  });

  it('says more exist when it cut the list, even on a last page that says there are no more', async () => {
    const scopes = answerPages(VIDEO, 1, 2, 3);
    const [thread] = await comments({ url: VIDEO, maxComments: '8' });
    // All three pages were read (the last says hasMore false), and 9 comments cut to 8.
    expect(scopes.map((scope) => scope.isDone())).toEqual([true, true, true]);
    expect(thread).toMatchObject({ returned: 8, hasMore: true });
  });

  it('stops at the maximum, cuts to it, and says more exist', async () => {
    const scopes = answerPages(VIDEO, 1);
    const [thread] = await comments({ url: VIDEO, maxComments: '3' });
    expect(scopes[0]?.isDone()).toBe(true);
    expect(thread).toMatchObject({ returned: 3, hasMore: true, total: 9 });
    expect(thread?.comments.map((comment) => comment.id)).toEqual([
      '7321300000000000001',
      '7321300000000000101',
      '7321300000000000002',
    ]);
  });

  it('reads 50 comments by default, page by page, and says more exist', async () => {
    // Pages of 20 comments, each with more behind it: 50 are reached on the third page.
    const pageOf = (n: number) =>
      JSON.stringify({
        comments: Array.from({ length: 20 }, (_, i) => ({
          cid: `73214000000000${String(n * 100 + i).padStart(5, '0')}`,
          text: `c${n}-${i}`,
        })),
        hasMore: true,
        cursor: (n + 1) * 20,
        total: 500,
      });
    const scopes = [undefined, 20, 40].map((cursor, n) =>
      nock(API)
        .post(PATH, { url: VIDEO, requestSource: 'ZAPIER', ...(cursor === undefined ? {} : { cursor }) })
        .reply(200, pageOf(n), JSON_TYPE),
    );
    const perform = findComments({ ...DEFAULT_SETUP, clock: fakeClock().clock });
    const [thread] = (await run(perform, bundleFor({ url: VIDEO }))) as Thread[];
    expect(scopes.map((scope) => scope.isDone())).toEqual([true, true, true]);
    expect(thread).toMatchObject({ returned: 50, hasMore: true, total: 500 });
    expect(thread?.comments.at(-1)).toMatchObject({ id: '7321400000000000209', text: 'c2-9' });
  });

  it('asks for no second page when the first leaves too little of the step’s time', async () => {
    // The step starts at 0 s; the first page takes 21 s: 4 s of the 25 s budget are left,
    // less than the 5 s a page may need.
    const { clock, advance } = fakeClock();
    nock(API)
      .post(PATH, { url: VIDEO, requestSource: 'ZAPIER' })
      .reply(() => {
        advance(21_000);
        return [200, page(1), JSON_TYPE];
      });
    const perform = findComments({ ...DEFAULT_SETUP, clock });
    const [thread] = (await run(perform, bundleFor({ url: VIDEO }))) as Thread[];
    expect(thread).toMatchObject({ returned: 4, hasMore: true });
  });

  it('sends the address the link check produced, and names the post a short link led to', async () => {
    const [scope] = answerPages('https://vm.tiktok.com/ZMhSandbox1/', 1);
    nock(API).post(PATH).reply(200, '{"comments":[],"hasMore":false,"total":0}', JSON_TYPE);
    const [thread] = await comments({ url: 'https://vm.tiktok.com/ZMhSandbox1?lang=en', maxComments: 2 });
    expect(scope?.isDone()).toBe(true);
    expect(thread).toMatchObject({
      videoId: '7321234567890123456',
      url: 'https://www.tiktok.com/@/video/7321234567890123456',
    });
    const [empty] = await comments({ url: 'https://vm.tiktok.com/ZMhEmpty1/' });
    expect(empty).toMatchObject({ videoId: null, url: 'https://vm.tiktok.com/ZMhEmpty1/' });
  });

  it('gives a video without comments as total 0 and no items', async () => {
    nock(API).post(PATH).reply(200, '{"comments":[],"hasMore":false,"cursor":0,"total":0}', JSON_TYPE);
    await expect(comments({ url: VIDEO })).resolves.toEqual([
      {
        videoId: '7321234567890123456',
        url: VIDEO,
        total: 0,
        returned: 0,
        hasMore: false,
        commentsText: '',
        comments: [],
      },
    ]);
  });

  it('returns nothing found (an empty list) for a 404', async () => {
    const scope = nock(API).post(PATH).reply(404, '{"error":"TikTok video not found"}', JSON_TYPE);
    await expect(comments({ url: VIDEO })).resolves.toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  const badMax = (entered: string) =>
    `"${entered}" is not a number of comments. Enter a whole number from 1 to 200, or leave Maximum Comments empty for 50.`;
  it.each([
    [
      { url: 'https://www.tiktok.com/@dumpling.kitchen' },
      "That is a link to a TikTok profile, not to one video. Paste the link of one video or photo post, such as https://www.tiktok.com/@user/video/<id> or https://vm.tiktok.com/<code>/, or the post's id.",
    ],
    [{ url: VIDEO, maxComments: '0' }, badMax('0')],
    [{ url: VIDEO, maxComments: 201 }, badMax('201')],
    [{ url: VIDEO, maxComments: 'ten' }, badMax('ten')],
  ])('refuses %j without a request', async (input, message) => {
    const error = await caught(() => comments(input));
    expect(error.name).toBe('HaltedError');
    expect(userMessage(error)).toBe(message);
  });

  it.each(statusCases('Invalid TikTok video URL format.', 'TikTok comments service'))(
    'treats a %i as every other step does, in the same words',
    async (status, body, headers, name, message) => {
      const scope = nock(API)
        .post(PATH)
        .reply(status, body, { ...JSON_TYPE, ...headers });
      const error = await caught(() => comments({ url: VIDEO }));
      expect(scope.isDone()).toBe(true);
      expect([error.name, userMessage(error)]).toEqual([name, message]);
    },
  );

  it('lets Zapier try later when DumplingAI cannot be reached, and keeps page 1 when page 2 cannot be read', async () => {
    const down = nock(API).post(PATH).replyWithError('socket hang up');
    expect((await caught(() => comments({ url: VIDEO }))).name).toBe('ThrottledError');
    expect(down.isDone()).toBe(true);
    answerPages(VIDEO, 1);
    const later = nock(API)
      .post(PATH, { url: VIDEO, requestSource: 'ZAPIER', cursor: 3 })
      .reply(429, '{"error":"Too many requests."}', JSON_TYPE);
    const [thread] = await comments({ url: VIDEO });
    expect(later.isDone()).toBe(true);
    expect(thread).toMatchObject({ returned: 4, hasMore: true });
  });

  it('says what a 200 that is no list of comments was', async () => {
    nock(API).post(PATH).reply(200, '<html>busy</html>', { 'Content-Type': 'text/html' });
    const error = await caught(() => comments({ url: VIDEO }));
    expect(userMessage(error)).toBe(
      "DumplingAI sent an answer that is not a list of the video's comments: the answer was a web page, not JSON. Try again later; if it keeps happening, contact DumplingAI support.",
    );
  });

  it('has a sample with every output field, and names its bound in the help text', () => {
    const sample = getTikTokVideoComments.operation.sample as Record<string, unknown>;
    const keys = (getTikTokVideoComments.operation.outputFields as { key: string }[])
      .map((field) => field.key.split('[]')[0])
      .filter((key, index, all) => all.indexOf(key) === index);
    expect(Object.keys(sample).sort()).toEqual([...(keys as string[])].sort());
    const fields = getTikTokVideoComments.operation.inputFields as { key: string; helpText: string }[];
    expect(fields[1]?.helpText).toBe(
      'How many comments (replies included) to return, from 1 to 200; 50 when left empty. Each page of comments is one DumplingAI call, and the step reads up to 10 pages.',
    );
  });
});
