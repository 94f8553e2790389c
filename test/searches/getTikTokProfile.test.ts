import nock from 'nock';

import { getTikTokProfile } from '../../src/searches/getTikTokProfile';
import sampleProfile from '../../src/zapier/samples/profile.json';
import noStats from '../fixtures/creators/profile-no-stats.json';
import privateProfile from '../fixtures/creators/profile-private.json';
import { API, API_KEY, bundleFor, caught, run, userMessage, statusCases } from '../helpers';

const PATH = '/api/v1/get-tiktok-profile';
const lookUp = (creator: unknown) =>
  run(getTikTokProfile.operation.perform as Parameters<typeof run>[0], bundleFor({ creator })) as Promise<
    Record<string, unknown>[]
  >;

describe('Get TikTok Profile', () => {
  it('is a search named and described in Zapier’s words', () => {
    expect([getTikTokProfile.key, getTikTokProfile.noun, getTikTokProfile.display.label]).toEqual([
      'get_tiktok_profile',
      'TikTok Profile',
      'Get TikTok Profile',
    ]);
    expect(getTikTokProfile.display.description).toMatch(/^Finds a TikTok creator's profile .*\.$/);
  });

  it.each([
    ['@Dumpling.Kitchen', 'dumpling.kitchen'],
    ['https://www.tiktok.com/@dumpling.kitchen/video/7321234567890123456', 'dumpling.kitchen'],
    ['m.tiktok.com/@mika.travels/', 'mika.travels'],
  ])('asks with one request {handle, requestSource} for %j', async (creator, handle) => {
    const scope = nock(API, { reqheaders: { authorization: `Bearer ${API_KEY}` } })
      .post(PATH, { handle, requestSource: 'ZAPIER' })
      .reply(200, sampleProfile);
    await lookUp(creator);
    expect(scope.isDone()).toBe(true);
  });

  it('gives the profile as flat labelled fields, with exact counts and the avatar as a file', async () => {
    nock(API).post(PATH).reply(200, sampleProfile);
    const [profile] = await lookUp('dumpling.kitchen');
    expect(profile).toMatchObject({
      id: '6812345678901234567',
      uniqueId: 'dumpling.kitchen',
      followerCount: 182431,
      heartCount: 4213377,
      friendCount: 58,
      bioLink: 'https://dumpling.kitchen/recipes',
      profileUrl: 'https://www.tiktok.com/@dumpling.kitchen',
      createTimeISO: '2020-04-03T00:00:00.000Z',
    });
    expect(JSON.parse(String(profile?.avatarFile).split('|||')[1] ?? '')).toMatchObject({
      method: 'hydrators.downloadMedia',
      bundle: {
        url: 'https://p16-sign-va.tiktokcdn.com/tos-maliva-avt-0068/dumpling~c5_1080x1080.jpeg',
        filename: 'dumpling.kitchen-avatar.jpg',
        contentType: 'image/jpeg',
      },
    });
  });

  it('keeps counts null, not zero, when the answer has no stats, and has no avatar file without an avatar', async () => {
    nock(API).post(PATH).reply(200, noStats);
    const [profile] = await lookUp('big.ids');
    expect(profile).toMatchObject({
      followerCount: null,
      heartCount: null,
      avatarUrl: null,
      avatarFile: null,
    });
  });

  it('finds a private account’s profile and says it is private', async () => {
    nock(API).post(PATH).reply(200, privateProfile);
    const [profile] = await lookUp('private.person');
    expect(profile).toMatchObject({ privateAccount: true, videoCount: 14 });
  });

  it('returns nothing found (an empty list) for a 404', async () => {
    const scope = nock(API).post(PATH).reply(404, { error: 'TikTok user not found: nobody' });
    await expect(lookUp('nobody.here')).resolves.toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    '{"statusCode":10202,"statusMsg":"","userInfo":{}}',
    '{"status_code":10221,"status_msg":"This account was banned"}',
    '{"statusCode":"10221","userInfo":{"user":null}}',
    '{"statusCode":10202,"userInfo":{"user":{}}}',
  ])('returns nothing found when TikTok refuses the account and sends none (%s)', async (body) => {
    const scope = nock(API).post(PATH).reply(200, body, { 'Content-Type': 'application/json' });
    await expect(lookUp('gone.creator')).resolves.toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('reads the account TikTok sends with its refusal code (a private one)', async () => {
    nock(API)
      .post(PATH)
      .reply(200, {
        statusCode: 10222,
        userInfo: { user: { id: '6900000000000000001', uniqueId: 'private.person', privateAccount: true } },
      });
    const [profile] = await lookUp('private.person');
    expect(profile).toMatchObject({ id: '6900000000000000001', privateAccount: true });
  });

  it.each([
    ['{"user":{"uid":"6900000000000000002","follower_count":5}}', ['6900000000000000002', null, 5]],
    ['{"user":{"unique_id":"app.shape","follower_count":7}}', [null, 'app.shape', 7]],
    ['{"user":{"uid":6900000000000000003}}', ['6900000000000000003', null, null]],
  ])('reads a profile in TikTok’s app JSON (%s)', async (body, [id, uniqueId, followerCount]) => {
    nock(API).post(PATH).reply(200, body, { 'Content-Type': 'application/json' });
    const [profile] = await lookUp('app.shape');
    expect([profile?.id, profile?.uniqueId, profile?.followerCount]).toEqual([id, uniqueId, followerCount]);
  });

  it.each(
    statusCases("'handle' parameter is required and must be a non-empty string.", 'TikTok profile service'),
  )(
    'tells a %i as every step does, naming the profile service',
    async (status, body, headers, name, message) => {
      const scope = nock(API)
        .post(PATH)
        .reply(status, body, { 'Content-Type': 'application/json', ...headers });
      const error = await caught(() => lookUp('dumpling.kitchen'));
      expect(scope.isDone()).toBe(true);
      expect([error.name, userMessage(error)]).toEqual([name, message]);
    },
  );

  it('lets Zapier retry when DumplingAI cannot be reached', async () => {
    nock(API).post(PATH).replyWithError('socket hang up');
    const error = await caught(() => lookUp('dumpling.kitchen'));
    expect([error.name, userMessage(error)]).toEqual([
      'ThrottledError',
      'Could not reach DumplingAI: the connection failed or was cut off before any answer, so nothing was charged. Zapier will retry this step in about 60 seconds; nothing needs to change.',
    ]);
  });

  it('refuses a short link without a request, saying what to paste', async () => {
    const error = await caught(() => lookUp('https://vm.tiktok.com/ZMhKxyz/'));
    expect(error.name).toBe('HaltedError');
    expect(userMessage(error)).toMatch(/^A short link \(vm\.tiktok\.com\/…\) does not say whose it is\./);
  });

  it.each([
    ['{"error":"Upstream hiccup"}', 'Upstream hiccup.'],
    ['{"user":{"nickname":"no id"}}', 'the answer named no TikTok account.'],
    ['{"stats":{}}', 'the answer named no TikTok account.'],
    ['{"statusCode":0,"userInfo":{}}', 'the answer named no TikTok account.'],
    ['{"user":{"id":"","uniqueId":" "}}', 'the answer named no TikTok account.'],
    ['{"user":{"id":null,"nickname":"x"}}', 'the answer named no TikTok account.'],
  ])('says what a 200 of %s was instead of a profile', async (body, detail) => {
    nock(API).post(PATH).reply(200, body, { 'Content-Type': 'application/json' });
    const error = await caught(() => lookUp('dumpling.kitchen'));
    expect(userMessage(error)).toBe(
      `DumplingAI sent an answer that is not a TikTok profile: ${detail} Try again later; if it keeps happening, contact DumplingAI support.`,
    );
  });

  it('has a sample with every output field, the avatar file as its address', () => {
    const sample = getTikTokProfile.operation.sample as Record<string, unknown>;
    const keys = (getTikTokProfile.operation.outputFields as { key: string }[]).map((field) => field.key);
    expect(Object.keys(sample).sort()).toEqual([...keys].sort());
    expect(sample.avatarFile).toBe(sample.avatarUrl);
  });
});
