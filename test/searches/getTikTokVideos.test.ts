import nock from 'nock';

import { batchText, getTikTokVideos, lookUpWith, outcomeOfError } from '../../src/searches/getTikTokVideos';
import {
  API,
  API_KEY,
  VIDEO_PATH,
  batchLookUp,
  batchSearch,
  bundleFor,
  caught,
  run,
  userMessage,
} from '../helpers';
import documented from '../fixtures/documented-example.json';
import { apiMessages, connectionMessages } from '../../src/dumplingai/messages';
import { batchMessages } from '../../src/searches/batch';
import { urlMessages } from '../../src/tiktok/linkMessages';
import { checkTikTokLink } from '../../src/tiktok/link';
import { LIMITS } from '../../src/dumplingai/limits';

const runBatchStep = (urls: unknown) => batchLookUp(urls);
const runBatch3 = (codes: string[]) => batchLookUp(codes.map((code) => short(code)));

const short = (code: string) => `https://vm.tiktok.com/${code}/`;
const answer = (code: string, status: number, body: nock.Body, headers: Record<string, string> = {}) =>
  nock(API)
    .post(VIDEO_PATH, { url: short(code), requestSource: 'ZAPIER' })
    .reply(status, body, headers);

describe('Get TikTok Videos', () => {
  it('is a search with the label the user chose, a "Finds up to 25 …" description and a list input', () => {
    expect(getTikTokVideos.key).toBe('get_tiktok_videos');
    expect(getTikTokVideos.noun).toBe('TikTok Video');
    expect(getTikTokVideos.display.label).toBe('Get TikTok Videos');
    expect(getTikTokVideos.display.description).toBe(
      'Finds up to 25 TikTok videos by URL in one step, with a reason for each link that could not be looked up.',
    );
    expect(getTikTokVideos.operation.inputFields).toEqual([
      expect.objectContaining({ key: 'urls', list: true, required: true, label: batchText.urlsLabel }),
    ]);
  });

  it('shows every accepted form in the input’s help, each in backticks', () => {
    const [field] = getTikTokVideos.operation.inputFields as { helpText: string }[];
    expect(field?.helpText).toContain(batchText.urlsHelp);
    expect(field?.helpText).toContain(
      "Accepted: `https://www.tiktok.com/@user/video/<id>`, `https://www.tiktok.com/@user/photo/<id>`, `https://vm.tiktok.com/<code>/`, `https://vt.tiktok.com/<code>/`, `https://www.tiktok.com/t/<code>/`, `https://www.tiktok.com/embed/v2/<id>`, `https://m.tiktok.com/v/<id>.html`, TikTok's share text with the link in it, or the post's id alone.",
    );
  });

  it('has a sample whose input URL is one a user could enter', () => {
    const sample = getTikTokVideos.operation.sample as { videos: { inputUrl: string }[] };
    expect(checkTikTokLink(sample.videos[0]?.inputUrl).ok).toBe(true);
  });

  it('returns every video found, with its input URL, in one result', async () => {
    const scopes = [
      answer('ZMone', 200, documented),
      answer('ZMtwo', 200, { ...documented, id: '7321234567890000002' }),
    ];
    const result = await runBatchStep([short('ZMone'), short('ZMtwo')]);
    expect(scopes.map((scope) => scope.isDone())).toEqual([true, true]);
    expect(result).toMatchObject({ succeeded: 2, failed: 0, failures: [] });
    expect(result.videos.map((video) => [video.inputUrl, video.id])).toEqual([
      [short('ZMone'), '7321234567890123456'],
      [short('ZMtwo'), '7321234567890000002'],
    ]);
    expect(result.videos[0]).toMatchObject({ statsPlayCount: 567890, engagementRate: 2.36 });
  });

  it('reports bad URLs (without a request) and videos not found beside the ones found', async () => {
    const found = answer('ZMone', 200, documented);
    const gone = answer('ZMgone', 404, { error: `TikTok video not found for URL: ${short('ZMgone')}` });
    const result = await runBatchStep([short('ZMone'), 'https://example.com/x', short('ZMgone')]);
    expect([found.isDone(), gone.isDone()]).toEqual([true, true]);
    expect(result.succeeded).toBe(1);
    expect(result.failures).toEqual([
      { url: 'https://example.com/x', message: urlMessages.notTikTokVideo },
      { url: short('ZMgone'), message: batchMessages.notFound },
    ]);
  });

  it('reports a URL that DumplingAI could not process with its message, and goes on', async () => {
    answer('ZMbad', 400, { error: 'Invalid TikTok video URL format.' });
    answer('ZMone', 200, documented);
    const result = await runBatchStep([short('ZMbad'), short('ZMone')]);
    expect(result.failures).toEqual([
      { url: short('ZMbad'), message: apiMessages.badRequest('Invalid TikTok video URL format.') },
    ]);
    expect(result.succeeded).toBe(1);
  });

  it('looks up a repeated URL once, also when several links share one row', async () => {
    const once = answer('ZMone', 200, documented);
    const result = await runBatchStep([`${short('ZMone')}, ${short('ZMone')}?lang=en`, short('ZMone')]);
    expect(once.isDone()).toBe(true);
    expect(result.succeeded).toBe(1);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('skips list entries that are not text', async () => {
    answer('ZMone', 200, documented);
    await expect(runBatchStep([42, null, short('ZMone')])).resolves.toMatchObject({
      succeeded: 1,
      failed: 0,
    });
  });

  it('accepts a single string as the list', async () => {
    answer('ZMone', 200, documented);
    await expect(runBatchStep(short('ZMone'))).resolves.toMatchObject({ succeeded: 1 });
  });

  it('says nothing was found (an empty list) when no link leads to a video', async () => {
    const gone = ['ZMgone1', 'ZMgone2'].map((code) => answer(code, 404, { error: 'TikTok video not found' }));
    await expect(batchSearch([short('ZMgone1'), short('ZMgone2')])).resolves.toEqual([]);
    expect(gone.map((scope) => scope.isDone())).toEqual([true, true]);
  });

  it('asks Zapier to retry when every link failed in a way a later try may fix, nothing paid', async () => {
    const busy = nock(API)
      .post(VIDEO_PATH)
      .times(3)
      .reply(503, { error: 'Rate limit exceeded.' }, { 'Retry-After': '1' });
    const error = await caught(() => batchSearch([short('ZMbusy')]));
    expect(busy.isDone()).toBe(true);
    expect([error.name, userMessage(error)]).toEqual(['ThrottledError', batchMessages.retryLater]);
  });

  it('sums up what went wrong when no video was fetched for mixed reasons, halting rather than failing', async () => {
    answer('ZMgone', 404, { error: 'TikTok video not found' });
    answer('ZMbad', 400, { error: 'Invalid TikTok video URL format.' });
    const error = await caught(() =>
      batchSearch([short('ZMgone'), 'https://example.com/x', 'nope', short('ZMbad')]),
    );
    expect(error.name).toBe('HaltedError');
    expect(userMessage(error)).toBe(
      'None of the 4 links could be looked up: 2 are not links to TikTok videos, 1 was not found, 1 failed at DumplingAI. Check the links and run this step again.',
    );
  });

  it('stops with the single step’s error when the account runs out of credits mid-batch', async () => {
    answer('ZMone', 403, { error: 'Insufficient credits. Please top up your account.' });
    const error = await caught(() => runBatchStep([short('ZMone')]));
    expect(error.name).toBe('AppError');
    expect(userMessage(error)).toBe(apiMessages.outOfCredits);
  });

  it('stops and asks to reconnect on 401', async () => {
    answer('ZMone', 401, { error: 'API key is invalid or missing.' });
    const error = await caught(() => runBatchStep([short('ZMone')]));
    expect(error.name).toBe('ExpiredAuthError');
    expect(userMessage(error)).toBe(connectionMessages.invalidKey);
  });

  it('after a 403 mid-batch keeps the videos already paid for and reports the rest, asking for nothing again', async () => {
    // Three lookups start together; the 403 comes back while the other two are still in flight.
    const inFlight = ['ZMone', 'ZMthree'].map((code) =>
      nock(API)
        .post(VIDEO_PATH, { url: short(code), requestSource: 'ZAPIER' })
        .delay(50)
        .reply(200, documented),
    );
    const broke = answer('ZMtwo', 403, { error: 'Insufficient credits. Please top up your account.' });
    const result = await runBatch3(['ZMone', 'ZMtwo', 'ZMthree', 'ZMfour', 'ZMfive']);
    expect([...inFlight, broke].map((scope) => scope.isDone())).toEqual([true, true, true]);
    expect(result.videos.map((video) => video.inputUrl)).toEqual([short('ZMone'), short('ZMthree')]);
    expect(result.failures).toEqual([
      { url: short('ZMtwo'), message: apiMessages.outOfCredits },
      { url: short('ZMfour'), message: apiMessages.outOfCredits },
      { url: short('ZMfive'), message: apiMessages.outOfCredits },
    ]);
  });

  it('retries a 503 within the step and keeps the video when it recovers', async () => {
    const busy = answer('ZMone', 503, { error: 'Rate limit exceeded. Please try again later.' });
    const recovered = answer('ZMone', 200, documented);
    const result = await runBatchStep([short('ZMone')]);
    expect([busy.isDone(), recovered.isDone()]).toEqual([true, true]);
    expect(result).toMatchObject({ succeeded: 1, failed: 0 });
  });
});

describe('one lookup inside the batch', () => {
  it('reports DumplingAI as too slow when the lookup runs past its time', async () => {
    nock(API).post(VIDEO_PATH).delay(500).reply(200, documented);
    const outcome = await run((z) => lookUpWith(z, API_KEY, LIMITS)(short('ZMslow'), 50), bundleFor());
    expect(outcome).toEqual({
      kind: 'failed',
      message:
        "DumplingAI took more than 1 second to answer, so the lookup was stopped before Zapier's time limit. Try again later.",
      retryable: true,
    });
  });

  it.each([
    [
      'a rate limit (429 or 503)',
      Object.assign(new Error('{"message":"busy","code":"rate_limited","status":429}'), { name: 'AppError' }),
      { kind: 'retry', message: 'busy' },
    ],
    [
      'a network failure',
      Object.assign(new Error('{"message":"cut","code":"unreachable","status":503}'), { name: 'AppError' }),
      { kind: 'retry', message: 'cut' },
    ],
    [
      'a ThrottledError',
      Object.assign(new Error('{"message":"busy","delay":30}'), { name: 'ThrottledError' }),
      { kind: 'retry', message: 'busy' },
    ],
    [
      'a 500',
      Object.assign(
        new Error('{"message":"DumplingAI had a problem.","code":"upstream_error","status":500}'),
        { name: 'AppError' },
      ),
      { kind: 'failed', message: 'DumplingAI had a problem.' },
    ],
    [
      'a bad link halted',
      Object.assign(new Error('That is not a web address.'), { name: 'HaltedError' }),
      { kind: 'failed', message: 'That is not a web address.' },
    ],
  ])('turns %s into an outcome', (_what, error, outcome) => {
    expect(outcomeOfError(error)).toEqual(outcome);
  });

  it('reports a bug met in one lookup as an unexpected problem, logged for the maintainer, never retried', async () => {
    const scope = nock(API).post(VIDEO_PATH).reply(200, documented);
    const logged: string[] = [];
    const outcome = await run(
      (z) =>
        lookUpWith(
          {
            ...z,
            dehydrateFile: () => {
              throw new TypeError(`Cannot read properties of undefined (key ${API_KEY})`);
            },
            console: { ...z.console, error: (line: string) => logged.push(line) },
          },
          API_KEY,
          LIMITS,
        )(short('ZMbug'), 20_000),
      bundleFor(),
    );
    expect(scope.isDone()).toBe(true);
    expect(outcome).toEqual({
      kind: 'failed',
      message:
        'The Dumpling AI app hit an unexpected problem (a bug on our side, not your data). Replay this task; if it keeps happening, contact DumplingAI support.',
    });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(
      /^Unexpected error: TypeError: Cannot read properties of undefined \(key :censored:\)/,
    );
  });

  it.each([
    [
      'a 403',
      Object.assign(new Error('{"message":"No credits.","code":"out_of_credits","status":403}'), {
        name: 'AppError',
      }),
      'No credits.',
    ],
    ['a 401', Object.assign(new Error('Reconnect.'), { name: 'ExpiredAuthError' }), 'Reconnect.'],
  ])('stops the batch on %s', (_what, error, message) => {
    expect(outcomeOfError(error)).toEqual({ kind: 'stop', error, message });
  });
});
