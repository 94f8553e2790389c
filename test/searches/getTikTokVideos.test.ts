import nock from 'nock';

import { findVideos, getTikTokVideos, lookUpWith } from '../../src/searches/getTikTokVideos';
import { outcomeOfError } from '../../src/lookups/outcome';
import {
  API,
  API_KEY,
  VIDEO_PATH,
  batchLookUp,
  bundleFor,
  caught,
  run,
  userMessage,
  type BatchOutput,
  TRANSCRIPT_LANGUAGE_FIELD,
  transcriptPointerOf,
  transcriptPointerFor,
  bundleFor as bundleWith,
} from '../helpers';
import documented from '../fixtures/documented-example.json';
import { withPlainErrors } from '../../src/dumplingai/errors';
import { DEFAULT_PACE, type PacedLimits } from '../../src/lookups/paced';
import { DEFAULT_SETUP } from '../../src/lookups/setup';
import { LIMITS } from '../../src/dumplingai/limits';
import { checkTikTokLink } from '../../src/tiktok/link';
import { fakeClock } from '../fakeClock';

// The step with a clock that waits no real time: Retry-After and backoffs pass at once, and what
// the step waited is in `slept`.
const stepWith = (pace: Readonly<PacedLimits> = DEFAULT_PACE) => {
  const { clock, slept } = fakeClock();
  const batchSearch = (urls: unknown) =>
    run(withPlainErrors(findVideos({ ...DEFAULT_SETUP, pace, clock })), bundleFor({ urls })) as Promise<
      unknown[]
    >;
  const lookUp = async (urls: unknown) => {
    const results = await batchSearch(urls);
    expect(results).toHaveLength(1);
    return results[0] as BatchOutput;
  };
  return { slept, batchSearch, lookUp };
};
// One lookup at a time, so the order of the requests is the order of the links.
const ONE_AT_A_TIME = { ...DEFAULT_PACE, startInFlight: 1, maxInFlight: 1 };
const runBatchStep = (urls: unknown) => stepWith().lookUp(urls);
const batchSearch = (urls: unknown) => stepWith().batchSearch(urls);

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
      expect.objectContaining({ key: 'urls', list: true, required: true, label: 'Video URLs' }),
      TRANSCRIPT_LANGUAGE_FIELD,
    ]);
  });

  it('shows every accepted form in the input’s help, each in backticks', () => {
    const [field] = getTikTokVideos.operation.inputFields as { helpText: string }[];
    expect(field?.helpText).toContain(
      'Up to 25 TikTok video links, one per row (a row may also hold several, separated by commas or line breaks). Repeated links are looked up once; invalid ones are reported without spending a credit.',
    );
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
    // As Zapier runs it, on the real clock (nothing here waits).
    const result = await batchLookUp([short('ZMone'), short('ZMtwo')]);
    expect(scopes.map((scope) => scope.isDone())).toEqual([true, true]);
    expect(result).toMatchObject({ succeeded: 2, failed: 0, failures: [] });
    expect(result.videos.map((video) => [video.inputUrl, video.id])).toEqual([
      [short('ZMone'), '7321234567890123456'],
      [short('ZMtwo'), '7321234567890000002'],
    ]);
    expect(result.videos[0]).toMatchObject({ statsPlayCount: 567890, engagementRate: 2.36 });
  });

  it('gives each video its own transcript pointer in the language asked for, asking for no transcript', async () => {
    answer('ZMone', 200, documented);
    answer('ZMtwo', 200, { ...documented, id: '7321234567890000002' });
    const [result] = (await run(
      getTikTokVideos.operation.perform as Parameters<typeof run>[0],
      bundleWith({ urls: [short('ZMone'), short('ZMtwo')], transcriptLanguage: 'pt' }),
    )) as BatchOutput[];
    expect(result?.videos.map((video) => transcriptPointerOf(video.transcript))).toEqual([
      transcriptPointerFor('https://www.tiktok.com/@username/video/7321234567890123456', 'pt'),
      transcriptPointerFor('https://www.tiktok.com/@username/video/7321234567890000002', 'pt'),
    ]);
    const error = await caught(() =>
      run(
        getTikTokVideos.operation.perform as Parameters<typeof run>[0],
        bundleWith({ urls: [short('ZMone')], transcriptLanguage: 'xyz' }),
      ),
    );
    expect([error.name, userMessage(error)]).toEqual([
      'HaltedError',
      `"xyz" is not a language code. Enter the two-letter ISO 639-1 code of the transcript's language, such as en, es, fr or pt.`,
    ]);
  });

  it('reports bad URLs (without a request) and videos not found beside the ones found', async () => {
    const found = answer('ZMone', 200, documented);
    const gone = answer('ZMgone', 404, { error: `TikTok video not found for URL: ${short('ZMgone')}` });
    const result = await runBatchStep([short('ZMone'), 'https://example.com/x', short('ZMgone')]);
    expect([found.isDone(), gone.isDone()]).toEqual([true, true]);
    expect(result.succeeded).toBe(1);
    expect(result.failures).toEqual([
      {
        url: 'https://example.com/x',
        message:
          "That is not a link to a TikTok video. Paste the link of one video or photo post, such as https://www.tiktok.com/@user/video/<id> or https://vm.tiktok.com/<code>/, or the post's id.",
      },
      {
        url: short('ZMgone'),
        message:
          'DumplingAI found no TikTok video at this address. Check that the video is public and still online.',
      },
    ]);
  });

  it('reports a URL that DumplingAI could not process with its message, and goes on', async () => {
    answer('ZMbad', 400, { error: 'Invalid TikTok video URL format.' });
    answer('ZMone', 200, documented);
    const result = await runBatchStep([short('ZMbad'), short('ZMone')]);
    expect(result.failures).toEqual([
      {
        url: short('ZMbad'),
        message:
          'DumplingAI could not process what this step sent: Invalid TikTok video URL format. Check the link, username or search words in this step and try again.',
      },
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

  it('takes links pasted one per line in any line ending (a column from a sheet, an old Mac file)', async () => {
    const scopes = ['ZMone', 'ZMtwo', 'ZMthree'].map((code) => answer(code, 200, documented));
    const result = await runBatchStep(`${short('ZMone')}\r${short('ZMtwo')}\r\n${short('ZMthree')}`);
    expect(scopes.map((scope) => scope.isDone())).toEqual([true, true, true]);
    expect(result).toMatchObject({ succeeded: 3, failed: 0 });
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
      .reply(503, { error: 'Rate limit exceeded.' }, { 'Retry-After': '2' });
    const { slept, batchSearch: search } = stepWith();
    const error = await caught(() => search([short('ZMbusy')]));
    expect(busy.isDone()).toBe(true);
    // DumplingAI's Retry-After, before each of the two tries after the first.
    expect(slept).toEqual([2_000, 2_000]);
    expect([error.name, userMessage(error)]).toEqual([
      'ThrottledError',
      'None of the links could be looked up right now (DumplingAI was busy or could not be reached). Nothing was charged; Zapier will retry this step later.',
    ]);
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
    expect(userMessage(error)).toBe(
      'Your DumplingAI account is out of credits. Top up in your DumplingAI dashboard (https://app.dumplingai.com) and replay this task.',
    );
  });

  it('stops and asks to reconnect on 401', async () => {
    answer('ZMone', 401, { error: 'API key is invalid or missing.' });
    const error = await caught(() => runBatchStep([short('ZMone')]));
    expect(error.name).toBe('ExpiredAuthError');
    expect(userMessage(error)).toBe(
      'Your DumplingAI API key is invalid or inactive. Copy a working key from your API Keys page (https://app.dumplingai.com/api-keys) and reconnect.',
    );
  });

  it('after a 403 mid-batch keeps the videos already paid for and reports the rest, asking for nothing again', async () => {
    // One at a time, so the order is known; lookups in flight at a stop: test/lookups/batch.test.ts
    // and, on real sockets, test/faults.
    const fetched = answer('ZMone', 200, documented);
    const broke = answer('ZMtwo', 403, { error: 'Insufficient credits. Please top up your account.' });
    const result = await stepWith(ONE_AT_A_TIME).lookUp(['ZMone', 'ZMtwo', 'ZMthree'].map(short));
    expect([fetched.isDone(), broke.isDone()]).toEqual([true, true]);
    expect(result.videos.map((video) => video.inputUrl)).toEqual([short('ZMone')]);
    expect(result.failures).toEqual([
      {
        url: short('ZMtwo'),
        message:
          'Your DumplingAI account is out of credits. Top up in your DumplingAI dashboard (https://app.dumplingai.com) and replay this task.',
      },
      {
        url: short('ZMthree'),
        message:
          'Your DumplingAI account is out of credits. Top up in your DumplingAI dashboard (https://app.dumplingai.com) and replay this task.',
      },
    ]);
  });

  it('retries a 503 within the step after its Retry-After, and keeps the video when it recovers', async () => {
    const busy = answer(
      'ZMone',
      503,
      { error: 'Rate limit exceeded. Please try again later.' },
      { 'Retry-After': '3' },
    );
    const recovered = answer('ZMone', 200, documented);
    const { slept, lookUp } = stepWith();
    const result = await lookUp([short('ZMone')]);
    expect([busy.isDone(), recovered.isDone()]).toEqual([true, true]);
    expect(slept).toEqual([3_000]);
    expect(result).toMatchObject({ succeeded: 1, failed: 0 });
  });

  it('retries a 429 without Retry-After after its own backoff of 1 second', async () => {
    const busy = answer('ZMone', 429, { error: 'Too many requests' });
    const recovered = answer('ZMone', 200, documented);
    const { slept, lookUp } = stepWith();
    const result = await lookUp([short('ZMone')]);
    expect([busy.isDone(), recovered.isDone()]).toEqual([true, true]);
    expect(slept).toEqual([1_000]);
    expect(result.succeeded).toBe(1);
  });

  it('asks once for a link answered 200 whose body arrives damaged, and says running it again costs a lookup', async () => {
    const damaged = nock(API)
      .post(VIDEO_PATH, { url: short('ZMbroken'), requestSource: 'ZAPIER' })
      .reply(200, Buffer.from('this is not gzip'), {
        'Content-Type': 'application/json',
        'Content-Encoding': 'gzip',
      });
    const fine = answer('ZMone', 200, documented);
    const result = await runBatchStep([short('ZMbroken'), short('ZMone')]);
    expect([damaged.isDone(), fine.isDone()]).toEqual([true, true]);
    expect(result.failures).toEqual([
      {
        url: short('ZMbroken'),
        message:
          'DumplingAI answered, but its answer was cut off or damaged on the way and could not be read. Running this URL again costs one more lookup.',
      },
    ]);
  });

  it('halts, never asking Zapier to retry, when the only link was answered but unreadable (a retry would pay again)', async () => {
    const damaged = nock(API)
      .post(VIDEO_PATH)
      .reply(200, Buffer.from('this is not gzip'), { 'Content-Encoding': 'gzip' });
    const error = await caught(() => batchSearch([short('ZMbroken')]));
    expect(damaged.isDone()).toBe(true);
    expect([error.name, userMessage(error)]).toEqual([
      'HaltedError',
      'The link could not be looked up: it failed at DumplingAI. Check it and run this step again.',
    ]);
  });

  it('asks for no more than X-RateLimit-Remaining allows, and reports the rest as held back', async () => {
    const allowed = [
      answer('ZMone', 200, documented, { 'X-RateLimit-Remaining': '1' }),
      answer('ZMtwo', 200, { ...documented, id: '7321234567890000002' }, { 'X-RateLimit-Remaining': '0' }),
    ];
    const result = await stepWith(ONE_AT_A_TIME).lookUp(['ZMone', 'ZMtwo', 'ZMthree', 'ZMfour'].map(short));
    expect(allowed.map((scope) => scope.isDone())).toEqual([true, true]);
    expect(result.succeeded).toBe(2);
    expect(result.failures).toEqual([
      {
        url: short('ZMthree'),
        message:
          "Not looked up: DumplingAI's rate limit for your account allowed no more lookups in this step. Nothing was charged; run this URL again later.",
      },
      {
        url: short('ZMfour'),
        message:
          "Not looked up: DumplingAI's rate limit for your account allowed no more lookups in this step. Nothing was charged; run this URL again later.",
      },
    ]);
  });
});

describe('one lookup inside the batch', () => {
  it('reports a lookup whose answer never came as one to try again: nothing was charged', async () => {
    // No headers come: nothing was answered, so nothing was charged and a later try may do.
    nock(API)
      .post(VIDEO_PATH)
      .reply(() => new Promise<[number]>(() => undefined));
    const outcome = await run((z) => lookUpWith(z, API_KEY, LIMITS, 'en')(short('ZMslow'), 50), bundleFor());
    expect(outcome).toEqual({
      kind: 'retry',
      message:
        "DumplingAI sent no answer within 1 second, so the lookup was stopped before Zapier's time limit; with no answer, nothing was charged. Run this URL again later.",
    });
  });

  it('reports a 200 whose body stops arriving as answered, never to be asked again (that pays again)', async () => {
    nock(API).post(VIDEO_PATH).delay(500).reply(200, documented);
    const outcome = await run((z) => lookUpWith(z, API_KEY, LIMITS, 'en')(short('ZMslow'), 50), bundleFor());
    expect(outcome).toEqual({
      kind: 'failed',
      message:
        "DumplingAI answered, but its answer stopped arriving, so it was given up before Zapier's time limit. Running this URL again costs one more lookup.",
    });
  });

  it('hands the batch the room X-RateLimit-Remaining left', async () => {
    const scope = nock(API).post(VIDEO_PATH).reply(200, documented, { 'X-RateLimit-Remaining': '7' });
    const outcome = await run((z) => lookUpWith(z, API_KEY, LIMITS, 'en')(short('ZMone'), 1000), bundleFor());
    expect(scope.isDone()).toBe(true);
    expect(outcome).toMatchObject({ kind: 'found', rateLimitRemaining: 7 });
  });

  it('hands the batch the room left with a video not found too', async () => {
    const scope = nock(API).post(VIDEO_PATH).reply(404, {}, { 'X-RateLimit-Remaining': '3' });
    const outcome = await run(
      (z) => lookUpWith(z, API_KEY, LIMITS, 'en')(short('ZMgone'), 1000),
      bundleFor(),
    );
    expect(scope.isDone()).toBe(true);
    expect(outcome).toEqual({ kind: 'notFound', rateLimitRemaining: 3 });
  });

  it.each([
    [
      'a refusal (429, 503) with Retry-After',
      Object.assign(new Error('{"message":"busy","delay":30}'), { name: 'ThrottledError' }),
      { kind: 'refused', message: 'busy', retryAfterMs: 30_000 },
    ],
    [
      'a refusal without Retry-After',
      Object.assign(new Error('{"message":"busy"}'), { name: 'ThrottledError' }),
      { kind: 'refused', message: 'busy' },
    ],
    [
      'a network failure',
      Object.assign(new Error('{"message":"cut","code":"unreachable","status":503}'), { name: 'AppError' }),
      { kind: 'retry', message: 'cut' },
    ],
    [
      'an answer that could not be read (paid for: never asked again)',
      Object.assign(new Error('{"message":"unread","code":"answered_unreadable","status":200}'), {
        name: 'AppError',
      }),
      { kind: 'failed', message: 'unread' },
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
          'en',
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
