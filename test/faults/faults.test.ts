import type { Bundle } from 'zapier-platform-core';

import documented from '../fixtures/documented-example.json';
import { bundleFor, run, userMessage, type BatchOutput } from '../helpers';
import { testKey } from '../../src/dumplingai/connection';
import { withPlainErrors } from '../../src/dumplingai/errors';
import { findVideo } from '../../src/searches/getTikTokVideo';
import { findVideos } from '../../src/searches/getTikTokVideos';
import { findProfile } from '../../src/searches/getTikTokProfile';
import { pollCreators, TRIGGER_SETUP } from '../../src/triggers/newVideoByCreator';
import { httpAnswer, reply, startRawServer, type Behaviour, type RawServer } from './rawServer';
import { DEFAULT_PACE } from '../../src/lookups/paced';
import { DEFAULT_SETUP } from '../../src/lookups/setup';
import { fetchMedia } from '../../src/hydrators/downloadMedia';
import type { Limits } from '../../src/dumplingai/limits';

// The app against real sockets on 127.0.0.1 that misbehave: each case checks the class and the
// words of what the user gets, that the key shows up nowhere (message, output, logs), and that it
// ended by itself. Deadlines are cut to DEADLINE_MS where a case is about a deadline, so none waits
// for long; every other case has deadlines no busy machine runs into, so a slow run never changes
// what it sees. Order is asserted by events (what the server was asked, when a socket closed),
// never by delays; the only time bounds are generous ones, far below Zapier's 30 s.

const KEY = 'sk_test_FAULTKEY_0123456789abcdef';
const DEADLINE_MS = 400;
const VIDEO = 'https://www.tiktok.com/@user/video/7321234567890123456';
const JSON_TYPE = { 'Content-Type': 'application/json' };
const MAX_CASE_MS = 10_000;
// A case that ran into a roomy deadline fails on its message, well before jest would stop it.
jest.setTimeout(20_000);

let api: RawServer;
let elsewhere: RawServer;
// Deadlines cut short, for the cases about a deadline, passed in as a step's own limits.
const SHORT: Limits = {
  apiDeadlineMs: DEADLINE_MS,
  connectionDeadlineMs: DEADLINE_MS,
  fileDeadlineMs: DEADLINE_MS,
  maxAnswerBytes: 2_000_000,
};
const ROOMY: Limits = {
  ...SHORT,
  apiDeadlineMs: 8_000,
  connectionDeadlineMs: 8_000,
  fileDeadlineMs: 8_000,
};
// Short waits between tries, and a budget that ends a batch well before jest would stop the case.
const FAST_BATCH = { ...DEFAULT_PACE, backoffMs: 10, firstLookupMs: 100, budgetMs: 8_000 };

const said: string[] = [];
const capture = (...parts: unknown[]) => {
  said.push(parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' '));
};

beforeAll(async () => {
  api = await startRawServer();
  // Another origin: a different loopback address, as another host would be.
  elsewhere = await startRawServer('127.0.0.2');
  process.env.DUMPLINGAI_BASE_URL = api.origin;
  process.env.LOG_TO_STDOUT = 'true';
  process.env.DETAILED_LOG_TO_STDOUT = 'true';
  captureEverything();
});

// Kept for the whole file (the core may log a response after the test that made it), and set
// again before each test, after the shared setup has silenced console.log.
const captureEverything = () => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    jest.spyOn(console, method).mockImplementation(capture);
  }
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    capture(String(chunk));
    return true;
  });
};

afterAll(async () => {
  delete process.env.DUMPLINGAI_BASE_URL;
  delete process.env.LOG_TO_STDOUT;
  delete process.env.DETAILED_LOG_TO_STDOUT;
  await Promise.all([api.close(), elsewhere.close()]);
  // The core logs a response when its connection ends; closing the servers ends the last ones.
  await new Promise((resolve) => setTimeout(resolve, 100));
  jest.restoreAllMocks();
});

beforeEach(() => {
  captureEverything();
  said.length = 0;
  api.requests.length = 0;
  elsewhere.requests.length = 0;
});

interface Outcome {
  error: Error | null;
  output: unknown;
  message: string;
  ms: number;
}

/** Runs an action and gathers everything a user or Zapier's log could see of it. */
const attempt = async (action: () => Promise<unknown>, key = KEY): Promise<Outcome> => {
  const started = Date.now();
  let outcome: Omit<Outcome, 'ms'>;
  try {
    outcome = { error: null, output: await action(), message: '' };
  } catch (error) {
    const caught = error instanceof Error ? error : new Error(String(error));
    outcome = { error: caught, output: undefined, message: userMessage(caught) };
  }
  const ms = Date.now() - started;
  // Every case ends by itself, well inside Zapier's 30 seconds (deadlines here are 0.4 s).
  expect(ms).toBeLessThan(MAX_CASE_MS);
  const everything = [
    outcome.message,
    outcome.error?.message ?? '',
    outcome.error?.stack ?? '',
    JSON.stringify(outcome.output ?? null),
    ...said,
  ].join('\n');
  const trimmed = key.trim();
  if (trimmed.length >= 8) expect(everything).not.toContain(trimmed);
  // No raw network text reaches the user.
  expect(outcome.message).not.toMatch(/ECONN|ENOTFOUND|EPIPE|FetchError/);
  expect(outcome.message).not.toMatch(/socket|request to http|premature close|127\.0\.0/i);
  expect(outcome.message.length).toBeLessThanOrEqual(250);
  return { ...outcome, ms };
};

const search = (key = KEY, limits = ROOMY) =>
  attempt(
    () => run(withPlainErrors(findVideo({ ...DEFAULT_SETUP, limits })), bundleFor({ url: VIDEO }, key)),
    key,
  );
const connect = (key = KEY, limits = ROOMY) =>
  attempt(() => run(withPlainErrors(testKey({ limits })), bundleFor({}, key)), key);
// A whole batch must fit in its budget, on the real clock: these cases are not about the budget,
// so it is roomier than FAST_BATCH's (one of 25 links was once left unasked within 8 s on a busy
// machine), and still ends before jest would stop the case.
const BATCH_BUDGET_MS = 15_000;
const batchLookUp = async (urls: string[]) => {
  const results = (await run(
    withPlainErrors(
      findVideos({ ...DEFAULT_SETUP, limits: ROOMY, pace: { ...FAST_BATCH, budgetMs: BATCH_BUDGET_MS } }),
    ),
    bundleFor({ urls }, KEY),
  )) as unknown[];
  expect(results).toHaveLength(1);
  return results[0] as BatchOutput;
};

const stall: Behaviour = () => undefined;
const resetAtOnce: Behaviour = (socket) => socket.resetAndDestroy();
// A body cut off right after the headers. (A reset after the headers is not used: on a busy machine
// it can reach the client before the headers are read, which makes it a reset before any answer.
// Nor is a Content-Length body cut by a clean close: node-fetch 2 does not notice it, and the
// lookup runs into its deadline; see the README.)
const cutAfterHeaders: Behaviour = (socket) => {
  socket.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
};
const truncatedChunked: Behaviour = (socket) => {
  socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
  socket.end('a\r\n{"id":"732\r\n');
};
const corruptGzip: Behaviour = (socket) => {
  socket.end(
    httpAnswer(200, Buffer.from('this is not gzip at all'), { ...JSON_TYPE, 'Content-Encoding': 'gzip' }),
  );
};
const bodyStalls: Behaviour = (socket) => {
  socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"id":');
};
const slowHeadersThenStall =
  (afterMs: number): Behaviour =>
  (socket) => {
    setTimeout(() => {
      if (!socket.destroyed)
        socket.write(
          'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"id":',
        );
    }, afterMs);
  };

const unreachableStep =
  'Could not reach DumplingAI: the connection failed or was cut off before any answer, so nothing was charged. Zapier will retry this step in about 60 seconds; nothing needs to change.';
const tooSlowStep =
  "DumplingAI sent no answer within 1 second, so the lookup was stopped before Zapier's time limit; with no answer, nothing was charged. Zapier will retry this step in about 60 seconds; nothing needs to change.";

describe('Get TikTok Video on a failing network', () => {
  it('a reset before the headers: a plain message, and Zapier retries the step', async () => {
    api.answerWith(resetAtOnce);
    const { error, message } = await search();
    expect([error?.name, message]).toEqual(['ThrottledError', unreachableStep]);
  });

  it.each([
    ['a body cut off right after the headers', cutAfterHeaders],
    ['a truncated chunked body', truncatedChunked],
    ['a corrupt gzip body', corruptGzip],
  ])(
    'a 200, then %s: said to be answered but unreadable, and not retried (a retry pays again)',
    async (_case, behaviour) => {
      api.answerWith(behaviour);
      const { error, message } = await search();
      expect([error?.name, message]).toEqual([
        'AppError',
        'DumplingAI answered, but its answer was cut off or damaged on the way and could not be read. Replay this task to ask again; that costs one more lookup.',
      ]);
      expect(JSON.parse(error?.message ?? '')).toMatchObject({ code: 'answered_unreadable' });
      expect(api.requests).toHaveLength(1);
    },
  );

  it('a refused connection: a plain message, and Zapier retries the step', async () => {
    const closed = await startRawServer();
    await closed.close();
    process.env.DUMPLINGAI_BASE_URL = closed.origin;
    try {
      const { error, message } = await search();
      expect([error?.name, message]).toEqual(['ThrottledError', unreachableStep]);
    } finally {
      process.env.DUMPLINGAI_BASE_URL = api.origin;
    }
  });

  it('a host that does not resolve: a plain message, and Zapier retries the step', async () => {
    process.env.DUMPLINGAI_BASE_URL = 'http://no-such-host.invalid';
    try {
      const { error, message } = await search();
      expect([error?.name, message]).toEqual(['ThrottledError', unreachableStep]);
    } finally {
      process.env.DUMPLINGAI_BASE_URL = api.origin;
    }
  });

  it('headers that never come: stopped at the deadline', async () => {
    api.answerWith(stall);
    const { error, message, ms } = await search(KEY, SHORT);
    // No answer came, so nothing was charged: Zapier may try again, as after a failed connection.
    expect([error?.name, message]).toEqual(['ThrottledError', tooSlowStep]);
    expect(ms).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
  });

  it('a 200 whose body stalls: stopped at the deadline, and said to be answered (it was charged)', async () => {
    api.answerWith(bodyStalls);
    const { error, message, ms } = await search(KEY, SHORT);
    expect([error?.name, message]).toEqual([
      'AppError',
      "DumplingAI answered, but its answer stopped arriving, so it was given up before Zapier's time limit. Replay this task to ask again; that costs one more lookup.",
    ]);
    expect(JSON.parse(error?.message ?? '')).toMatchObject({ code: 'answered_unreadable' });
    expect(ms).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
  });

  it('slow headers, then a stalled body: stopped at one deadline for the whole exchange, never two', async () => {
    // A deadline long enough that one (3 s) and two in a row (2.7 s of headers, then 3 s of body)
    // lie well apart, whatever a busy machine adds.
    const deadlineMs = 3_000;
    api.answerWith(slowHeadersThenStall(deadlineMs * 0.9));
    const { error, message, ms } = await search(KEY, { ...SHORT, apiDeadlineMs: deadlineMs });
    expect([error?.name, message]).toEqual([
      'AppError',
      "DumplingAI answered, but its answer stopped arriving, so it was given up before Zapier's time limit. Replay this task to ask again; that costs one more lookup.",
    ]);
    expect(ms).toBeGreaterThanOrEqual(deadlineMs - 50);
    expect(ms).toBeLessThan(deadlineMs * 1.45);
  });
});

describe('Get TikTok Video with hostile answers', () => {
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  it('an answer above the size limit is not read into the output', async () => {
    api.answerWith(reply(200, JSON.stringify({ ...documented, desc: 'x'.repeat(3_000_000) })));
    const { error, message } = await search();
    expect([error?.name, message]).toEqual([
      'AppError',
      'DumplingAI sent an answer far larger than TikTok video data, so it was not read. Try again later; if it keeps happening, contact DumplingAI support.',
    ]);
  });

  it('a 50 MB answer is stopped at the size limit, not read whole', async () => {
    const chunk = Buffer.alloc(1_000_000, 'a');
    api.answerWith((socket) => {
      socket.write(
        `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${50 * chunk.length + 8}\r\n\r\n{"desc":"`,
      );
      const more = (left: number) => {
        if (left === 0 || socket.destroyed) return;
        socket.write(chunk, () => {
          more(left - 1);
        });
      };
      more(50);
    });
    const { error, message } = await search();
    expect([error?.name, message]).toEqual([
      'AppError',
      'DumplingAI sent an answer far larger than TikTok video data, so it was not read. Try again later; if it keeps happening, contact DumplingAI support.',
    ]);
  });

  it('a 1 MB answer gives a small output', async () => {
    api.answerWith(reply(200, JSON.stringify({ ...documented, desc: 'y'.repeat(1_000_000) })));
    const { output } = await search();
    expect(JSON.stringify(output).length).toBeLessThan(20_000);
  });

  it('an unknown field nested 10,000 levels deep is left out, and the video comes through', async () => {
    api.answerWith(
      reply(200, `{"id":"7321234567890123456","author":{"uniqueId":"a"},"deep":${nested(10_000)}}`),
    );
    const { error, output } = await search();
    expect(error).toBeNull();
    expect(output).toEqual([expect.objectContaining({ id: '7321234567890123456', authorUniqueId: 'a' })]);
    expect((output as Record<string, unknown>[])[0]).not.toHaveProperty('deep');
  });

  it('a __proto__ key changes no object and passes through as plain data only', async () => {
    api.answerWith(
      reply(200, '{"id":"7321234567890123456","__proto__":{"polluted":true},"constructor":"x"}'),
    );
    const { output } = await search();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((output as Record<string, unknown>[])[0]?.polluted).toBeUndefined();
  });

  it('invalid UTF-8 in a text field is replaced, not fatal', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"id":"7321234567890123456","desc":"bad '),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(' bytes"}'),
    ]);
    api.answerWith(reply(200, bytes));
    const { output } = await search();
    expect((output as { desc: string }[])[0]?.desc).toBe('bad \uFFFD\uFFFD bytes');
  });

  it.each([
    [
      'null',
      'DumplingAI sent an answer that is not TikTok video data: the answer was not JSON. Try again later; if it keeps happening, contact DumplingAI support.',
    ],
    [
      '[]',
      'DumplingAI sent an answer that is not TikTok video data: the answer was a list, not one video. Try again later; if it keeps happening, contact DumplingAI support.',
    ],
    [
      '"text"',
      'DumplingAI sent an answer that is not TikTok video data: the answer was not JSON. Try again later; if it keeps happening, contact DumplingAI support.',
    ],
    [
      '42',
      'DumplingAI sent an answer that is not TikTok video data: the answer was not JSON. Try again later; if it keeps happening, contact DumplingAI support.',
    ],
  ])('a 200 with %s says what it was', async (body, expected) => {
    api.answerWith(reply(200, body));
    const { error, message } = await search();
    expect([error?.name, message]).toEqual(['AppError', expected]);
  });

  it('a 200 {"error"} that echoes the key shows the error with the key masked', async () => {
    api.answerWith(reply(200, JSON.stringify({ error: `Key ${KEY} is not allowed here.` })));
    const { message } = await search();
    expect(message).toBe(
      'DumplingAI sent an answer that is not TikTok video data: Key :censored: is not allowed here. Try again later; if it keeps happening, contact DumplingAI support.',
    );
  });

  it('a key echoed in headers and across the 250-character cut never shows', async () => {
    const text = `${'z'.repeat(130)} ${KEY} and ${KEY.slice(0, 20)}`;
    api.answerWith(reply(500, JSON.stringify({ error: text }), { ...JSON_TYPE, 'X-Echo': KEY }));
    const { error, message } = await search();
    expect(error?.name).toBe('AppError');
    expect(message).toContain('z :censored:');
  });

  it.each([
    [
      '99999999999',
      3600,
      "DumplingAI's TikTok video service is rate-limited right now. Zapier will retry this step in about 3600 seconds; nothing needs to change.",
    ],
    [
      '0',
      1,
      "DumplingAI's TikTok video service is rate-limited right now. Zapier will retry this step in about 1 second; nothing needs to change.",
    ],
    [
      'soon',
      60,
      "DumplingAI's TikTok video service is rate-limited right now. Zapier will retry this step in about 60 seconds; nothing needs to change.",
    ],
    [
      'Fri, 25 Nov 2039 10:00:00 GMT',
      3600,
      "DumplingAI's TikTok video service is rate-limited right now. Zapier will retry this step in about 3600 seconds; nothing needs to change.",
    ],
  ])('a 503 with Retry-After %j retries after %i seconds at most', async (header, delay, expected) => {
    api.answerWith(reply(503, '{"error":"Rate limit exceeded."}', { ...JSON_TYPE, 'Retry-After': header }));
    const { error, message } = await search();
    expect(error?.name).toBe('ThrottledError');
    expect(JSON.parse(error?.message ?? '')).toEqual({
      message: expected,
      delay,
    });
    expect(message).toContain(`in about ${delay} second`);
  });

  it('a 429 is said in the app’s own words', async () => {
    api.answerWith(reply(429, '{"error":"Too many"}', { ...JSON_TYPE, 'Retry-After': '1' }));
    const { error, message } = await search();
    expect([error?.name, message]).toEqual([
      'ThrottledError',
      'DumplingAI is getting too many requests from your account right now. Zapier will retry this step in about 1 second; nothing needs to change.',
    ]);
    expect(message).toContain('in about 1 second;');
  });
});

describe('redirects', () => {
  it('to another host are followed without the key', async () => {
    api.answerWith(reply(307, '', { Location: `${elsewhere.origin}/moved` }));
    elsewhere.answerWith(reply(200, JSON.stringify(documented)));
    const { output } = await search();
    expect(output).toEqual([expect.objectContaining({ id: documented.id })]);
    expect(api.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(elsewhere.requests.map((request) => request.headers.authorization)).toEqual([undefined]);
  });

  it('to another port of the same host are followed without the key', async () => {
    const samehost = await startRawServer();
    try {
      api.answerWith(reply(308, '', { Location: `${samehost.origin}/moved` }));
      samehost.answerWith(reply(200, JSON.stringify(documented)));
      const { output } = await search();
      expect(output).toEqual([expect.objectContaining({ id: documented.id })]);
      expect(samehost.requests.map((request) => request.headers.authorization)).toEqual([undefined]);
    } finally {
      await samehost.close();
    }
  });

  it('back to DumplingAI’s own origin carry the key again, hop by hop', async () => {
    let hop = 0;
    api.answerWith((socket, request) => {
      hop += 1;
      if (request.path === '/api/v1/get-tiktok-video')
        socket.end(httpAnswer(302, '', { Location: `${elsewhere.origin}/bounce` }));
      else socket.end(httpAnswer(200, JSON.stringify(documented)));
    });
    elsewhere.answerWith(reply(302, '', { Location: `${api.origin}/final` }));
    const { output } = await search();
    expect(output).toEqual([expect.objectContaining({ id: documented.id })]);
    expect(hop).toBe(2);
    expect(api.requests.map((request) => request.headers.authorization)).toEqual([
      `Bearer ${KEY}`,
      `Bearer ${KEY}`,
    ]);
    expect(elsewhere.requests.map((request) => request.headers.authorization)).toEqual([undefined]);
  });
});

describe('keys that cannot be sent', () => {
  it.each([
    ['a line break', `${KEY}\nX-Injected: 1`],
    ['unicode', `${KEY}ü`],
    ['a space inside', 'sk_test_FAULT KEY_0123456789'],
  ])('a key with %s is refused before any request, without repeating it', async (_case, key) => {
    api.answerWith(reply(200, JSON.stringify(documented)));
    for (const act of [() => search(key), () => connect(key)]) {
      const { error, message } = await act();
      expect([error?.name, message]).toEqual([
        'ExpiredAuthError',
        'Your DumplingAI API key contains characters that no DumplingAI key has (a line break, a space or a special character, often picked up when copying). Copy it again from https://app.dumplingai.com/api-keys and reconnect.',
      ]);
    }
    expect(api.requests).toEqual([]);
  });

  it('whitespace around a key is trimmed', async () => {
    api.answerWith(reply(200, JSON.stringify(documented)));
    await search(`  ${KEY} \n`);
    expect(api.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('a 10 kB key goes as it is, and DumplingAI’s answer is shown', async () => {
    api.answerWith(reply(401, '{"error":"API key is invalid or missing."}'));
    const { error, message } = await search(`sk_${'k'.repeat(10_000)}`);
    expect([error?.name, message]).toEqual([
      'ExpiredAuthError',
      'Your DumplingAI API key is invalid or inactive. Copy a working key from your API Keys page (https://app.dumplingai.com/api-keys) and reconnect.',
    ]);
  });

  it('an empty key sends no Authorization header', async () => {
    api.answerWith(reply(401, '{"error":"API key is invalid or missing."}'));
    const { error } = await search('');
    expect(error?.name).toBe('ExpiredAuthError');
    expect(api.requests[0]?.headers.authorization).toBeUndefined();
  });
});

describe('the roster trigger on a failing network', () => {
  const meta = { isLoadingSample: false, isPopulatingDedupe: false } as Bundle['meta'];
  // Each creator answered its own way: a page, headers that never come, a reset before any answer.
  const byCreator =
    (ways: Record<string, Behaviour>): Behaviour =>
    (socket, request) => {
      const { handle } = JSON.parse(request.body) as { handle: string };
      (ways[handle] as Behaviour)(socket, request);
    };
  const page = reply(
    200,
    JSON.stringify({
      aweme_list: [{ aweme_id: '7321234567890123456', create_time: 1704067200 }],
      has_more: 0,
    }),
    JSON_TYPE,
  );
  const poll = (creators: string[]) =>
    attempt(() =>
      run(
        withPlainErrors(
          pollCreators({ ...TRIGGER_SETUP, limits: SHORT, pace: { ...FAST_BATCH, budgetMs: 4_000 } }),
          'trigger',
        ),
        { ...bundleFor({ creator: creators }, KEY), meta },
      ),
    );
  const askedFor = (handle: string) =>
    api.requests.filter((request) => (JSON.parse(request.body) as { handle: string }).handle === handle)
      .length;

  it('returns the creator that answered when one stalls and one resets, each tried again while time allows', async () => {
    api.answerWith(byCreator({ 'ok.creator': page, 'stalled.creator': stall, 'reset.creator': resetAtOnce }));
    const { error, output } = await poll(['stalled.creator', 'ok.creator', 'reset.creator']);
    expect(error).toBeNull();
    expect((output as { id: string }[]).map((item) => item.id)).toEqual(['7321234567890123456']);
    // Answered with a 200: never asked again. No answer came from the others: tried up to 3 times.
    expect([askedFor('ok.creator'), askedFor('stalled.creator'), askedFor('reset.creator')]).toEqual([
      1, 3, 3,
    ]);
  });

  it('lets Zapier try later, in the trigger’s words, when no creator answered at all', async () => {
    api.answerWith(byCreator({ 'stalled.creator': stall, 'reset.creator': resetAtOnce }));
    const { error, message } = await poll(['stalled.creator', 'reset.creator']);
    // The first creator's failure is told: the one asked first, which stalled.
    expect([error?.name, message]).toEqual([
      'ThrottledError',
      "DumplingAI sent no answer within 1 second, so the lookup was stopped before Zapier's time limit; with no answer, nothing was charged. The trigger tries again at its next check; nothing needs to change.",
    ]);
  });
});

describe('the creator trigger and Get TikTok Profile on a failing network', () => {
  const meta = { isLoadingSample: false, isPopulatingDedupe: false } as Bundle['meta'];
  const steps = {
    trigger: (limits: Limits) =>
      attempt(() =>
        run(withPlainErrors(pollCreators({ ...TRIGGER_SETUP, limits, pace: FAST_BATCH })), {
          ...bundleFor({ creator: '@dumpling.kitchen' }, KEY),
          meta,
        }),
      ),
    profile: (limits: Limits) =>
      attempt(() =>
        run(
          withPlainErrors(findProfile({ ...DEFAULT_SETUP, limits })),
          bundleFor({ creator: '@dumpling.kitchen' }, KEY),
        ),
      ),
  };

  it.each([
    [
      'trigger',
      'Could not reach DumplingAI: the connection failed or was cut off before any answer, so nothing was charged. The trigger tries again at its next check; nothing needs to change.',
    ],
    [
      'profile',
      'Could not reach DumplingAI: the connection failed or was cut off before any answer, so nothing was charged. Zapier will retry this step in about 60 seconds; nothing needs to change.',
    ],
  ] as const)(
    '%s, a reset before the headers: a plain message, and Zapier tries again',
    async (step, words) => {
      api.answerWith(resetAtOnce);
      const { error, message } = await steps[step](ROOMY);
      expect([error?.name, message]).toEqual(['ThrottledError', words]);
    },
  );

  it.each([
    [
      'trigger',
      'headers that never come',
      stall,
      // No answer came, so nothing was charged: the trigger tries again within the poll.
      3,
      'ThrottledError',
      "DumplingAI sent no answer within 1 second, so the lookup was stopped before Zapier's time limit; with no answer, nothing was charged. The trigger tries again at its next check; nothing needs to change.",
    ],
    [
      'trigger',
      'a 200 whose body stalls',
      bodyStalls,
      1,
      'AppError',
      "DumplingAI answered, but its answer stopped arriving, so it was given up before Zapier's time limit. The trigger asks again at its next check, which costs one more lookup.",
    ],
    [
      'profile',
      'headers that never come',
      stall,
      1,
      'ThrottledError',
      "DumplingAI sent no answer within 1 second, so the lookup was stopped before Zapier's time limit; with no answer, nothing was charged. Zapier will retry this step in about 60 seconds; nothing needs to change.",
    ],
    [
      'profile',
      'a 200 whose body stalls',
      bodyStalls,
      1,
      'AppError',
      "DumplingAI answered, but its answer stopped arriving, so it was given up before Zapier's time limit. Replay this task to ask again; that costs one more lookup.",
    ],
  ] as const)('%s, %s: stopped at the deadline', async (step, _case, behaviour, asked, name, words) => {
    api.answerWith(behaviour);
    const { error, message, ms } = await steps[step](SHORT);
    expect([error?.name, message]).toEqual([name, words]);
    expect(ms).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
    expect(api.requests).toHaveLength(asked);
  });

  it.each(Object.keys(steps) as (keyof typeof steps)[])(
    '%s, a 200 cut off after the headers: answered but unreadable, asked for once',
    async (step) => {
      api.answerWith(cutAfterHeaders);
      const { error } = await steps[step](ROOMY);
      expect(JSON.parse(error?.message ?? '')).toMatchObject({ code: 'answered_unreadable' });
      expect(api.requests).toHaveLength(1);
    },
  );
});

describe('the connection test', () => {
  it('a reset: a plain message that does not promise a retry', async () => {
    api.answerWith(resetAtOnce);
    const { error, message } = await connect();
    expect([error?.name, message]).toEqual([
      'AppError',
      'Could not reach DumplingAI: the connection failed or was cut off before any answer, so nothing was charged. Try connecting again in about 60 seconds.',
    ]);
    expect(message).not.toContain('Zapier will retry');
  });

  it('a stall: stopped at its deadline', async () => {
    api.answerWith(stall);
    const { message, ms } = await connect(KEY, SHORT);
    expect(message).toBe(
      'DumplingAI took more than 1 second to answer, so the check of your key was stopped. Try connecting again in about 60 seconds.',
    );
    expect(ms).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
  });

  it('a 503: try connecting again, not a step retry', async () => {
    api.answerWith(reply(503, '{}', { ...JSON_TYPE, 'Retry-After': '1' }));
    const { error, message } = await connect();
    expect([error?.name, message]).toEqual([
      'AppError',
      "DumplingAI's account service is rate-limited right now. Try connecting again in about 1 second.",
    ]);
  });
});

describe('Get TikTok Videos (Batch) under faults', () => {
  const link = (n: number) =>
    `https://www.tiktok.com/@user/video/73000000000000000${String(n).padStart(2, '0')}`;
  const idOf = (body: string) => /video\/(\d+)/.exec(body)?.[1] ?? '';
  const video = (id: string) => JSON.stringify({ ...documented, id });

  it('25 links with mixed faults: every paid video kept, and each one asked for once', async () => {
    const flaky = new Set<string>();
    api.answerWith((socket, request) => {
      const id = idOf(request.body);
      const n = Number(id.slice(-2));
      if (n % 5 === 1) socket.resetAndDestroy();
      else if (n % 5 === 2) socket.end(httpAnswer(404, '{"error":"TikTok video not found"}'));
      else if (n % 5 === 3 && !flaky.has(id)) {
        flaky.add(id);
        socket.end(httpAnswer(503, '{"error":"Rate limit exceeded."}'));
      } else socket.end(httpAnswer(200, video(id)));
    });
    const { output } = await attempt(() => batchLookUp(Array.from({ length: 25 }, (_, n) => link(n))));
    const result = output as { videos: { id: string }[]; failures: { url: string; message: string }[] };
    // 0, 3, 4 of every 5 succeed (3 after one rate-limited try); 1 resets three times; 2 is not found.
    expect(result.videos).toHaveLength(15);
    expect(result.failures).toHaveLength(10);
    const asked = new Map<string, number>();
    for (const request of api.requests)
      asked.set(idOf(request.body), (asked.get(idOf(request.body)) ?? 0) + 1);
    for (const videoFound of result.videos)
      expect(asked.get(videoFound.id)).toBe(
        videoFound.id.endsWith('3') || videoFound.id.endsWith('8') ? 2 : 1,
      );
    expect(
      result.failures.filter((failure) => failure.message.startsWith('Could not reach DumplingAI')),
    ).toHaveLength(5);
    for (const failure of result.failures) expect(failure.message).not.toMatch(/ECONN|socket|http:\/\//i);
  });

  it.each([
    [
      401,
      '{"error":"API key is invalid or missing."}',
      'Your DumplingAI API key is invalid or inactive. Copy a working key from your API Keys page (https://app.dumplingai.com/api-keys) and reconnect.',
    ],
    [
      403,
      '{"error":"Insufficient credits. Please top up your account."}',
      'Your DumplingAI account is out of credits. Top up in your DumplingAI dashboard (https://app.dumplingai.com) and replay this task.',
    ],
  ])(
    'a %i in the middle keeps what was fetched, what was in flight too, and reports the rest, without asking again',
    async (status, body, message) => {
      // 0 is answered at once, so 3 and 4 start; 1, 2 and 3 are held until the client has read
      // 4's refusal and closed its socket, so they are in flight when the batch stops.
      const held: (() => void)[] = [];
      let refusalRead = false;
      api.answerWith((socket, request) => {
        const id = idOf(request.body);
        const n = Number(id.slice(-2));
        const answer = () => socket.end(httpAnswer(200, video(id)));
        if (n === 4) {
          socket.on('close', () => {
            refusalRead = true;
            for (const release of held.splice(0)) release();
          });
          socket.end(httpAnswer(status, body));
        } else if (n >= 1 && n <= 3 && !refusalRead) held.push(answer);
        else answer();
      });
      const { output } = await attempt(() => batchLookUp(Array.from({ length: 10 }, (_, n) => link(n))));
      const result = output as { videos: { id: string }[]; failures: { url: string; message: string }[] };
      expect(result.videos.map((found) => found.id.slice(-2))).toEqual(['00', '01', '02', '03']);
      expect(result.failures).toEqual([4, 5, 6, 7, 8, 9].map((n) => ({ url: link(n), message })));
      expect(api.requests.map((request) => idOf(request.body).slice(-2)).sort()).toEqual([
        '00',
        '01',
        '02',
        '03',
        '04',
      ]);
    },
  );

  it('a 200 whose body is cut off or corrupt: asked for once, and reported as answered but unreadable', async () => {
    const broken: Record<number, Behaviour> = { 1: cutAfterHeaders, 2: truncatedChunked, 3: corruptGzip };
    api.answerWith((socket, request) => {
      const id = idOf(request.body);
      const behaviour = broken[Number(id.slice(-2)) % 4];
      if (behaviour === undefined) socket.end(httpAnswer(200, video(id)));
      else behaviour(socket, request);
    });
    const { output } = await attempt(() => batchLookUp(Array.from({ length: 12 }, (_, n) => link(n))));
    const result = output as { videos: { id: string }[]; failures: { url: string; message: string }[] };
    expect(result.videos.map((found) => found.id.slice(-2))).toEqual(['00', '04', '08']);
    expect(result.failures).toEqual(
      [1, 2, 3, 5, 6, 7, 9, 10, 11].map((n) => ({
        url: link(n),
        message:
          'DumplingAI answered, but its answer was cut off or damaged on the way and could not be read. Running this URL again costs one more lookup.',
      })),
    );
    expect(api.requests.map((request) => idOf(request.body)).sort()).toEqual(
      Array.from({ length: 12 }, (_, n) => idOf(link(n))),
    );
  });

  it('only answers that could not be read: halted with a summary, never retried by Zapier (that would pay again)', async () => {
    api.answerWith(corruptGzip);
    const { error, message } = await attempt(() =>
      run(
        withPlainErrors(findVideos({ ...DEFAULT_SETUP, limits: ROOMY, pace: FAST_BATCH })),
        bundleFor({ urls: [link(1), link(2)] }, KEY),
      ),
    );
    expect([error?.name, message]).toEqual([
      'HaltedError',
      'None of the 2 links could be looked up: 2 failed at DumplingAI. Check the links and run this step again.',
    ]);
    expect(api.requests).toHaveLength(2);
  });

  it('only 200s whose bodies stall past the deadline: halted, never retried by Zapier (that would pay again)', async () => {
    api.answerWith(bodyStalls);
    const { error, message } = await attempt(() =>
      run(
        withPlainErrors(
          findVideos({
            ...DEFAULT_SETUP,
            limits: ROOMY,
            pace: { ...FAST_BATCH, firstLookupMs: DEADLINE_MS, budgetMs: 2_000 },
          }),
        ),
        bundleFor({ urls: [link(1), link(2)] }, KEY),
      ),
    );
    expect([error?.name, message]).toEqual([
      'HaltedError',
      'None of the 2 links could be looked up: 2 failed at DumplingAI. Check the links and run this step again.',
    ]);
    expect(api.requests).toHaveLength(2);
  });
});

describe('the downloadMedia hydrator', () => {
  const download = (url: string, limits = ROOMY) =>
    attempt(() =>
      run(withPlainErrors(fetchMedia({ ...DEFAULT_SETUP, limits })), {
        ...bundleFor({ url, filename: '1.mp4', contentType: 'video/mp4' }, KEY),
      }),
    );

  it.each([
    [
      'a reset',
      resetAtOnce,
      'Could not download this file from TikTok: the connection failed or was cut off. Replay this task in a few minutes; if it keeps failing, run Get TikTok Video again for a fresh address.',
    ],
    [
      'a stall',
      stall,
      "TikTok took more than 1 second to send this file, so the download was stopped before Zapier's time limit. Replay this task later.",
    ],
    [
      'a body that stalls',
      bodyStalls,
      "TikTok took more than 1 second to send this file, so the download was stopped before Zapier's time limit. Replay this task later.",
    ],
  ])('%s: a plain message naming TikTok', async (_case, behaviour, expected) => {
    elsewhere.answerWith(behaviour);
    const { error, message } = await download(`${elsewhere.origin}/video.mp4`, SHORT);
    expect([error?.name, message]).toEqual(['AppError', expected]);
  });

  it('refuses a file announced above the limit before reading it', async () => {
    elsewhere.answerWith((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nContent-Length: 200000000\r\n\r\nabc');
    });
    // The body never ends: reading it would have run into the deadline instead.
    const { message } = await download(`${elsewhere.origin}/huge.mp4`);
    expect(message).toBe(
      'This TikTok file is larger than 100 MB, the most this app hands to Zapier as a file. Map its address field instead of the file.',
    );
  });

  it('says an expired address has expired, without a request', async () => {
    const { message } = await download(`${elsewhere.origin}/video.mp4?x-expires=1600000000&x-signature=abc`);
    expect(message).toBe(
      "This TikTok file address has expired (TikTok's addresses last a few hours), so it was not downloaded. Run the Get TikTok Video step again to get a fresh one, then replay this task.",
    );
    expect(elsewhere.requests).toEqual([]);
  });

  it('sends a browser’s headers, and never the key, even to the API’s own origin', async () => {
    api.answerWith(reply(403, 'Access Denied', { 'Content-Type': 'text/plain' }));
    const { message } = await download(`${api.origin}/media/video.mp4`);
    expect(message).toBe(
      "This TikTok file address no longer works (HTTP 403); TikTok's addresses expire after a while. Run the Get TikTok Video step again to get a fresh one, then replay this task.",
    );
    expect(api.requests[0]?.headers.authorization).toBeUndefined();
    expect(api.requests[0]?.headers.referer).toBe('https://www.tiktok.com/');
    expect(api.requests[0]?.headers['user-agent']).toMatch(/^Mozilla\/5\.0/);
  });

  it('a gzip body that is not gzip is a plain message', async () => {
    elsewhere.answerWith((socket) => {
      socket.end(
        httpAnswer(200, Buffer.from('this is not a gzip stream at all'), {
          'Content-Type': 'video/mp4',
          'Content-Encoding': 'gzip',
        }),
      );
    });
    const { error, message } = await download(`${elsewhere.origin}/video.mp4`);
    expect([error?.name, message]).toEqual([
      'AppError',
      'Could not download this file from TikTok: the connection failed or was cut off. Replay this task in a few minutes; if it keeps failing, run Get TikTok Video again for a fresh address.',
    ]);
  });
});
