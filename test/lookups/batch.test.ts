import {
  MAX_BATCH_URLS,
  planBatch,
  runBatch,
  verdictOf,
  type FailureReason,
  type LookUp,
} from '../../src/lookups/batch';
import { DEFAULT_PACE, type LookupOutcome as Outcome, type PacedLimits } from '../../src/lookups/paced';
import { flattenVideo } from '../../src/zapier/flatten';
import type { TikTokVideoOutput } from '../../src/zapier/media';
import { fakeClock } from '../fakeClock';

// What each URL's line says, written out as the user reads it.
const NOT_A_URL =
  "That is not a web address. Paste the link of one video or photo post, such as https://www.tiktok.com/@user/video/<id> or https://vm.tiktok.com/<code>/, or the post's id.";
const NOT_TIKTOK =
  "That is not a link to a TikTok video. Paste the link of one video or photo post, such as https://www.tiktok.com/@user/video/<id> or https://vm.tiktok.com/<code>/, or the post's id.";
const NOT_FOUND =
  'DumplingAI found no TikTok video at this address. Check that the video is public and still online.';
const OUT_OF_TIME =
  'Not looked up: the step ran out of time (Zapier allows 30 seconds per step). Run this URL again in another step.';
const HELD_BACK =
  "Not looked up: DumplingAI's rate limit for your account allowed no more lookups in this step. Nothing was charged; run this URL again later.";

const videoUrl = (n: number) =>
  `https://www.tiktok.com/@user/video/73000000000000000${String(n).padStart(2, '0')}`;
const links = (count: number) => Array.from({ length: count }, (_, n) => videoUrl(n));
const numberOf = (url: string) => Number(url.slice(-2));
const videoFor = (url: string): TikTokVideoOutput => ({
  ...flattenVideo({ id: url.split('/').pop(), author: { uniqueId: 'user' } }),
  videoFile: null,
  coverFile: null,
  musicFile: null,
  images: [],
  transcript: null,
});
type LookupOutcome = Outcome<TikTokVideoOutput>;
const video = (url: string, rateLimitRemaining?: number): LookupOutcome => ({
  kind: 'found',
  value: videoFor(url),
  rateLimitRemaining,
});
const found: LookUp = (url) => Promise.resolve(video(url));

interface Start {
  n: number;
  at: number;
  inFlight: number;
  timeoutMs: number;
}

/**
 * DumplingAI on a fake clock: each lookup takes `ms` of simulated time, then gives `outcome`.
 * Records when each lookup started, with how many were then in flight and the time it was given.
 */
const upstream = (behave: (url: string, inFlight: number) => { ms: number; outcome: LookupOutcome }) => {
  const { clock, run, takes } = fakeClock();
  const starts: Start[] = [];
  let inFlight = 0;
  const lookUp: LookUp = async (url, timeoutMs) => {
    inFlight += 1;
    starts.push({ n: numberOf(url), at: clock.now(), inFlight, timeoutMs });
    const { ms, outcome } = behave(url, inFlight);
    await takes(Math.min(ms, timeoutMs));
    inFlight -= 1;
    return outcome;
  };
  const batch = (urls: unknown[], limits: Readonly<PacedLimits> = DEFAULT_PACE) =>
    run(() => runBatch(urls, lookUp, limits, clock));
  /** How many lookups started at each moment, in order. */
  const rounds = () => {
    const counts = new Map<number, number>();
    for (const start of starts) counts.set(start.at, (counts.get(start.at) ?? 0) + 1);
    return [...counts];
  };
  return { clock, starts, batch, rounds, most: () => Math.max(...starts.map((start) => start.inFlight)) };
};

const after = (ms: number, outcome: LookupOutcome) => ({ ms, outcome });

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
      { url: 'not a link', message: NOT_A_URL, reason: 'invalid' },
      { url: 'https://www.youtube.com/watch?v=1', message: NOT_TIKTOK, reason: 'invalid' },
    ]);
  });

  it('looks up at most 25 different URLs and reports the rest', () => {
    const plan = planBatch(links(27));
    expect(plan.lookups.map((lookup) => numberOf(lookup.inputUrl))).toEqual(
      Array.from({ length: 25 }, (_, n) => n),
    );
    const tooMany =
      'Not looked up: one batch takes up to 25 different URLs. Look this one up in another step.';
    expect(plan.failures).toEqual([
      { url: videoUrl(25), message: tooMany, reason: 'tooMany' },
      { url: videoUrl(26), message: tooMany, reason: 'tooMany' },
    ]);
    expect(MAX_BATCH_URLS).toBe(25);
  });
});

describe('runBatch', () => {
  it('returns every video, in input order, with the URL it came from', async () => {
    const urls = links(4);
    const { batch } = upstream((url) => after(url === videoUrl(0) ? 2_000 : 1_000, video(url)));
    const result = await batch(urls);
    expect(result.videos.map((item) => item.inputUrl)).toEqual(urls);
    expect(result.videos[0]?.id).toBe('7300000000000000000');
    expect(result).toMatchObject({ failures: [], succeeded: 4, failed: 0 });
  });

  it('reports bad URLs and videos not found next to the ones found', async () => {
    const { batch } = upstream((url) =>
      after(1_000, url === videoUrl(2) ? { kind: 'notFound' } : video(url)),
    );
    const result = await batch([videoUrl(1), 'nope', videoUrl(2)]);
    expect(result.videos.map((item) => item.inputUrl)).toEqual([videoUrl(1)]);
    expect(result.failures).toEqual([
      { url: 'nope', message: NOT_A_URL, reason: 'invalid' },
      { url: videoUrl(2), message: NOT_FOUND, reason: 'notFound' },
    ]);
    expect(result).toMatchObject({ succeeded: 1, failed: 2 });
  });

  it('passes on the message of a failed lookup, and never asks for it again (it may have been paid for)', async () => {
    const unreadable = 'DumplingAI answered, but its answer could not be read.';
    const { batch, starts } = upstream(() => after(1_000, { kind: 'failed', message: unreadable }));
    const result = await batch([videoUrl(1), videoUrl(2)]);
    expect(starts.map((start) => start.n)).toEqual([1, 2]);
    expect(result.failures).toEqual([
      { url: videoUrl(1), message: unreadable, reason: 'failed' },
      { url: videoUrl(2), message: unreadable, reason: 'failed' },
    ]);
  });

  it('looks up a repeated URL once', async () => {
    const lookUp = jest.fn(found);
    const result = await runBatch(
      [videoUrl(1), videoUrl(1), ` ${videoUrl(1)} `],
      lookUp,
      DEFAULT_PACE,
      fakeClock().clock,
    );
    expect(lookUp).toHaveBeenCalledTimes(1);
    expect(result.succeeded).toBe(1);
  });

  describe('how many at once', () => {
    it.each([
      [1_000, 4_000],
      [2_000, 8_000],
      [3_000, 12_000],
      [5_000, 20_000],
    ])(
      'fetches 25 links at %i ms a lookup, all of them, by %i ms: 3, then 6, then 8 and 8 at once',
      async (ms, endsAt) => {
        const { batch, clock, rounds, most } = upstream((url) => after(ms, video(url)));
        const result = await batch(links(25));
        expect(result).toMatchObject({ succeeded: 25, failed: 0 });
        expect(clock.now()).toBe(endsAt);
        expect(rounds()).toEqual([
          [0, 3],
          [ms, 6],
          [2 * ms, 8],
          [3 * ms, 8],
        ]);
        expect(most()).toBe(8);
      },
    );

    it('grows on answers that found no video as on videos: each is DumplingAI keeping up', async () => {
      const { batch, rounds } = upstream(() => after(1_000, { kind: 'notFound' }));
      const result = await batch(links(25));
      expect(result.failed).toBe(25);
      expect(rounds()).toEqual([
        [0, 3],
        [1_000, 6],
        [2_000, 8],
        [3_000, 8],
      ]);
    });

    it('heeds the room X-RateLimit-Remaining leaves, also when said with an answer that found no video', async () => {
      const { batch, starts } = upstream(() => after(1_000, { kind: 'notFound', rateLimitRemaining: 0 }));
      const result = await batch(links(5));
      // The first three were already in flight; after they said none are left, nothing starts.
      expect(starts).toHaveLength(3);
      expect(result.failures.slice(3).map((failure) => failure.message)).toEqual([HELD_BACK, HELD_BACK]);
    });

    it('starts nothing that cannot end before the budget does, and reports those links to run again', async () => {
      const { batch, clock, rounds } = upstream((url) => after(7_000, video(url)));
      const result = await batch(links(25));
      // 21 s in, 4 s are left: too little for a 7-second lookup.
      expect(rounds()).toEqual([
        [0, 3],
        [7_000, 6],
        [14_000, 8],
      ]);
      expect(clock.now()).toBe(21_000);
      expect(result.succeeded).toBe(17);
      expect(result.failures).toEqual(
        links(25)
          .slice(17)
          .map((url) => ({ url, message: OUT_OF_TIME, reason: 'retry' })),
      );
    });

    it('starts what can still end in time: the lookup is given exactly the time that is left', async () => {
      const { batch, starts } = upstream((url) => after(6_000, video(url)));
      const result = await batch(links(25));
      expect(result.succeeded).toBe(25);
      expect(starts.map((start) => [start.at, start.timeoutMs]).slice(-1)).toEqual([[18_000, 7_000]]);
    });

    it('takes the first answer to be as long as 5 seconds, so a slow start still ends in time', async () => {
      const { batch, rounds } = upstream((url) => after(21_000, video(url)));
      const result = await batch(links(4));
      expect(rounds()).toEqual([[0, 3]]);
      expect(result.succeeded).toBe(3);
      expect(result.failures).toEqual([{ url: videoUrl(3), message: OUT_OF_TIME, reason: 'retry' }]);
    });

    it('against a DumplingAI that refuses more than 4 at once: every link fetched or reported, and a handful refused', async () => {
      const busy = {
        kind: 'refused',
        message: 'DumplingAI is busy.',
        retryAfterMs: 1_000,
      } as const;
      const { batch, starts, clock } = upstream((url, inFlight) =>
        inFlight > 4 ? after(0, busy) : after(1_000, video(url)),
      );
      const result = await batch(links(25));
      expect(result).toMatchObject({ succeeded: 25, failed: 0 });
      // Three in the first climb (sent before the first refusal came back), then one now and then.
      expect(starts.filter((start) => start.inFlight > 4).map((start) => [start.n, start.at])).toEqual([
        [6, 1_000],
        [7, 1_000],
        [8, 1_000],
        [14, 3_000],
        [22, 5_000],
      ]);
      expect(starts).toHaveLength(30);
      // 4 at once, 1 s each, would take 6.25 s.
      expect(clock.now()).toBe(7_000);
    });
  });

  describe('refusals (429, 503)', () => {
    const busy = (retryAfterMs?: number): LookupOutcome => ({
      kind: 'refused',
      message: 'DumplingAI is busy.',
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });

    it('starts nothing until Retry-After has passed, then tries the refused link first', async () => {
      let refusedOnce = false;
      const { batch, starts } = upstream((url) => {
        if (url !== videoUrl(1) || refusedOnce) return after(1_000, video(url));
        refusedOnce = true;
        return after(500, busy(3_000));
      });
      const result = await batch(links(6));
      expect(result.succeeded).toBe(6);
      // Refused at 0.5 s, for 3 s: 0 and 2 end at 1 s, and nothing starts before 3.5 s.
      expect(starts.map((start) => [start.n, start.at])).toEqual([
        [0, 0],
        [1, 0],
        [2, 0],
        [1, 3_500],
        [3, 3_500],
        [4, 3_500],
        [5, 4_500],
      ]);
    });

    it('without Retry-After, waits 1 s, then 2 s, and reports the link after 3 tries', async () => {
      const { batch, starts } = upstream(() => after(0, busy()));
      const result = await batch([videoUrl(1)]);
      expect(starts.map((start) => start.at)).toEqual([0, 1_000, 3_000]);
      expect(result.failures).toEqual([
        { url: videoUrl(1), message: 'DumplingAI is busy. (Tried 3 times.)', reason: 'retry' },
      ]);
    });

    it('reports at once a link refused for longer than the step has left, and starts no other', async () => {
      const { batch, starts, clock } = upstream((url) =>
        url === videoUrl(1) ? after(100, busy(60_000)) : after(2_000, video(url)),
      );
      const result = await batch(links(5));
      expect(starts.map((start) => start.n)).toEqual([0, 1, 2]);
      // It ends when the lookups in flight do, rather than wait out a refusal that outlasts the step.
      expect(clock.now()).toBe(2_000);
      expect(result.videos.map((item) => item.inputUrl)).toEqual([videoUrl(0), videoUrl(2)]);
      expect(result.failures).toEqual([
        { url: videoUrl(1), message: 'DumplingAI is busy. (Tried 1 time.)', reason: 'retry' },
        { url: videoUrl(3), message: HELD_BACK, reason: 'retry' },
        { url: videoUrl(4), message: HELD_BACK, reason: 'retry' },
      ]);
    });
  });

  describe('X-RateLimit-Remaining', () => {
    it('never asks for more than DumplingAI says are left, and reports the rest as held back', async () => {
      let asked = 0;
      const { batch, starts } = upstream((url) => {
        asked += 1;
        return after(1_000, video(url, Math.max(0, 6 - asked)));
      });
      const result = await batch(links(10));
      expect(starts).toHaveLength(6);
      expect(result.succeeded).toBe(6);
      expect(result.failures).toEqual(
        links(10)
          .slice(6)
          .map((url) => ({ url, message: HELD_BACK, reason: 'retry' })),
      );
    });
  });

  describe('failed connections', () => {
    it('retries with backoff (1 s, 2 s) and keeps the video when it recovers', async () => {
      let tries = 0;
      const { batch, starts } = upstream((url) =>
        (tries += 1) < 3 ? after(10, { kind: 'retry', message: 'Cut off.' }) : after(1_000, video(url)),
      );
      const result = await batch([videoUrl(1)]);
      expect(starts.map((start) => start.at)).toEqual([0, 1_010, 3_020]);
      expect(result.succeeded).toBe(1);
    });

    it('gives up after 3 tries, with the last message and the number of tries', async () => {
      const { batch, starts } = upstream(() => after(10, { kind: 'retry', message: 'Cut off.' }));
      const result = await batch([videoUrl(1), videoUrl(2)]);
      expect(starts).toHaveLength(6);
      expect(result.failures).toEqual([
        { url: videoUrl(1), message: 'Cut off. (Tried 3 times.)', reason: 'retry' },
        { url: videoUrl(2), message: 'Cut off. (Tried 3 times.)', reason: 'retry' },
      ]);
    });

    it('waits for a retry that leaves just the time a lookup is taken to need (5 s before any answer)', async () => {
      const { batch, starts } = upstream((url) =>
        starts.length === 1
          ? after(19_000, { kind: 'retry', message: 'Cut off.' })
          : after(4_000, video(url)),
      );
      const result = await batch([videoUrl(1)]);
      // 6 s left, less the 1 s backoff: the 5 s a lookup is taken to need.
      expect(starts.map((start) => [start.at, start.timeoutMs])).toEqual([
        [0, 25_000],
        [20_000, 5_000],
      ]);
      expect(result.succeeded).toBe(1);
    });

    it('does not wait for a retry that would leave too little time for the lookup', async () => {
      const { batch, starts } = upstream(() => after(19_500, { kind: 'retry', message: 'Cut off.' }));
      const result = await batch([videoUrl(1)]);
      // 5.5 s left, less the 1 s backoff, is less than the 5 s a lookup is taken to need.
      expect(starts).toHaveLength(1);
      expect(result.failures).toEqual([
        { url: videoUrl(1), message: 'Cut off. (Tried 1 time.)', reason: 'retry' },
      ]);
    });

    it('reports a link still waiting for its retry when time runs out, with its tries', async () => {
      const { batch, starts } = upstream((url) =>
        url === videoUrl(0) ? after(10, { kind: 'retry', message: 'Cut off.' }) : after(20_000, video(url)),
      );
      const result = await batch(links(3), { ...DEFAULT_PACE, startInFlight: 2, maxInFlight: 2 });
      // 0 may go again from 1 s, but both places are taken until 20 s, when 5 s are left: too
      // little for a lookup that took 20 s.
      expect(starts.map((start) => [start.n, start.at])).toEqual([
        [0, 0],
        [1, 0],
        [2, 10],
      ]);
      expect(result.succeeded).toBe(2);
      expect(result.failures).toEqual([
        { url: videoUrl(0), message: 'Cut off. (Tried 1 time.)', reason: 'retry' },
      ]);
    });
  });

  it('never tries again a lookup that failed otherwise (asking again could pay again)', async () => {
    const { batch, starts } = upstream(() => after(1_000, { kind: 'failed', message: 'Unreadable.' }));
    const result = await batch([videoUrl(1)]);
    expect(starts).toHaveLength(1);
    expect(result.failures).toEqual([{ url: videoUrl(1), message: 'Unreadable.', reason: 'failed' }]);
  });

  describe('a stop (401, 403)', () => {
    const outOfCredits = new Error('{"message":"Out of credits.","code":"out_of_credits","status":403}');
    const stop = { kind: 'stop', error: outOfCredits, message: 'Out of credits.' } as const;

    it('starts no lookup after it, keeps what was fetched, also what was in flight, and reports the rest', async () => {
      const { batch, starts } = upstream((url) => {
        if (url === videoUrl(2)) return after(1_000, stop);
        return after(url === videoUrl(0) ? 2_000 : 3_000, video(url));
      });
      const result = await batch(links(10));
      expect(starts.map((start) => start.n)).toEqual([0, 1, 2]);
      expect(result.videos.map((item) => item.inputUrl)).toEqual([videoUrl(0), videoUrl(1)]);
      expect(result.failures).toEqual(
        [2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({
          url: videoUrl(n),
          message: 'Out of credits.',
          reason: 'failed',
        })),
      );
      expect(result).toMatchObject({ succeeded: 2, failed: 8 });
    });

    it('ends when the lookups in flight do, not waiting for a retry it will never start', async () => {
      const { batch, clock } = upstream((url) => {
        // Link 0 is to be tried again at 1.01 s; the stop comes at 0.5 s, link 2 at 0.7 s.
        if (url === videoUrl(0)) return after(10, { kind: 'retry', message: 'Cut off.' });
        return url === videoUrl(1) ? after(500, stop) : after(700, video(url));
      });
      const result = await batch(links(3));
      expect(result.succeeded).toBe(1);
      expect(clock.now()).toBe(700);
    });

    it('reports a link waiting for a retry with the stop’s message: running it again needs the account fixed', async () => {
      const { batch } = upstream((url) => {
        if (url === videoUrl(0)) return after(10, { kind: 'retry', message: 'Cut off.' });
        return url === videoUrl(1) ? after(500, stop) : after(2_000, video(url));
      });
      const result = await batch(links(3));
      expect(result.failures).toEqual([
        { url: videoUrl(0), message: 'Out of credits.', reason: 'failed' },
        { url: videoUrl(1), message: 'Out of credits.', reason: 'failed' },
      ]);
    });

    it('is thrown when nothing was fetched', async () => {
      const lookUp: LookUp = () => Promise.resolve(stop);
      await expect(
        runBatch([videoUrl(1), videoUrl(2)], lookUp, DEFAULT_PACE, fakeClock().clock),
      ).rejects.toBe(outOfCredits);
    });
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
