import {
  DEFAULT_LIMITS,
  MAX_BATCH_URLS,
  planBatch,
  runBatch,
  verdictOf,
  type BatchLimits,
  type FailureReason,
  type LookUp,
  batchMessages,
} from '../../src/searches/batch';
import { flattenVideo } from '../../src/zapier/flatten';
import { urlMessages } from '../../src/tiktok/linkMessages';
import { type TikTokVideoOutput } from '../../src/searches/lookUpVideo';

const videoUrl = (n: number) =>
  `https://www.tiktok.com/@user/video/73000000000000000${String(n).padStart(2, '0')}`;
const videoFor = (url: string): TikTokVideoOutput => ({
  ...flattenVideo({ id: url.split('/').pop(), author: { uniqueId: 'user' } }),
  videoFile: null,
  coverFile: null,
  musicFile: null,
  images: [],
});
const found: LookUp = (url) => Promise.resolve({ kind: 'video', video: videoFor(url) });
const fast: BatchLimits = { concurrency: 3, budgetMs: 10_000, minLookupMs: 100, maxTries: 3, backoffMs: 5 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('planBatch', () => {
  it('reports invalid URLs without a lookup, ignores empty rows, and looks each video up once', () => {
    const plan = planBatch([
      videoUrl(1),
      '',
      '  ',
      'not a link',
      `${videoUrl(1)}?lang=en`,
      'https://www.youtube.com/watch?v=1',
      videoUrl(2),
      42,
    ]);
    expect(plan.lookups).toEqual([
      { inputUrl: videoUrl(1), apiUrl: videoUrl(1) },
      { inputUrl: videoUrl(2), apiUrl: videoUrl(2) },
    ]);
    expect(plan.failures).toEqual([
      { url: 'not a link', message: urlMessages.notAUrl, reason: 'invalid' },
      { url: 'https://www.youtube.com/watch?v=1', message: urlMessages.notTikTokVideo, reason: 'invalid' },
    ]);
  });

  it(`looks up at most ${MAX_BATCH_URLS} different URLs and reports the rest`, () => {
    const urls = Array.from({ length: MAX_BATCH_URLS + 2 }, (_, n) => videoUrl(n));
    const plan = planBatch(urls);
    expect(plan.lookups).toHaveLength(MAX_BATCH_URLS);
    expect(plan.failures).toEqual([
      { url: videoUrl(MAX_BATCH_URLS), message: batchMessages.tooMany(MAX_BATCH_URLS), reason: 'tooMany' },
      {
        url: videoUrl(MAX_BATCH_URLS + 1),
        message: batchMessages.tooMany(MAX_BATCH_URLS),
        reason: 'tooMany',
      },
    ]);
  });
});

describe('runBatch', () => {
  it('returns every video, in input order, with the URL it came from', async () => {
    const urls = [videoUrl(1), videoUrl(2), videoUrl(3), videoUrl(4)];
    const slowFirst: LookUp = async (url) => {
      await sleep(url === videoUrl(1) ? 20 : 1);
      return found(url, 1000);
    };
    const result = await runBatch(urls, slowFirst, fast);
    expect(result.videos.map((video) => video.inputUrl)).toEqual(urls);
    expect(result.videos[0]?.id).toBe('7300000000000000001');
    expect(result).toMatchObject({ failures: [], succeeded: 4, failed: 0 });
  });

  it('reports bad URLs and videos not found next to the ones found', async () => {
    const lookUp: LookUp = (url) =>
      url === videoUrl(2) ? Promise.resolve({ kind: 'notFound' }) : found(url, 1000);
    const result = await runBatch([videoUrl(1), 'nope', videoUrl(2)], lookUp, fast);
    expect(result.videos.map((video) => video.inputUrl)).toEqual([videoUrl(1)]);
    expect(result.failures).toEqual([
      { url: 'nope', message: urlMessages.notAUrl, reason: 'invalid' },
      { url: videoUrl(2), message: batchMessages.notFound, reason: 'notFound' },
    ]);
    expect(result).toMatchObject({ succeeded: 1, failed: 2 });
  });

  it('passes on the message of a failed lookup', async () => {
    const lookUp: LookUp = () =>
      Promise.resolve({ kind: 'failed', message: 'DumplingAI had a problem on its side.' });
    const result = await runBatch([videoUrl(1)], lookUp, fast);
    expect(result.failures).toEqual([
      { url: videoUrl(1), message: 'DumplingAI had a problem on its side.', reason: 'failed' },
    ]);
  });

  it('looks up a repeated URL once', async () => {
    const lookUp = jest.fn(found);
    const result = await runBatch([videoUrl(1), videoUrl(1), ` ${videoUrl(1)} `], lookUp, fast);
    expect(lookUp).toHaveBeenCalledTimes(1);
    expect(result.succeeded).toBe(1);
  });

  it(`never has more than ${DEFAULT_LIMITS.concurrency} lookups in flight, and does use that many`, async () => {
    let inFlight = 0;
    let most = 0;
    const lookUp: LookUp = async (url) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await sleep(10);
      inFlight -= 1;
      return found(url, 1000);
    };
    const urls = Array.from({ length: 12 }, (_, n) => videoUrl(n));
    const result = await runBatch(urls, lookUp, { ...fast, concurrency: DEFAULT_LIMITS.concurrency });
    expect(result.succeeded).toBe(12);
    expect(most).toBe(DEFAULT_LIMITS.concurrency);
  });

  const outOfCredits = new Error('{"message":"Out of credits.","code":"out_of_credits","status":403}');
  const stopOutcome = { kind: 'stop', error: outOfCredits, message: 'Out of credits.' } as const;

  it('after a stop (403) starts no lookup, keeps what was fetched, and reports the rest with its message', async () => {
    const started: string[] = [];
    const lookUp: LookUp = async (url) => {
      started.push(url);
      await sleep(5);
      return url === videoUrl(2) ? stopOutcome : found(url, 1000);
    };
    const urls = Array.from({ length: 10 }, (_, n) => videoUrl(n));
    const result = await runBatch(urls, lookUp, fast);
    // 0, 1 and 2 run together; 3 and 4 start as 0 and 1 finish, before 2 says stop.
    expect(started).toEqual([videoUrl(0), videoUrl(1), videoUrl(2), videoUrl(3), videoUrl(4)]);
    expect(result.videos.map((video) => video.inputUrl)).toEqual([
      videoUrl(0),
      videoUrl(1),
      videoUrl(3),
      videoUrl(4),
    ]);
    expect(result.failures).toEqual(
      [2, 5, 6, 7, 8, 9].map((n) => ({ url: videoUrl(n), message: 'Out of credits.', reason: 'failed' })),
    );
    expect(result).toMatchObject({ succeeded: 4, failed: 6 });
  });

  it('throws the stop when nothing was fetched', async () => {
    const lookUp: LookUp = () => Promise.resolve(stopOutcome);
    await expect(runBatch([videoUrl(1), videoUrl(2)], lookUp, fast)).rejects.toBe(outOfCredits);
  });

  it('retries a rate-limited URL with backoff and keeps the video when it recovers', async () => {
    const lookUp = jest
      .fn<ReturnType<LookUp>, Parameters<LookUp>>()
      .mockResolvedValueOnce({ kind: 'retry', message: 'Busy.' })
      .mockImplementation(found);
    const started = Date.now();
    const result = await runBatch([videoUrl(1)], lookUp, { ...fast, backoffMs: 30 });
    expect(lookUp).toHaveBeenCalledTimes(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(result.succeeded).toBe(1);
  });

  it('gives up on a URL that keeps failing in a way a retry may fix, and reports its last message', async () => {
    const lookUp = jest.fn<ReturnType<LookUp>, Parameters<LookUp>>(() =>
      Promise.resolve({ kind: 'retry', message: 'Busy.' }),
    );
    const result = await runBatch([videoUrl(1), videoUrl(2)], lookUp, { ...fast, concurrency: 1 });
    expect(lookUp).toHaveBeenCalledTimes(2 * fast.maxTries);
    expect(result.failures).toEqual([
      { url: videoUrl(1), message: 'Busy. (Tried 3 times.)', reason: 'retry' },
      { url: videoUrl(2), message: 'Busy. (Tried 3 times.)', reason: 'retry' },
    ]);
  });

  it('does not wait for a retry that would leave too little time for the lookup', async () => {
    const lookUp = jest.fn<ReturnType<LookUp>, Parameters<LookUp>>(() =>
      Promise.resolve({ kind: 'retry', message: 'Busy.' }),
    );
    const tight = { concurrency: 1, budgetMs: 1000, minLookupMs: 900, maxTries: 3, backoffMs: 200 };
    const result = await runBatch([videoUrl(1)], lookUp, tight, () => 0);
    expect(lookUp).toHaveBeenCalledTimes(1);
    expect(result.failures).toEqual([
      { url: videoUrl(1), message: 'Busy. (Tried 1 time.)', reason: 'retry' },
    ]);
  });

  it('keeps to its time budget: what was fetched is returned, the rest is reported to run again', async () => {
    // A fake clock: each lookup "takes" 10 s, or as long as it was allowed when that is less.
    let clock = 0;
    const allowed: number[] = [];
    const slow: LookUp = (url, timeoutMs) => {
      allowed.push(timeoutMs);
      clock += Math.min(10_000, timeoutMs);
      return timeoutMs < 10_000
        ? Promise.resolve({ kind: 'failed', message: 'Too slow.', retryable: true })
        : found(url, timeoutMs);
    };
    const urls = [videoUrl(1), videoUrl(2), videoUrl(3), videoUrl(4)];
    const result = await runBatch(urls, slow, { ...DEFAULT_LIMITS, concurrency: 1 }, () => clock);

    expect(result.videos.map((video) => video.inputUrl)).toEqual([videoUrl(1), videoUrl(2)]);
    expect(result.failures).toEqual([
      { url: videoUrl(3), message: 'Too slow.', reason: 'retry' },
      { url: videoUrl(4), message: batchMessages.outOfTime, reason: 'retry' },
    ]);
    // No lookup was allowed past the budget, and none started with less than the minimum left.
    expect(allowed).toEqual([25_000, 15_000, 5_000]);
    expect(clock).toBeLessThanOrEqual(DEFAULT_LIMITS.budgetMs);
  });
});

describe('verdictOf', () => {
  const failure = (reason: FailureReason) => ({ url: 'u', message: 'm', reason });
  const result = (videos: number, reasons: FailureReason[]) => ({
    videos: Array.from({ length: videos }, (_, n) => ({ ...videoFor(videoUrl(n)), inputUrl: videoUrl(n) })),
    failures: reasons.map(failure),
    succeeded: videos,
    failed: reasons.length,
  });

  it.each([
    ['one video among failures', result(1, ['invalid', 'retry']), { kind: 'found' }],
    ['no links at all', result(0, []), { kind: 'nothingFound' }],
    ['only videos not found', result(0, ['notFound', 'notFound']), { kind: 'nothingFound' }],
    ['only failures a later try may fix', result(0, ['retry', 'retry']), { kind: 'retryLater' }],
    [
      'mixed failures',
      result(0, ['invalid', 'notFound', 'retry', 'failed', 'tooMany', 'invalid']),
      {
        kind: 'noneLookedUp',
        message:
          'None of the 6 links could be looked up: 2 are not links to TikTok videos, 1 was not found, 1 met a busy or unreachable DumplingAI, 1 failed at DumplingAI, 1 was over the 25-link limit. Check the links and run this step again.',
      },
    ],
    [
      'one bad link',
      result(0, ['invalid']),
      {
        kind: 'noneLookedUp',
        message:
          'The link could not be looked up: it is not a link to a TikTok video. Check it and run this step again.',
      },
    ],
  ])('with %s: %j', (_case, batch, verdict) => {
    expect(verdictOf(batch)).toEqual(verdict);
  });
});
