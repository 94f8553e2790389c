import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';

import { newVideoByCreator, pollCreators, TRIGGER_SETUP } from '../../src/triggers/newVideoByCreator';
import { outputFields } from '../../src/zapier/outputFields';
import { withPlainErrors } from '../../src/dumplingai/errors';
import {
  API,
  API_KEY,
  appTester,
  caught,
  readFixture,
  TRANSCRIPT_LANGUAGE_FIELD,
  transcriptPointerFor,
  transcriptPointerOf,
  userMessage,
  ZAP_META,
} from '../helpers';
import { fakeClock } from '../fakeClock';

const PATH = '/api/v1/get-tiktok-profile-videos';
const JSON_TYPE = { 'Content-Type': 'application/json' };
const page = (name: string) => readFixture(`creators/${name}`);

type Item = Record<string, unknown> & { id: string };
type Meta = Partial<Bundle['meta']>;
type TriggerBundle = Parameters<ReturnType<typeof pollCreators>>[1];

const bundle = (inputData: Record<string, unknown>, meta: Meta = {}): Partial<Bundle> => ({
  authData: { apiKey: API_KEY },
  inputData,
  meta: { ...ZAP_META, ...meta } as Bundle['meta'],
});

/** The trigger as Zapier runs it: the core finds the function in the app and runs its trigger checks. A fresh cache. */
const poll = (inputData: Record<string, unknown>, meta: Meta = {}) =>
  appTester(
    (newVideoByCreator.operation as { perform: (z: ZObject, b: Bundle) => Promise<Item[]> }).perform,
    bundle(inputData, meta),
    true,
  );

const answer = (handle: string, body: string, status = 200) =>
  nock(API, { reqheaders: { authorization: `Bearer ${API_KEY}` } })
    .post(PATH, { handle, requestSource: 'ZAPIER' })
    .reply(status, body, JSON_TYPE);

describe('New TikTok Video by Creator', () => {
  it('is a polling trigger named and described in Zapier’s words', () => {
    expect([newVideoByCreator.key, newVideoByCreator.noun, newVideoByCreator.operation.type]).toEqual([
      'new_video_by_creator',
      'TikTok Video',
      'polling',
    ]);
    expect(newVideoByCreator.display).toEqual({
      label: 'New TikTok Video by Creator',
      description: 'Triggers when one of the TikTok creators you choose posts a new video or photo post.',
    });
  });

  it('tells what each poll costs, and links the pricing rather than invent a price', () => {
    const fields = newVideoByCreator.operation.inputFields as { key: string; helpText: string }[];
    expect(fields.map((field) => field.key)).toEqual([
      'creator',
      'includePhotos',
      'checkEvery',
      'transcriptLanguage',
    ]);
    expect(fields[2]?.helpText).toBe(
      'Each check asks DumplingAI once for each creator: one lookup each ([pricing](https://www.dumplingai.com/pricing)). Zapier checks every 1 to 15 minutes depending on your Zapier plan: 96 to 1,440 lookups a day for one creator, 2,400 to 36,000 for 25. Asking at most once an hour makes it 24 a day per creator, every 6 hours 4, once a day 1; new posts then arrive later. A creator who posted more than a page since is read on, one more lookup a page, up to 5 pages.',
    );
  });

  it('asks on every poll and counts photo posts unless the user chooses otherwise', () => {
    const fields = newVideoByCreator.operation.inputFields as Record<string, unknown>[];
    expect(fields.map(({ key, required, type, default: initial }) => [key, required, type, initial])).toEqual(
      [
        ['creator', true, 'string', undefined],
        ['includePhotos', false, 'boolean', 'true'],
        ['checkEvery', false, 'string', 'poll'],
        ['transcriptLanguage', false, 'string', 'en'],
      ],
    );
    expect(fields[0]).toMatchObject({
      label: 'Creators',
      list: true,
      helpText:
        'The TikTok creators to watch, up to 25: one per row, or several in one row separated by commas or line breaks (a column pasted from a sheet works). Each is their username (such as `@dumpling.kitchen`), their profile link (such as `https://www.tiktok.com/@dumpling.kitchen`), or a link to one of their posts.',
    });
    expect(fields[3]).toEqual(TRANSCRIPT_LANGUAGE_FIELD);
    expect(fields[2]?.choices).toEqual({
      poll: 'Every time Zapier checks (default)',
      hour: 'At most once an hour',
      six_hours: 'At most every 6 hours',
      day: 'At most once a day',
    });
  });

  it.each([
    ['@Dumpling.Kitchen', 'dumpling.kitchen'],
    ['https://www.tiktok.com/@dumpling.kitchen?lang=en', 'dumpling.kitchen'],
    ['https://www.tiktok.com/@mika.travels/photo/7477969281306526825', 'mika.travels'],
  ])('asks for the first page of %j with one request {handle, requestSource}', async (creator, handle) => {
    const scope = answer(handle, page('photo-page'));
    await poll({ creator });
    expect(scope.isDone()).toBe(true);
  });

  it('gives the posts newest first, pinned posts in their place and marked, repeats once', async () => {
    const scope = answer('dumpling.kitchen', page('pinned-page'));
    const items = await poll({ creator: '@dumpling.kitchen' });
    expect(scope.isDone()).toBe(true);
    // The post pinned in 2022, older than every other post of a page with more behind it, came
    // back only by being pinned: it is left out, so pinning an old post does not start the Zap.
    expect(items.map((item) => [item.id, item.createTimeISO, item.isPinned])).toEqual([
      ['7460293617584139566', '2025-01-05T16:00:00.000Z', false],
      ['7459000000000000003', '2025-01-02T06:40:00.000Z', false],
      ['7321234567890123456', '2024-01-07T06:09:16.000Z', false],
      ['7200000000000000002', '2023-03-28T10:40:00.000Z', true],
      ['7129645711360012345', '2022-08-08T23:06:40.000Z', false],
    ]);
    expect(items[0]).toMatchObject({
      url: 'https://www.tiktok.com/@dumpling.kitchen/video/7460293617584139566',
      statsPlayCount: 98765,
      statsDiggCount: 5678,
      videoDuration: 15,
      authorUniqueId: 'dumpling.kitchen',
    });
  });

  it('gives each item its transcript pointer in the language asked for, and asks for no transcript', async () => {
    answer('dumpling.kitchen', page('pinned-page'));
    const items = await poll({ creator: 'dumpling.kitchen', transcriptLanguage: 'de' });
    expect(items.map((item) => transcriptPointerOf(item.transcript))).toEqual(
      items.map((item) => transcriptPointerFor(item.url as string, 'de')),
    );
    expect(transcriptPointerOf(items[0]?.transcript)).toEqual(
      transcriptPointerFor('https://www.tiktok.com/@dumpling.kitchen/video/7460293617584139566', 'de'),
    );
  });

  it('refuses a transcript language that is none, as an error its owner hears of, before any request', async () => {
    const error = await caught(() => poll({ creator: 'dumpling.kitchen', transcriptLanguage: 'german' }));
    expect(JSON.parse(error.message)).toEqual({
      message:
        '"german" is not a language code. Enter the two-letter ISO 639-1 code of the transcript\'s language, such as en, es, fr or pt.',
      code: 'invalid_language',
      status: 400,
    });
  });

  it('reads TikTok’s web page (itemList, no paging fields) into the same items', async () => {
    const scope = answer('dumpling.kitchen', page('web-page'));
    const items = await poll({ creator: '@dumpling.kitchen' });
    expect(scope.isDone()).toBe(true);
    // Without hasMore the page is the creator's whole list, so the old pinned post stays.
    expect(items.map((item) => [item.id, item.createTimeISO, item.isPinned, item.authorUniqueId])).toEqual([
      ['7580574327767040022', '2025-12-06T03:00:00.000Z', false, 'garden.notes'],
      ['7580187780710400033', '2025-12-05T02:00:00.000Z', false, 'garden.notes'],
      ['7301444403200000011', '2023-11-14T22:13:20.000Z', true, 'garden.notes'],
    ]);
    expect(items[0]).toMatchObject({
      url: 'https://www.tiktok.com/@garden.notes/video/7580574327767040022',
      desc: 'Sunday soup dumplings #soupdumplings #recipe',
    });
  });

  it('gives nothing for an empty page whose list is null', async () => {
    const scope = answer('dumpling.kitchen', '{"has_more":0,"aweme_list":null,"max_cursor":"0"}');
    expect(await poll({ creator: 'dumpling.kitchen' })).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('gives each item the files of Get TikTok Video, fetched only when a later step uses them', async () => {
    answer('mika.travels', page('photo-page'));
    const [photo, video] = await poll({ creator: 'mika.travels' });
    const pointer = (url: string, filename: string, contentType: string) =>
      `hydrate|||${JSON.stringify({ type: 'file', method: 'hydrators.downloadMedia', bundle: { url, filename, contentType } })}|||hydrate`;
    expect(video).toMatchObject({
      videoFile: pointer(
        'https://v16m.tiktokcdn.com/video/7470000000000000010/download.mp4',
        '7470000000000000010.mp4',
        'video/mp4',
      ),
      coverFile: pointer(
        'https://p16-sign-va.tiktokcdn.com/cover/7470000000000000010.jpeg',
        '7470000000000000010.jpg',
        'image/jpeg',
      ),
    });
    expect((photo?.images as { file: string }[]).map((image) => image.file)).toEqual(
      [1, 2, 3].map((n) =>
        pointer(
          `https://p16-sign-sg.tiktokcdn.com/photomode/7477969281306526825-${n - 1}.jpeg`,
          `7477969281306526825-${n}.jpg`,
          'image/jpeg',
        ),
      ),
    );
  });

  it('cuts a page of more than 100 posts to the newest 100, after putting them in order', async () => {
    // Oldest first, so that cutting before sorting would keep the oldest 100.
    const posts = Array.from({ length: 120 }, (_, index) => ({
      aweme_id: String(7300000000000000000n + BigInt(index)),
      create_time: 1_700_000_000 + index,
    }));
    answer('dumpling.kitchen', JSON.stringify({ has_more: 1, aweme_list: posts }));
    const items = await poll({ creator: 'dumpling.kitchen' });
    expect([items.length, items[0]?.id, items[99]?.id]).toEqual([
      100,
      '7300000000000000119',
      '7300000000000000020',
    ]);
  });

  it('keeps every digit of ids that arrive as JSON numbers', async () => {
    answer('big.ids', page('number-ids-page'));
    const items = await poll({ creator: 'big.ids' });
    expect(items.map((item) => [item.id, item.authorId])).toEqual([
      ['7524919477404745385', '7012345678901234567'],
      ['7524919477404745386', '7012345678901234567'],
    ]);
  });

  it('includes photo posts unless asked not to', async () => {
    answer('mika.travels', page('photo-page'));
    const all = await poll({ creator: 'mika.travels' });
    expect(all.map((item) => [item.id, item.isPhotoPost, item.imageCount])).toEqual([
      ['7477969281306526825', true, 3],
      ['7470000000000000010', false, 0],
      ['7465000000000000011', true, 2],
    ]);
    for (const choice of ['false', 'False', false]) {
      answer('mika.travels', page('photo-page'));
      const videos = await poll({ creator: 'mika.travels', includePhotos: choice });
      expect(videos.map((item) => item.id)).toEqual(['7470000000000000010']);
    }
  });

  it('gives every item every output key of Get TikTok Video, so Zaps map them alike', async () => {
    const topKeys = [...new Set(outputFields.map((field) => field.key.split('[]')[0]))].sort();
    for (const [handle, name] of [
      ['dumpling.kitchen', 'pinned-page'],
      ['mika.travels', 'photo-page'],
      ['big.ids', 'number-ids-page'],
    ] as const) {
      answer(handle, page(name));
      const items = await poll({ creator: handle });
      for (const item of items) {
        expect(Object.keys(item).sort()).toEqual([...topKeys, 'isPinned'].sort());
      }
    }
  });

  it('has a sample whose keys every live item has (Zapier’s T004)', async () => {
    answer('dumpling.kitchen', page('pinned-page'));
    const items = await poll({ creator: 'dumpling.kitchen' });
    const sampleKeys = Object.keys(newVideoByCreator.operation.sample as object);
    for (const item of items) expect(sampleKeys.filter((key) => !(key in item))).toEqual([]);
    expect(typeof (newVideoByCreator.operation.sample as Item).id).toBe('string');
  });

  it('gives the editor at most three items when it loads samples', async () => {
    answer('dumpling.kitchen', page('pinned-page'));
    const items = await poll({ creator: 'dumpling.kitchen' }, { isLoadingSample: true });
    expect(items.map((item) => item.id)).toEqual([
      '7460293617584139566',
      '7459000000000000003',
      '7321234567890123456',
    ]);
  });

  it('gives the editor videos as samples when photo posts are off, even when the newest posts are photos', async () => {
    const photoPage = JSON.parse(page('photo-page')) as { aweme_list: Record<string, unknown>[] };
    const [photo, video] = photoPage.aweme_list;
    // Four photo posts, newest first, then one video.
    const aweme_list = [0, 1, 2, 3].map((n) => ({
      ...photo,
      aweme_id: `748000000000000000${n}`,
      create_time: 1_750_000_000 - n,
    }));
    answer('mika.travels', JSON.stringify({ has_more: 0, aweme_list: [...aweme_list, video] }));
    const items = await poll({ creator: 'mika.travels', includePhotos: 'false' }, { isLoadingSample: true });
    expect(items.map((item) => item.id)).toEqual(['7470000000000000010']);
  });

  it('gives every item of a full page when Zapier builds its baseline', async () => {
    answer('dumpling.kitchen', page('pinned-page'));
    expect(await poll({ creator: 'dumpling.kitchen' }, { isPopulatingDedupe: true })).toHaveLength(5);
  });

  it.each([
    { has_more: 0, max_cursor: '0', aweme_list: null },
    { max_cursor: '0' },
    { has_more: false, aweme_list: [] },
  ])('gives nothing for a public account without posts (%j)', async (body) => {
    answer('new.creator', JSON.stringify(body));
    await expect(poll({ creator: 'new.creator' })).resolves.toEqual([]);
  });

  it('leaves out a post that has no id', async () => {
    answer(
      'dumpling.kitchen',
      JSON.stringify({
        aweme_list: [
          { desc: 'no id', create_time: 1 },
          { aweme_id: '7', create_time: 2 },
        ],
      }),
    );
    expect((await poll({ creator: 'dumpling.kitchen' })).map((item) => item.id)).toEqual(['7']);
  });
});

describe('New TikTok Video by Creator, when something is wrong', () => {
  it('refuses what names no creator, with no request', async () => {
    const error = await caught(() => poll({ creator: 'https://vm.tiktok.com/ZMhKxyz/' }));
    expect(error.name).toBe('AppError');
    expect(JSON.parse(error.message)).toMatchObject({ code: 'invalid_creator', status: 400 });
    expect(userMessage(error)).toMatch(/^A short link \(vm\.tiktok\.com\/…\) does not say whose it is\./);
  });

  it('says plainly when DumplingAI knows no such creator, so the Zap’s owner finds out', async () => {
    answer('gone.creator', JSON.stringify({ error: 'TikTok user not found: gone.creator' }), 404);
    const error = await caught(() => poll({ creator: '@gone.creator' }));
    expect(JSON.parse(error.message)).toEqual({
      message:
        'DumplingAI found no TikTok account @gone.creator, or could not see its posts. Check the username (creators can change it) and that the account is public, or remove it from this trigger.',
      code: 'creator_not_found',
      status: 404,
    });
  });

  it('says plainly when TikTok will not show the account’s posts (private or gone)', async () => {
    answer(
      'private.person',
      JSON.stringify({
        status_code: 10222,
        status_msg: 'This account is private',
        aweme_list: null,
        has_more: 0,
      }),
    );
    const error = await caught(() => poll({ creator: 'private.person' }));
    expect(JSON.parse(error.message)).toEqual({
      message:
        'TikTok would not show the posts of @private.person: private, restricted, renamed or gone. Check the username on TikTok (creators can change it), or remove it from this trigger.',
      code: 'creator_unavailable',
      status: 403,
    });
  });

  it.each([
    { statusCode: 10222 },
    { status_code: 10202, status_msg: 'User not found' },
    // A refusal code sent with posts still refuses: those posts are not the account's to show.
    { status_code: 10221, aweme_list: [{ aweme_id: '7321234567890123456', create_time: 1 }], has_more: 0 },
  ])('says so when TikTok refuses the account, even in an answer with no page fields (%j)', async (body) => {
    answer('private.person', JSON.stringify(body));
    const error = await caught(() => poll({ creator: 'private.person' }));
    expect(JSON.parse(error.message)).toMatchObject({ code: 'creator_unavailable', status: 403 });
  });

  it.each([
    [401, '{"error":"API key is invalid or missing."}', {}, 'ExpiredAuthError'],
    [403, '{"error":"Insufficient credits. Please top up your account."}', {}, 'AppError'],
    [429, '{"error":"Too many requests."}', { 'Retry-After': '30' }, 'ThrottledError'],
    [
      503,
      '{"error":"Rate limit exceeded. Please try again later."}',
      { 'Retry-After': '30' },
      'ThrottledError',
    ],
    [500, '{"error":"boom"}', {}, 'AppError'],
  ])('treats a %i as every other step does', async (status, body, headers, name) => {
    const scope = nock(API)
      .post(PATH)
      .reply(status, body, { ...JSON_TYPE, ...headers });
    const error = await caught(() => poll({ creator: 'dumpling.kitchen' }));
    expect(scope.isDone()).toBe(true);
    expect(error.name).toBe(name);
  });

  it('fails on a 400 with an error its owner hears of, not a halt Zapier never reports for a trigger', async () => {
    const scope = answer('dumpling.kitchen', '{"error":"Invalid handle."}', 400);
    const error = await caught(() => poll({ creator: 'dumpling.kitchen' }));
    expect(scope.isDone()).toBe(true);
    expect(error.name).toBe('AppError');
    expect(JSON.parse(error.message)).toEqual({
      message:
        'DumplingAI could not process the creator this trigger sent: Invalid handle. Check the creator entered in this trigger.',
      code: 'bad_request',
      status: 400,
    });
  });

  it('speaks of the trigger’s next check and the service it uses, not of replaying a task', async () => {
    answer('dumpling.kitchen', '{"error":"Rate limit exceeded. Please try again later."}', 503);
    const busy = await caught(() => poll({ creator: 'dumpling.kitchen' }));
    expect(userMessage(busy)).toBe(
      "DumplingAI's TikTok creator-posts service is rate-limited right now. The trigger tries again at its next check; nothing needs to change.",
    );
    answer('dumpling.kitchen', '{"error":"Insufficient credits. Please top up your account."}', 403);
    const broke = await caught(() => poll({ creator: 'dumpling.kitchen' }));
    expect(userMessage(broke)).toBe(
      'Your DumplingAI account is out of credits. Top up in your DumplingAI dashboard (https://app.dumplingai.com); the trigger picks up again at its next check.',
    );
  });

  it('tells a bug in the trigger apart, in a trigger’s words', async () => {
    const scope = answer('dumpling.kitchen', page('pinned-page'));
    const perform = (newVideoByCreator.operation as { perform: (z: ZObject, b: Bundle) => Promise<Item[]> })
      .perform;
    const error = await caught(() =>
      appTester(
        (z: ZObject, b: Bundle) =>
          perform(
            {
              ...z,
              dehydrateFile: () => {
                throw new TypeError("Cannot read properties of undefined (reading 'url')");
              },
            },
            b,
          ),
        bundle({ creator: 'dumpling.kitchen' }),
        true,
      ),
    );
    expect(scope.isDone()).toBe(true);
    expect(error.name).toBe('AppError');
    expect(userMessage(error)).toBe(
      'The Dumpling AI app hit an unexpected problem (a bug on our side, not your data). If it happens at every check, contact DumplingAI support.',
    );
  });

  it('tries 3 times within the poll, then lets Zapier try later, when DumplingAI cannot be reached', async () => {
    const scope = nock(API).post(PATH).times(3).replyWithError('socket hang up');
    const { clock, slept } = fakeClock();
    const error = await caught(() =>
      appTester(
        withPlainErrors(pollCreators({ ...TRIGGER_SETUP, clock }), 'trigger'),
        bundle({ creator: 'dumpling.kitchen' }),
        true,
      ),
    );
    expect(scope.isDone()).toBe(true);
    expect(slept).toEqual([1000, 2000]);
    expect([error.name, userMessage(error)]).toEqual([
      'ThrottledError',
      'Could not reach DumplingAI: the connection failed or was cut off before any answer, so nothing was charged. The trigger tries again at its next check; nothing needs to change.',
    ]);
  });

  it('says a 200 without a list of posts is not one', async () => {
    nock(API)
      .post(PATH)
      .reply(200, { user: { uniqueId: 'dumpling.kitchen' } });
    const error = await caught(() => poll({ creator: 'dumpling.kitchen' }));
    expect(userMessage(error)).toBe(
      "DumplingAI sent an answer that is not a list of the creator's posts: the answer held no list of posts. Try again later; if it keeps happening, contact DumplingAI support.",
    );
  });

  it('says a 200 whose list of posts is no list is not a page, even with paging fields', async () => {
    nock(API).post(PATH).reply(200, { aweme_list: 'x', has_more: 1 });
    const error = await caught(() => poll({ creator: 'dumpling.kitchen' }));
    expect(userMessage(error)).toBe(
      "DumplingAI sent an answer that is not a list of the creator's posts: the answer held no list of posts. Try again later; if it keeps happening, contact DumplingAI support.",
    );
  });

  it('says what a 200 that is no page of posts was', async () => {
    nock(API).post(PATH).reply(200, '<html>busy</html>', { 'Content-Type': 'text/html' });
    const error = await caught(() => poll({ creator: 'dumpling.kitchen' }));
    expect(userMessage(error)).toBe(
      "DumplingAI sent an answer that is not a list of the creator's posts: the answer was a web page, not JSON. Try again later; if it keeps happening, contact DumplingAI support.",
    );
  });
});

/**
 * Zapier's cache as the runtime keeps it, which the app tester's double does not: a value is
 * found only in the scope it was set in (`auth`: one connection, told apart here by its key), and
 * is gone once its time to live has passed on the clock given. Every call is recorded.
 */
const zapierCache = (now: () => number) => {
  const held = new Map<string, { value: unknown; until: number }>();
  const calls: unknown[][] = [];
  const where = (apiKey: unknown, key: string, scope: unknown) =>
    JSON.stringify([Array.isArray(scope) && scope.includes('auth') ? apiKey : null, key]);
  const forConnection = (apiKey: unknown) => ({
    get: (key: string, scope?: string[]) => {
      calls.push(['get', key, scope]);
      const entry = held.get(where(apiKey, key, scope));
      return Promise.resolve(entry !== undefined && now() < entry.until ? entry.value : null);
    },
    set: (key: string, value: unknown, ttl?: number, scope?: string[]) => {
      calls.push(['set', key, value, ttl, scope]);
      held.set(where(apiKey, key, scope), {
        value: JSON.parse(JSON.stringify(value)) as unknown,
        until: now() + (ttl ?? 0) * 1000,
      });
      return Promise.resolve(true);
    },
  });
  return { forConnection, calls };
};

describe('asking DumplingAI at most every hour, 6 hours or day, per creator', () => {
  const HOUR = 3_600_000;
  const { clock, advance, setTime } = fakeClock();
  let cache = zapierCache(clock.now);
  /** One poll of a Zap, with the shared cache and clock, on the connection of `apiKey`. */
  const zapPoll = (inputData: Record<string, unknown>, meta: Meta = {}, apiKey = API_KEY) =>
    appTester(
      (z: ZObject, b: Bundle) =>
        pollCreators({ ...TRIGGER_SETUP, clock })(
          { ...z, cache: cache.forConnection(b.authData.apiKey) as unknown as ZObject['cache'] },
          b as TriggerBundle,
        ),
      { ...bundle(inputData, meta), authData: { apiKey } },
    ) as Promise<Item[]>;
  const ids = (items: Item[]) => items.map((item) => item.id);
  const posts = (...pairs: [string, number][]) =>
    JSON.stringify({ aweme_list: pairs.map(([id, time]) => ({ aweme_id: id, create_time: time })) });

  beforeEach(() => {
    setTime(0);
    cache = zapierCache(clock.now);
  });

  it('asks once an hour, answers from the kept list in between, and both Zaps see a new post', async () => {
    const first = answer('dumpling.kitchen', posts(['71', 100]));
    const hourly = { creator: '@dumpling.kitchen', checkEvery: 'hour' };
    expect(ids(await zapPoll(hourly))).toEqual(['71']);
    expect(first.isDone()).toBe(true);

    const second = answer('dumpling.kitchen', posts(['72', 200], ['71', 100]));
    setTime(59 * 60_000);
    expect(ids(await zapPoll(hourly))).toEqual(['71']);
    expect(second.isDone()).toBe(false);

    setTime(HOUR);
    expect(ids(await zapPoll(hourly))).toEqual(['72', '71']);
    expect(second.isDone()).toBe(true);
    // Another Zap of the same connection, a minute later: the kept list, no request.
    setTime(HOUR + 60_000);
    expect(ids(await zapPoll({ creator: 'dumpling.kitchen', checkEvery: 'day' }))).toEqual(['72', '71']);
  });

  it('keeps each connection’s lists apart: another connection asks for itself', async () => {
    const hourly = { creator: 'dumpling.kitchen', checkEvery: 'hour' };
    answer('dumpling.kitchen', posts(['71', 100]));
    await zapPoll(hourly);
    const other = nock(API, { reqheaders: { authorization: 'Bearer sk_other_connection' } })
      .post(PATH, { handle: 'dumpling.kitchen', requestSource: 'ZAPIER' })
      .reply(200, posts(['72', 200], ['71', 100]), JSON_TYPE);
    setTime(60_000);
    expect(ids(await zapPoll(hourly, {}, 'sk_other_connection'))).toEqual(['72', '71']);
    expect(other.isDone()).toBe(true);
    expect(ids(await zapPoll(hourly))).toEqual(['71']);
  });

  it('asks only the creators that are due: one added to the roster at once, the others from the kept lists', async () => {
    answer('dumpling.kitchen', posts(['71', 100]));
    await zapPoll({ creator: ['dumpling.kitchen'], checkEvery: 'hour' });
    const added = answer('mika.travels', posts(['81', 150]));
    setTime(60_000);
    expect(ids(await zapPoll({ creator: ['dumpling.kitchen', 'mika.travels'], checkEvery: 'hour' }))).toEqual(
      ['81', '71'],
    );
    expect(added.isDone()).toBe(true);
    // A poll that asks nobody gives the kept lists, never nothing.
    setTime(2 * 60_000);
    expect(ids(await zapPoll({ creator: 'dumpling.kitchen,mika.travels', checkEvery: 'hour' }))).toEqual([
      '81',
      '71',
    ]);
  });

  it('always asks when Zapier builds its baseline or loads samples, and keeps what they fetched', async () => {
    const hourly = { creator: 'dumpling.kitchen', checkEvery: 'hour' };
    answer('dumpling.kitchen', posts(['71', 100]));
    await zapPoll(hourly);
    const baseline = answer('dumpling.kitchen', posts(['72', 200], ['71', 100]));
    expect(ids(await zapPoll(hourly, { isPopulatingDedupe: true }))).toEqual(['72', '71']);
    expect(baseline.isDone()).toBe(true);
    const samples = answer('dumpling.kitchen', posts(['73', 300], ['72', 200], ['71', 100], ['70', 50]));
    expect(ids(await zapPoll(hourly, { isLoadingSample: true }))).toEqual(['73', '72', '71']);
    expect(samples.isDone()).toBe(true);
    // The whole list the samples fetched is kept for the polls after.
    expect(ids(await zapPoll(hourly))).toEqual(['73', '72', '71', '70']);
  });

  it('keeps a creator’s list under one key, for the connection, twice the longest interval', async () => {
    answer('dumpling.kitchen', posts(['71', 100]));
    setTime(5000);
    await zapPoll({ creator: 'Dumpling.Kitchen', checkEvery: 'six_hours' });
    expect(cache.calls).toEqual([
      ['get', 'creator-posts:dumpling.kitchen', ['auth']],
      [
        'set',
        'creator-posts:dumpling.kitchen',
        { at: 5000, items: [expect.objectContaining({ id: '71' })] },
        172800,
        ['auth'],
      ],
    ]);
  });

  it.each([
    ['hour', HOUR],
    ['six_hours', 6 * HOUR],
    ['day', 24 * HOUR],
  ])('asks again once %s has passed, not before', async (checkEvery, ms) => {
    answer('dumpling.kitchen', posts(['71', 100]));
    await zapPoll({ creator: 'dumpling.kitchen', checkEvery });
    setTime(ms - 1);
    await zapPoll({ creator: 'dumpling.kitchen', checkEvery });
    const again = answer('dumpling.kitchen', posts(['71', 100]));
    setTime(ms);
    await zapPoll({ creator: 'dumpling.kitchen', checkEvery });
    expect(again.isDone()).toBe(true);
  });

  it('asks on every poll by default, keeping each list for the Zaps that ask less often', async () => {
    const scopes = [
      answer('dumpling.kitchen', posts(['71', 100])),
      answer('dumpling.kitchen', posts(['72', 200])),
    ];
    await zapPoll({ creator: 'dumpling.kitchen' });
    await zapPoll({ creator: 'dumpling.kitchen' });
    expect(scopes.map((scope) => scope.isDone())).toEqual([true, true]);
    expect(ids(await zapPoll({ creator: 'dumpling.kitchen', checkEvery: 'day' }))).toEqual(['72']);
  });

  it('takes an empty choice for the default, asking on every poll', async () => {
    const scopes = [
      answer('dumpling.kitchen', posts(['71', 100])),
      answer('dumpling.kitchen', posts(['71', 100])),
    ];
    await zapPoll({ creator: 'dumpling.kitchen', checkEvery: '' });
    await zapPoll({ creator: 'dumpling.kitchen', checkEvery: '' });
    expect(scopes.map((scope) => scope.isDone())).toEqual([true, true]);
  });

  it('gives kept posts the transcript pointer of this Zap’s language, not of the Zap that fetched them', async () => {
    answer('dumpling.kitchen', posts(['7321234567890123456', 100]));
    await zapPoll({ creator: 'dumpling.kitchen', checkEvery: 'hour', transcriptLanguage: 'en' });
    const [kept] = await zapPoll({
      creator: 'dumpling.kitchen',
      checkEvery: 'hour',
      transcriptLanguage: 'fr',
    });
    expect(transcriptPointerOf(kept?.transcript)).toMatchObject({ bundle: { language: 'fr' } });
  });

  it('tells a rejected key, even with a list kept for the creator', async () => {
    answer('dumpling.kitchen', posts(['71', 100]));
    await zapPoll({ creator: 'dumpling.kitchen' });
    answer('dumpling.kitchen', '{"error":"API key is invalid or missing."}', 401);
    const error = await caught(() => zapPoll({ creator: 'dumpling.kitchen' }));
    expect(error.name).toBe('ExpiredAuthError');
  });

  it('refuses a choice it does not know, even one named like an object’s own key, before any request', async () => {
    for (const checkEvery of ['toString', 'weekly']) {
      const error = await caught(() => zapPoll({ creator: 'dumpling.kitchen', checkEvery }));
      expect(JSON.parse(error.message)).toEqual({
        message: `"${checkEvery}" is not one of the choices for Ask DumplingAI. Pick one of the choices in this trigger.`,
        code: 'invalid_check_every',
        status: 400,
      });
    }
    expect(cache.calls).toEqual([]);
  });

  it('reads on with maxCursor after a long interval, until it meets the newest post it kept', async () => {
    answer('dumpling.kitchen', posts(['70', 100]));
    await zapPoll({ creator: 'dumpling.kitchen', checkEvery: 'day' });
    setTime(24 * HOUR);
    // A busy day: three pages of new posts before the one kept.
    const pages = [
      nock(API)
        .post(PATH, { handle: 'dumpling.kitchen', requestSource: 'ZAPIER' })
        .reply(
          200,
          JSON.stringify({
            ...JSON.parse(posts(['76', 600], ['75', 500])),
            has_more: 1,
            max_cursor: '500000',
          }),
        ),
      nock(API)
        .post(PATH, { handle: 'dumpling.kitchen', maxCursor: '500000', requestSource: 'ZAPIER' })
        .reply(
          200,
          JSON.stringify({
            ...JSON.parse(posts(['74', 400], ['73', 300])),
            has_more: 1,
            max_cursor: '300000',
          }),
        ),
      nock(API)
        .post(PATH, { handle: 'dumpling.kitchen', maxCursor: '300000', requestSource: 'ZAPIER' })
        .reply(
          200,
          JSON.stringify({
            ...JSON.parse(posts(['72', 200], ['70', 100])),
            has_more: 1,
            max_cursor: '100000',
          }),
        ),
    ];
    expect(ids(await zapPoll({ creator: 'dumpling.kitchen', checkEvery: 'day' }))).toEqual([
      '76',
      '75',
      '74',
      '73',
      '72',
      '70',
    ]);
    expect(pages.map((scope) => scope.isDone())).toEqual([true, true, true]);
  });

  it('reads on only while the poll has time left for the creator, keeping the pages it read', async () => {
    answer('dumpling.kitchen', posts(['70', 100]));
    await zapPoll({ creator: 'dumpling.kitchen', checkEvery: 'day' });
    setTime(24 * HOUR);
    // The first page takes 8 s of a poll that has 12 s: 4 s are too few for another page.
    const first = nock(API)
      .post(PATH, { handle: 'dumpling.kitchen', requestSource: 'ZAPIER' })
      .reply(() => {
        advance(8_000);
        return [
          200,
          JSON.stringify({
            ...JSON.parse(posts(['76', 600], ['75', 500])),
            has_more: 1,
            max_cursor: '500000',
          }),
          JSON_TYPE,
        ];
      });
    const items = await appTester(
      (z: ZObject, b: Bundle) =>
        pollCreators({ ...TRIGGER_SETUP, pace: { ...TRIGGER_SETUP.pace, budgetMs: 12_000 }, clock })(
          { ...z, cache: cache.forConnection(b.authData.apiKey) as unknown as ZObject['cache'] },
          b as TriggerBundle,
        ),
      bundle({ creator: 'dumpling.kitchen', checkEvery: 'day' }),
    );
    expect(first.isDone()).toBe(true);
    expect(ids(items as Item[])).toEqual(['76', '75']);
  });

  it('reads on at most 5 pages in all, and not at all without a kept list', async () => {
    const page = (n: number) =>
      JSON.stringify({ ...JSON.parse(posts([`7${9 - n}`, 1000 - n])), has_more: 1, max_cursor: `c${n}` });
    answer('dumpling.kitchen', posts(['70', 100]));
    await zapPoll({ creator: 'dumpling.kitchen', checkEvery: 'day' });
    setTime(24 * HOUR);
    const scopes = [0, 1, 2, 3, 4].map((n) =>
      nock(API)
        .post(PATH, {
          handle: 'dumpling.kitchen',
          ...(n === 0 ? {} : { maxCursor: `c${n - 1}` }),
          requestSource: 'ZAPIER',
        })
        .reply(200, page(n)),
    );
    expect(await zapPoll({ creator: 'dumpling.kitchen', checkEvery: 'day' })).toHaveLength(5);
    expect(scopes.map((scope) => scope.isDone())).toEqual([true, true, true, true, true]);
    // A fresh connection has no list kept: one page, however many follow.
    const fresh = nock(API)
      .post(PATH, { handle: 'dumpling.kitchen', requestSource: 'ZAPIER' })
      .reply(200, page(0));
    expect(
      await zapPoll({ creator: 'dumpling.kitchen', checkEvery: 'day' }, {}, 'sk_new_connection'),
    ).toHaveLength(1);
    expect(fresh.isDone()).toBe(true);
  });

  it('judges how far the kept list reached by its posts that are not pinned, and reads on only when it can tell', async () => {
    const page = (pairs: [string, number][], more: boolean) =>
      JSON.stringify({
        ...(JSON.parse(posts(...pairs)) as object),
        has_more: more ? 1 : 0,
        max_cursor: 'c1',
      });
    // The kept list's newest post is pinned (a new post pinned at once); the others reach 100.
    nock(API)
      .post(PATH)
      .reply(
        200,
        JSON.stringify({
          aweme_list: [
            { aweme_id: '75', create_time: 500, is_top: 1 },
            { aweme_id: '70', create_time: 100 },
          ],
        }),
      );
    await zapPoll({ creator: 'dumpling.kitchen', checkEvery: 'day' });
    setTime(24 * HOUR);
    const read = [
      nock(API)
        .post(PATH, { handle: 'dumpling.kitchen', requestSource: 'ZAPIER' })
        .reply(200, page([['72', 200]], true)),
      nock(API)
        .post(PATH, { handle: 'dumpling.kitchen', maxCursor: 'c1', requestSource: 'ZAPIER' })
        .reply(200, page([['70', 100]], false)),
    ];
    expect(ids(await zapPoll({ creator: 'dumpling.kitchen', checkEvery: 'day' }))).toEqual(['72', '70']);
    expect(read.map((scope) => scope.isDone())).toEqual([true, true]);
    // A kept list whose posts have no time says nothing of how far it reached: one page.
    nock(API)
      .post(PATH)
      .reply(200, posts(['1', 0]));
    await zapPoll({ creator: 'no.times', checkEvery: 'day' });
    setTime(48 * HOUR);
    const once = nock(API)
      .post(PATH)
      .reply(200, page([['2', 0]], true));
    expect(ids(await zapPoll({ creator: 'no.times', checkEvery: 'day' }))).toEqual(['2']);
    expect(once.isDone()).toBe(true);
  });

  it('gives nothing, and no error, when the poll has no time to ask anyone', async () => {
    const items = await appTester(
      (z: ZObject, b: Bundle) =>
        pollCreators({ ...TRIGGER_SETUP, pace: { ...TRIGGER_SETUP.pace, budgetMs: 1000 }, clock })(
          { ...z, cache: cache.forConnection(b.authData.apiKey) as unknown as ZObject['cache'] },
          b as TriggerBundle,
        ),
      bundle({ creator: 'dumpling.kitchen' }),
    );
    expect(items).toEqual([]);
  });

  it.each([{ at: 0, items: 'not a list' }, { items: [] }, { at: '9999999999999', items: [] }, 'junk', 7])(
    'asks again when what the cache holds is no list it kept (%j)',
    async (held) => {
      const scope = answer('dumpling.kitchen', posts(['71', 100]));
      const items = await appTester(
        (z: ZObject, b: Bundle) =>
          pollCreators({ ...TRIGGER_SETUP, clock })(
            { ...z, cache: { ...z.cache, get: () => Promise.resolve(held) } },
            b as TriggerBundle,
          ),
        bundle({ creator: 'dumpling.kitchen', checkEvery: 'hour' }),
      );
      expect(scope.isDone()).toBe(true);
      expect(ids(items as Item[])).toEqual(['71']);
    },
  );

  it('returns what it fetched when Zapier’s cache fails either way, and logs it', async () => {
    const scope = answer('dumpling.kitchen', posts(['71', 100]));
    const logged: string[] = [];
    const items = await appTester(
      (z: ZObject, b: Bundle) =>
        pollCreators({ ...TRIGGER_SETUP, clock })(
          {
            ...z,
            console: { ...z.console, log: (line: string) => logged.push(line) },
            cache: {
              ...z.cache,
              get: () => Promise.reject(new Error('cache down')),
              set: () => Promise.reject(new Error('cache full')),
            },
          },
          b as TriggerBundle,
        ),
      bundle({ creator: 'dumpling.kitchen', checkEvery: 'hour' }),
    );
    expect(scope.isDone()).toBe(true);
    expect(ids(items as Item[])).toEqual(['71']);
    expect(logged).toEqual([
      'The list kept for @dumpling.kitchen could not be read (Error: cache down); asking DumplingAI.',
      'The list fetched for @dumpling.kitchen could not be kept (Error: cache full).',
    ]);
  });
});

describe('watching many creators in one trigger', () => {
  const posts = (...pairs: [string, number][]) =>
    JSON.stringify({ aweme_list: pairs.map(([id, time]) => ({ aweme_id: id, create_time: time })) });
  const ids = (items: Item[]) => items.map((item) => item.id);
  /** Answers each named creator once, in any order, recording the order they were asked in. */
  const roster = (answers: Record<string, [number, string, Record<string, string>?]>) => {
    const asked: string[] = [];
    const scope = nock(API)
      .post(PATH, (body: { handle: string }) => {
        asked.push(body.handle);
        return body.handle in answers;
      })
      .times(Object.keys(answers).length)
      .reply(async (request) => {
        const { handle } = (await request.json()) as { handle: string };
        const [status, body, headers = {}] = answers[handle] as [number, string, Record<string, string>?];
        return [status, body, { ...JSON_TYPE, ...headers }];
      });
    return { asked, scope };
  };
  const { clock } = fakeClock();
  const run = (inputData: Record<string, unknown>, meta: Meta = {}, cache = zapierCache(clock.now)) =>
    appTester(
      (z: ZObject, b: Bundle) =>
        withPlainErrors(pollCreators({ ...TRIGGER_SETUP, clock }), 'trigger')(
          { ...z, cache: cache.forConnection(b.authData.apiKey) as unknown as ZObject['cache'] },
          b as TriggerBundle,
        ),
      bundle(inputData, meta),
    ) as Promise<Item[]>;

  it('asks each creator once, in any form or case, and merges their posts newest first', async () => {
    const { asked, scope } = roster({
      'dumpling.kitchen': [200, posts(['73', 300], ['71', 100])],
      'mika.travels': [200, posts(['74', 400], ['72', 200])],
      'big.ids': [200, posts(['70', 50])],
    });
    const items = await run({
      creator: ['@Dumpling.Kitchen', 'https://www.tiktok.com/@mika.travels, big.ids', 'dumpling.kitchen'],
    });
    expect(scope.isDone()).toBe(true);
    expect(asked.sort()).toEqual(['big.ids', 'dumpling.kitchen', 'mika.travels']);
    expect(ids(items)).toEqual(['74', '73', '72', '71', '70']);
    expect(items.map((item) => item.isPinned)).toEqual([false, false, false, false, false]);
  });

  it('asks all 25 creators of a full roster in one poll, and gives the newest 100 posts of them all', async () => {
    const handles = Array.from({ length: 25 }, (_, n) => `creator${n}`);
    const { scope } = roster(
      Object.fromEntries(
        handles.map((handle, n) => [
          handle,
          [
            200,
            posts(...Array.from({ length: 5 }, (_, k): [string, number] => [`7${n}0${k}`, 1000 * n + k])),
          ],
        ]),
      ),
    );
    const items = await run({ creator: handles.join('\n') });
    expect(scope.isDone()).toBe(true);
    expect(items).toHaveLength(100);
    expect([items[0]?.id, items[99]?.id]).toEqual(['72404', '7500']);
  });

  it('refuses more than 25 creators, and an entry that is none, before any request', async () => {
    const many = await caught(() => run({ creator: Array.from({ length: 26 }, (_, n) => `creator${n}`) }));
    expect(JSON.parse(many.message)).toEqual({
      message:
        'That is 26 different creators, and one trigger watches up to 25. Remove 1, or watch the rest in another Zap.',
      code: 'invalid_creator',
      status: 400,
    });
    const bad = await caught(() => run({ creator: ['dumpling.kitchen', 'vm.tiktok.com/ZMhKxyz'] }));
    expect(userMessage(bad)).toBe(
      '"vm.tiktok.com/ZMhKxyz" is not a TikTok creator. Enter the creator’s TikTok username, such as @dumpling.kitchen, or their profile link, such as https://www.tiktok.com/@dumpling.kitchen.',
    );
  });

  it('names every creator that cannot be watched in one error, keeping what the others paid for', async () => {
    const cache = zapierCache(clock.now);
    const { scope } = roster({
      'dumpling.kitchen': [200, posts(['71', 100])],
      'gone.creator': [404, '{"error":"TikTok user not found"}'],
      'private.person': [200, '{"status_code":10222,"aweme_list":null}'],
    });
    const error = await caught(() =>
      run({ creator: 'dumpling.kitchen, gone.creator, private.person' }, {}, cache),
    );
    expect(scope.isDone()).toBe(true);
    expect(JSON.parse(error.message)).toEqual({
      message:
        'This trigger cannot watch @gone.creator, @private.person: DumplingAI found no such account, or TikTok would not show its posts. Check each username on TikTok, or remove it from this trigger.',
      code: 'creator_unavailable',
      status: 403,
    });
    expect(cache.calls.filter(([call]) => call === 'set').map(([, key]) => key)).toEqual([
      'creator-posts:dumpling.kitchen',
    ]);
  });

  it('returns what it fetched when DumplingAI refuses a creator, and asks that one first at the next poll', async () => {
    const cache = zapierCache(clock.now);
    const first = roster({
      'dumpling.kitchen': [200, posts(['71', 100])],
      'mika.travels': [429, '{"error":"Too many requests."}', { 'Retry-After': '3600' }],
      'big.ids': [200, posts(['70', 50])],
    });
    expect(ids(await run({ creator: ['dumpling.kitchen', 'mika.travels', 'big.ids'] }, {}, cache))).toEqual([
      '71',
      '70',
    ]);
    expect(first.scope.isDone()).toBe(true);
    const second = roster({
      'dumpling.kitchen': [200, posts(['71', 100])],
      'mika.travels': [200, posts(['72', 200])],
      'big.ids': [200, posts(['70', 50])],
    });
    expect(ids(await run({ creator: ['dumpling.kitchen', 'mika.travels', 'big.ids'] }, {}, cache))).toEqual([
      '72',
      '71',
      '70',
    ]);
    // Never asked before, so asked first; the others in the order they were asked last.
    expect(second.asked[0]).toBe('mika.travels');
  });

  it('asks no more creators in a poll than DumplingAI’s X-RateLimit-Remaining leaves room for', async () => {
    const none = { 'X-RateLimit-Remaining': '0' };
    // Three are asked at once; each says no request is left, so the last two wait for the next poll.
    const { scope } = roster({
      'aa.aa': [200, posts(['73', 300]), none],
      'bb.bb': [200, posts(['72', 200]), none],
      'cc.cc': [200, posts(['71', 100]), none],
    });
    const items = await run({ creator: ['aa.aa', 'bb.bb', 'cc.cc', 'dd.dd', 'ee.ee'] });
    expect(scope.isDone()).toBe(true);
    expect(ids(items)).toEqual(['73', '72', '71']);
  });

  it('throws the refusal for Zapier to retry when nothing was fetched now or before', async () => {
    roster({ 'mika.travels': [503, '{"error":"Rate limit exceeded."}', { 'Retry-After': '3600' }] });
    const error = await caught(() => run({ creator: 'mika.travels' }));
    expect([error.name, userMessage(error)]).toEqual([
      'ThrottledError',
      "DumplingAI's TikTok creator-posts service is rate-limited right now. The trigger tries again at its next check; nothing needs to change.",
    ]);
  });

  it('tells a creator DumplingAI refuses (400) even when others answered', async () => {
    roster({
      'dumpling.kitchen': [200, posts(['71', 100])],
      'bad.one': [400, '{"error":"Invalid handle."}'],
    });
    const error = await caught(() => run({ creator: ['dumpling.kitchen', 'bad.one'] }));
    expect(JSON.parse(error.message)).toMatchObject({ code: 'bad_request', status: 400 });
  });

  it('tries the baseline again unless every creator was read, so none fires old posts later', async () => {
    roster({
      'dumpling.kitchen': [200, posts(['71', 100])],
      'mika.travels': [503, '{"error":"Rate limit exceeded."}', { 'Retry-After': '3600' }],
    });
    const busy = await caught(() =>
      run({ creator: ['dumpling.kitchen', 'mika.travels'] }, { isPopulatingDedupe: true }),
    );
    // The refusal itself, with DumplingAI's Retry-After, is what Zapier is told.
    expect([busy.name, JSON.parse(busy.message)]).toEqual([
      'ThrottledError',
      {
        message:
          "DumplingAI's TikTok creator-posts service is rate-limited right now. The trigger tries again at its next check; nothing needs to change.",
        delay: 3600,
      },
    ]);
    const late = await caught(() =>
      appTester(
        (z: ZObject, b: Bundle) =>
          pollCreators({ ...TRIGGER_SETUP, pace: { ...TRIGGER_SETUP.pace, budgetMs: 1000 }, clock })(
            z,
            b as TriggerBundle,
          ),
        bundle({ creator: 'dumpling.kitchen' }, { isPopulatingDedupe: true }),
      ),
    );
    expect([late.name, JSON.parse(late.message)]).toEqual([
      'ThrottledError',
      {
        message:
          "Not every creator could be read while Zapier set up this trigger (DumplingAI's rate limit or Zapier's time ran out), so it will try again; nothing needs to change.",
        delay: 60,
      },
    ]);
  });

  it('stops at a rejected key, and keeps what was fetched before it', async () => {
    roster({ 'dumpling.kitchen': [401, '{"error":"API key is invalid or missing."}'] });
    const error = await caught(() => run({ creator: 'dumpling.kitchen' }));
    expect(error.name).toBe('ExpiredAuthError');
  });

  it('gives the editor 3 samples, asking creators in the order given and stopping once it has them', async () => {
    const one = roster({
      'dumpling.kitchen': [200, posts(['73', 300], ['72', 200], ['71', 100], ['70', 50])],
    });
    expect(
      ids(await run({ creator: ['dumpling.kitchen', 'mika.travels'] }, { isLoadingSample: true })),
    ).toEqual(['73', '72', '71']);
    expect(one.asked).toEqual(['dumpling.kitchen']);
    const two = roster({
      'dumpling.kitchen': [200, posts(['71', 100])],
      'mika.travels': [200, posts(['82', 500], ['81', 400])],
    });
    expect(
      ids(await run({ creator: ['dumpling.kitchen', 'mika.travels', 'big.ids'] }, { isLoadingSample: true })),
    ).toEqual(['82', '81', '71']);
    expect(two.asked).toEqual(['dumpling.kitchen', 'mika.travels']);
  });

  it('lets Zapier try the samples again later when DumplingAI cannot be reached, as a poll does', async () => {
    const scope = nock(API).post(PATH).replyWithError('socket hang up');
    const error = await caught(() => run({ creator: 'dumpling.kitchen' }, { isLoadingSample: true }));
    expect(scope.isDone()).toBe(true);
    expect([error.name, userMessage(error)]).toEqual([
      'ThrottledError',
      'Could not reach DumplingAI: the connection failed or was cut off before any answer, so nothing was charged. The trigger tries again at its next check; nothing needs to change.',
    ]);
  });

  it('gives the editor what it has once 20 of the 25 seconds are gone, asking no further creator', async () => {
    const { clock, advance } = fakeClock();
    const slow = nock(API)
      .post(PATH, { handle: 'dumpling.kitchen', requestSource: 'ZAPIER' })
      .reply(() => {
        advance(20_000);
        return [200, posts(['71', 100]), JSON_TYPE];
      });
    const items = await appTester(
      (z: ZObject, b: Bundle) => pollCreators({ ...TRIGGER_SETUP, clock })(z, b as TriggerBundle),
      bundle({ creator: ['dumpling.kitchen', 'mika.travels'] }, { isLoadingSample: true }),
    );
    // Asking mika.travels would be a request no interceptor answers, which fails the test.
    expect(slow.isDone()).toBe(true);
    expect(ids(items as Item[])).toEqual(['71']);
  });

  it('gives Zapier’s baseline every post of every creator, past 100, so none fires later as new', async () => {
    const handles = ['aa.aa', 'bb.bb', 'cc.cc', 'dd.dd', 'ee.ee'];
    roster(
      Object.fromEntries(
        handles.map((handle, n) => [
          handle,
          [
            200,
            posts(
              ...Array.from({ length: 30 }, (_, k): [string, number] => [`7${n}${100 + k}`, 1000 * n + k]),
            ),
          ],
        ]),
      ),
    );
    expect(await run({ creator: handles }, { isPopulatingDedupe: true })).toHaveLength(150);
  });

  it('tells a creator DumplingAI fails on (500) even when others answered, keeping what they paid for', async () => {
    const cache = zapierCache(clock.now);
    const { scope } = roster({
      'dumpling.kitchen': [200, posts(['71', 100])],
      'broken.one': [500, '{"error":"Internal server error"}'],
    });
    const error = await caught(() => run({ creator: ['dumpling.kitchen', 'broken.one'] }, {}, cache));
    expect(scope.isDone()).toBe(true);
    expect([error.name, userMessage(error)]).toEqual([
      'AppError',
      'DumplingAI had a problem on its side: Internal server error. The trigger tries again at its next check; if it keeps happening, contact DumplingAI support.',
    ]);
    expect(cache.calls.filter(([call]) => call === 'set').map(([, key]) => key)).toEqual([
      'creator-posts:dumpling.kitchen',
    ]);
  });

  it('returns the kept lists when every creator due is refused (429, 503) and nothing new came', async () => {
    const cache = zapierCache(clock.now);
    roster({ 'dumpling.kitchen': [200, posts(['71', 100])] });
    await run({ creator: 'dumpling.kitchen' }, {}, cache);
    roster({ 'dumpling.kitchen': [503, '{"error":"Rate limit exceeded."}', { 'Retry-After': '3600' }] });
    expect(ids(await run({ creator: 'dumpling.kitchen' }, {}, cache))).toEqual(['71']);
  });

  /**
   * The trigger on an empty cache that writes a moment after it is asked, as a real one does:
   * what was written by the time the poll ended, as [key, value], in order.
   */
  const pollWithSlowCache = async (inputData: Record<string, unknown>, meta: Meta = {}, at = clock) => {
    const written: [string, unknown][] = [];
    await appTester(
      (z: ZObject, b: Bundle) =>
        pollCreators({ ...TRIGGER_SETUP, clock: at })(
          {
            ...z,
            cache: {
              ...z.cache,
              get: () => Promise.resolve(null),
              set: (key: string, value: unknown) =>
                new Promise((resolve) =>
                  setImmediate(() => {
                    written.push([key, value]);
                    resolve(true);
                  }),
                ),
            },
          },
          b as TriggerBundle,
        ),
      bundle(inputData, meta),
    );
    return written;
  };

  it('keeps every list in Zapier’s cache before the poll ends', async () => {
    roster({ 'dumpling.kitchen': [200, posts(['71', 100])] });
    const written = await pollWithSlowCache({ creator: 'dumpling.kitchen' });
    expect(written.map(([key]) => key)).toEqual(['creator-posts:dumpling.kitchen']);
  });

  it('lets Zapier try later, in the trigger’s words, when DumplingAI sends no answer in time', async () => {
    const stalls = nock(API)
      .post(PATH)
      .times(3)
      .reply(() => new Promise<[number]>(() => undefined));
    const error = await caught(() =>
      appTester(
        withPlainErrors(
          pollCreators({ ...TRIGGER_SETUP, limits: { ...TRIGGER_SETUP.limits, apiDeadlineMs: 50 }, clock }),
          'trigger',
        ),
        bundle({ creator: 'never.answers' }),
      ),
    );
    expect(stalls.isDone()).toBe(true);
    expect([error.name, JSON.parse(error.message)]).toEqual([
      'ThrottledError',
      {
        message:
          "DumplingAI sent no answer within 1 second, so the lookup was stopped before Zapier's time limit; with no answer, nothing was charged. The trigger tries again at its next check; nothing needs to change.",
        delay: 60,
      },
    ]);
  });

  it('names two creators that cannot be watched and counts the rest', async () => {
    const gone = ['gone.a', 'gone.b', 'gone.c', 'gone.d', 'gone.e'];
    roster(Object.fromEntries(gone.map((handle) => [handle, [404, '{"error":"TikTok user not found"}']])));
    const error = await caught(() => run({ creator: gone }));
    expect(userMessage(error)).toMatch(
      /^DumplingAI found no TikTok accounts @gone\.\w, @gone\.\w and 3 more, or could not see their posts\. Check each username \(creators can change them\) and that the accounts are public, or remove them from this trigger\.$/,
    );
  });

  it('gives the editor the latest posts without leaving a gap in the list a poll kept', async () => {
    const cache = zapierCache(clock.now);
    const page = (pairs: [string, number][]) =>
      JSON.stringify({ ...(JSON.parse(posts(...pairs)) as object), has_more: 1, max_cursor: 'c1' });
    roster({ 'dumpling.kitchen': [200, posts(['70', 100])] });
    await run({ creator: 'dumpling.kitchen', checkEvery: 'day' }, {}, cache);
    // Three posts since: the editor's one page does not reach back to 70, so the poll's list stays.
    roster({
      'dumpling.kitchen': [
        200,
        page([
          ['73', 400],
          ['72', 300],
          ['71', 200],
        ]),
      ],
    });
    expect(ids(await run({ creator: 'dumpling.kitchen' }, { isLoadingSample: true }, cache))).toEqual([
      '73',
      '72',
      '71',
    ]);
    // A page that reaches back replaces it.
    roster({
      'dumpling.kitchen': [
        200,
        page([
          ['71', 200],
          ['70', 100],
        ]),
      ],
    });
    await run({ creator: 'dumpling.kitchen' }, { isLoadingSample: true }, cache);
    expect(
      cache.calls
        .filter(([call]) => call === 'set')
        .map(([, , value]) => ids((value as { items: Item[] }).items)),
    ).toEqual([['70'], ['71', '70']]);
  });

  it('gives each creator asked for samples only the time the editor has left', async () => {
    const { clock: moving, advance } = fakeClock();
    nock(API)
      .post(PATH, { handle: 'dumpling.kitchen', requestSource: 'ZAPIER' })
      .reply(() => {
        advance(5_000);
        return [200, posts(['71', 100]), JSON_TYPE];
      });
    const stalls = nock(API)
      .post(PATH, { handle: 'mika.travels', requestSource: 'ZAPIER' })
      .reply(() => new Promise<[number]>(() => undefined));
    // 5,050 ms in all, the first creator took 5,000: the second gets 50 ms, not the whole budget.
    const error = await caught(() =>
      appTester(
        withPlainErrors(
          pollCreators({
            ...TRIGGER_SETUP,
            pace: { ...TRIGGER_SETUP.pace, budgetMs: 5_050 },
            paging: { ...TRIGGER_SETUP.paging, minPageMs: 0 },
            clock: moving,
          }),
          'trigger',
        ),
        bundle({ creator: ['dumpling.kitchen', 'mika.travels'] }, { isLoadingSample: true }),
      ),
    );
    expect(stalls.isDone()).toBe(true);
    expect(userMessage(error)).toBe(
      "DumplingAI sent no answer within 1 second, so the lookup was stopped before Zapier's time limit; with no answer, nothing was charged. The trigger tries again at its next check; nothing needs to change.",
    );
  });

  it('after a poll that failed, reads on to what the Zap last got, so no post it never got is skipped', async () => {
    const cache = zapierCache(clock.now);
    const pageOf = (pairs: [string, number][], cursor?: string) =>
      JSON.stringify({
        ...(JSON.parse(posts(...pairs)) as object),
        ...(cursor === undefined ? {} : { has_more: 1, max_cursor: cursor }),
      });
    const aa = (body: string, maxCursor?: string) =>
      nock(API)
        .post(PATH, {
          handle: 'aa.aa',
          ...(maxCursor === undefined ? {} : { maxCursor }),
          requestSource: 'ZAPIER',
        })
        .reply(200, body, JSON_TYPE);
    const bb = (status: number, body: string) =>
      nock(API).post(PATH, { handle: 'bb.bb', requestSource: 'ZAPIER' }).reply(status, body, JSON_TYPE);
    const creator = ['aa.aa', 'bb.bb'];
    aa(pageOf([['10', 100]]));
    bb(200, pageOf([['20', 50]]));
    expect(ids(await run({ creator }, {}, cache))).toEqual(['10', '20']);
    // aa posts 11 to 13 and is read on to 10; bb fails, so the Zap gets none of it.
    aa(
      pageOf(
        [
          ['13', 130],
          ['12', 120],
        ],
        'c1',
      ),
    );
    aa(
      pageOf([
        ['11', 110],
        ['10', 100],
      ]),
      'c1',
    );
    bb(500, '{"error":"Internal server error"}');
    await caught(() => run({ creator }, {}, cache));
    // aa posts 14: its first page reaches the list kept above, yet the Zap never got 11 and 12.
    const readOn = [
      aa(
        pageOf(
          [
            ['14', 140],
            ['13', 130],
          ],
          'c2',
        ),
      ),
      aa(
        pageOf(
          [
            ['12', 120],
            ['11', 110],
          ],
          'c3',
        ),
        'c2',
      ),
      aa(pageOf([['10', 100]]), 'c3'),
    ];
    bb(200, pageOf([['20', 50]]));
    expect(ids(await run({ creator }, {}, cache))).toEqual(['14', '13', '12', '11', '10', '20']);
    expect(readOn.map((scope) => scope.isDone())).toEqual([true, true, true]);
  });

  it('tells an account out of credits before a creator it cannot watch: nothing works until it is fixed', async () => {
    roster({
      'gone.creator': [404, '{"error":"TikTok user not found"}'],
      'dumpling.kitchen': [403, '{"error":"Insufficient credits. Please top up your account."}'],
    });
    const error = await caught(() => run({ creator: ['gone.creator', 'dumpling.kitchen'] }));
    expect(userMessage(error)).toBe(
      'Your DumplingAI account is out of credits. Top up in your DumplingAI dashboard (https://app.dumplingai.com); the trigger picks up again at its next check.',
    );
  });

  it('keeps the page samples read when no list is kept, for the next poll', async () => {
    const cache = zapierCache(clock.now);
    roster({ 'dumpling.kitchen': [200, posts(['71', 100])] });
    await run({ creator: 'dumpling.kitchen' }, { isLoadingSample: true }, cache);
    const sets = cache.calls.filter(([call]) => call === 'set');
    expect(sets.map(([, key, value]) => [key, ids((value as { items: Item[] }).items)])).toEqual([
      ['creator-posts:dumpling.kitchen', ['71']],
    ]);
  });

  it('keeps the samples’ page whole and dated now, photo posts too, before the editor gets its samples', async () => {
    const { clock: moving, setTime } = fakeClock();
    setTime(5_000);
    nock(API).post(PATH).reply(200, readFixture('creators/photo-page'), JSON_TYPE);
    const written = await pollWithSlowCache(
      { creator: 'mika.travels', includePhotos: 'false' },
      { isLoadingSample: true },
      moving,
    );
    expect(
      written.map(([, value]) => {
        const { at, items } = value as { at: number; items: Item[] };
        return [at, ids(items)];
      }),
    ).toEqual([[5_000, ['7477969281306526825', '7470000000000000010', '7465000000000000011']]]);
  });

  it('speaks of two unknown accounts in the plural', async () => {
    roster({
      'gone.a': [404, '{"error":"TikTok user not found"}'],
      'gone.b': [404, '{"error":"TikTok user not found"}'],
    });
    const error = await caught(() => run({ creator: ['gone.a', 'gone.b'] }));
    expect(userMessage(error)).toMatch(
      /^DumplingAI found no TikTok accounts @gone\.\w, @gone\.\w, or could not see their posts\./,
    );
  });

  it('names a creator that cannot be watched while loading samples', async () => {
    roster({ 'gone.creator': [404, '{"error":"TikTok user not found"}'] });
    const gone = await caught(() => run({ creator: 'gone.creator' }, { isLoadingSample: true }));
    expect(JSON.parse(gone.message)).toMatchObject({ code: 'creator_not_found' });
    roster({ 'private.person': [200, '{"statusCode":10222}'] });
    const refused = await caught(() => run({ creator: 'private.person' }, { isLoadingSample: true }));
    expect(JSON.parse(refused.message)).toMatchObject({ code: 'creator_unavailable' });
  });
});
