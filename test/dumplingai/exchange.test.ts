import { PassThrough } from 'node:stream';

import nock from 'nock';

import { API, API_KEY, bundleFor, caught, run, userMessage } from '../helpers';
import { exchange } from '../../src/dumplingai/exchange';
import type { Context } from '../../src/dumplingai/messages';

const CDN = 'https://v16-webapp.tiktok.com';

const send = (
  url: string,
  context: Context = 'step',
  // Far above what a loopback answer takes on a busy machine; the deadline tests pass their own.
  deadlineMs = 20_000,
  method: 'GET' | 'POST' = 'GET',
  size = 0,
) =>
  run(
    (z) =>
      exchange(
        z,
        { url, method, size, ...(method === 'POST' ? { body: { a: 1 } } : {}), middlewareData: { context } },
        { who: 'DumplingAI', context, deadlineMs },
        (response) => ({ status: response.status, content: response.content }),
      ),
    bundleFor(),
  );

describe('exchange', () => {
  it('follows a 303 with a GET and no body, asking each hop through the middleware', async () => {
    const first = nock(API)
      .post('/start', { a: 1 })
      .reply(303, '', { Location: `${CDN}/next` });
    const second = nock(CDN, { badheaders: ['authorization'] })
      .get('/next')
      .reply(200, 'done');
    await expect(send(`${API}/start`, 'step', 20_000, 'POST')).resolves.toEqual({
      status: 200,
      content: 'done',
    });
    expect([first.isDone(), second.isDone()]).toEqual([true, true]);
  });

  it.each([307, 308])('keeps the method and body through a %i', async (status) => {
    const start = nock(API)
      .post('/start')
      .reply(status, '', { Location: `${API}/again` });
    const again = nock(API, { reqheaders: { authorization: `Bearer ${API_KEY}` } })
      .post('/again', { a: 1 })
      .reply(200, 'ok');
    await expect(send(`${API}/start`, 'step', 20_000, 'POST')).resolves.toEqual({
      status: 200,
      content: 'ok',
    });
    expect([start.isDone(), again.isDone()]).toEqual([true, true]);
  });

  it('stops following after 5 redirects and hands back the last answer', async () => {
    const loop = nock(CDN)
      .get('/loop')
      .times(6)
      .reply(302, 'again', { Location: `${CDN}/loop` });
    await expect(send(`${CDN}/loop`)).resolves.toEqual({ status: 302, content: 'again' });
    expect(loop.isDone()).toBe(true);
  });

  it('hands back a redirect without a Location as it is', async () => {
    nock(CDN).get('/nowhere').reply(301, 'moved');
    await expect(send(`${CDN}/nowhere`)).resolves.toEqual({ status: 301, content: 'moved' });
  });

  it('in a step, lets Zapier retry a failed connection after a minute', async () => {
    nock(CDN).get('/x').replyWithError('socket hang up');
    const error = await caught(() => send(`${CDN}/x`));
    expect(error.name).toBe('ThrottledError');
    expect(JSON.parse(error.message)).toEqual({
      message:
        'Could not reach DumplingAI: the connection failed or was cut off before any answer, so nothing was charged. Zapier will retry this step in about 60 seconds; nothing needs to change.',
      delay: 60,
    });
  });

  it.each([
    [
      'connection',
      'Could not reach DumplingAI: the connection failed or was cut off before any answer, so nothing was charged. Try connecting again in about 60 seconds.',
    ],
    [
      'batch',
      'Could not reach DumplingAI: the connection failed or was cut off before any answer, so nothing was charged. Run this URL again later.',
    ],
  ] as const)('in a %s, says a failed connection plainly, without a retry', async (context, message) => {
    nock(CDN).get('/x').replyWithError('connect ECONNREFUSED 127.0.0.1:443');
    const error = await caught(() => send(`${CDN}/x`, context));
    expect(error.name).toBe('AppError');
    expect(JSON.parse(error.message)).toEqual({ message, code: 'unreachable', status: 503 });
  });

  it('hands back a redirect whose Location is no address as it is', async () => {
    const scope = nock(CDN).get('/odd').reply(302, 'odd', { Location: 'http://[' });
    await expect(send(`${CDN}/odd`)).resolves.toEqual({ status: 302, content: 'odd' });
    expect(scope.isDone()).toBe(true);
  });

  it('does not call a bug in the reading of the answer a network failure, so Zapier never retries it', async () => {
    const scope = nock(CDN).get('/x').reply(200, 'fine');
    const error = await caught(() =>
      run(
        (z) =>
          exchange(z, { url: `${CDN}/x` }, { who: 'TikTok', context: 'step', deadlineMs: 20_000 }, () => {
            throw new TypeError("Cannot read properties of undefined (reading 'status')");
          }),
        bundleFor(),
      ),
    );
    expect(scope.isDone()).toBe(true);
    expect(error).toBeInstanceOf(TypeError);
    expect(error.name).not.toBe('ThrottledError');
  });

  it('passes anything else thrown while reading the answer through as it is', async () => {
    nock(CDN).get('/x').reply(200, 'fine');
    // Caught inside the run: the core itself cannot carry a thrown value that is not an Error.
    const outcome = await run(async (z) => {
      try {
        return await exchange(
          z,
          { url: `${CDN}/x` },
          { who: 'TikTok', context: 'step', deadlineMs: 20_000 },
          () =>
            Promise.reject(new Error('odd', { cause: 'not an error' })).catch((error: unknown) => {
              throw (error as Error).cause;
            }),
        );
      } catch (thrown) {
        return { thrown };
      }
    }, bundleFor());
    expect(outcome).toEqual({ thrown: 'not an error' });
  });

  it('passes Zapier’s own errors from the reading of the answer through as they are', async () => {
    nock(CDN).get('/x').reply(200, 'fine');
    const error = await caught(() =>
      run(
        (z) =>
          exchange(z, { url: `${CDN}/x` }, { who: 'TikTok', context: 'step', deadlineMs: 20_000 }, () => {
            throw new z.errors.HaltedError('Stop here.');
          }),
        bundleFor(),
      ),
    );
    expect([error.name, userMessage(error)]).toEqual(['HaltedError', 'Stop here.']);
  });

  it('stops reading an answer larger than its size limit', async () => {
    nock(CDN).get('/big').reply(200, 'x'.repeat(100));
    const error = await caught(() => send(`${CDN}/big`, 'step', 20_000, 'GET', 10));
    expect(JSON.parse(error.message)).toEqual({
      message:
        'DumplingAI sent an answer far larger than TikTok video data, so it was not read. Try again later; if it keeps happening, contact DumplingAI support.',
      code: 'too_large',
      status: 502,
    });
  });

  it('stops at the deadline, counting the body too', async () => {
    // The headers come at once; the body starts and then stalls.
    const body = new PassThrough();
    body.write('{"partial":');
    const scope = nock(CDN)
      .get('/slow')
      .reply(200, () => body);
    const error = await caught(() => send(`${CDN}/slow`, 'step', 100));
    body.destroy();
    expect(scope.isDone()).toBe(true);
    expect(userMessage(error)).toBe(
      "DumplingAI sent no answer within 1 second, so the lookup was stopped before Zapier's time limit; with no answer, nothing was charged. Zapier will retry this step in about 60 seconds; nothing needs to change.",
    );
  });
});

describe('exchange, where the caller decides what to do next', () => {
  it('tells a batch or a trigger which it was: no answer in time (504) or no connection (503)', async () => {
    nock(CDN)
      .get('/stalled')
      .reply(() => new Promise<[number]>(() => undefined));
    const stalled = await caught(() => send(`${CDN}/stalled`, 'trigger', 50));
    expect(JSON.parse(stalled.message)).toMatchObject({ code: 'timeout', status: 504 });
    nock(CDN).get('/down').replyWithError('socket hang up');
    const down = await caught(() => send(`${CDN}/down`, 'batch'));
    expect(JSON.parse(down.message)).toMatchObject({ code: 'unreachable', status: 503 });
  });
});
