import { PassThrough } from 'node:stream';

import nock from 'nock';

import { exchange, networkProblem, NETWORK_RETRY_SECONDS } from '../src/http';
import { networkMessages, type Context } from '../src/messages';
import { API, API_KEY, bundleFor, caught, run, userMessage } from './helpers';

const CDN = 'https://v16-webapp.tiktok.com';

const send = (
  url: string,
  context: Context = 'step',
  deadlineMs = 1000,
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

describe('networkProblem', () => {
  const fetchError = (type: string) => Object.assign(new Error('request to x failed'), { type });

  it.each([
    [Object.assign(new Error('The user aborted a request.'), { name: 'AbortError' }), 'timeout'],
    [fetchError('request-timeout'), 'timeout'],
    [fetchError('body-timeout'), 'timeout'],
    [fetchError('max-size'), 'tooLarge'],
    [fetchError('system'), 'unreachable'],
    [new TypeError('Invalid character in header content'), 'unreachable'],
  ])('reads %p as %s', (error, problem) => {
    expect(networkProblem(error)).toBe(problem);
  });

  it.each([
    Object.assign(new Error('{}'), { name: 'ThrottledError' }),
    Object.assign(new Error('{}'), { name: 'AppError' }),
    Object.assign(new Error('x'), { name: 'HaltedError' }),
    'not an error',
  ])('leaves the app’s and Zapier’s own errors alone: %p', (error) => {
    expect(networkProblem(error)).toBeNull();
  });
});

describe('exchange', () => {
  it('follows a 303 with a GET and no body, asking each hop through the middleware', async () => {
    const first = nock(API)
      .post('/start', { a: 1 })
      .reply(303, '', { Location: `${CDN}/next` });
    const second = nock(CDN, { badheaders: ['authorization'] })
      .get('/next')
      .reply(200, 'done');
    await expect(send(`${API}/start`, 'step', 1000, 'POST')).resolves.toEqual({
      status: 200,
      content: 'done',
    });
    expect([first.isDone(), second.isDone()]).toEqual([true, true]);
  });

  it('keeps the method and body through a 307', async () => {
    nock(API)
      .post('/start')
      .reply(307, '', { Location: `${API}/again` });
    const again = nock(API, { reqheaders: { authorization: `Bearer ${API_KEY}` } })
      .post('/again', { a: 1 })
      .reply(200, 'ok');
    await expect(send(`${API}/start`, 'step', 1000, 'POST')).resolves.toEqual({ status: 200, content: 'ok' });
    expect(again.isDone()).toBe(true);
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
      message: networkMessages.unreachable('DumplingAI', 'step'),
      delay: NETWORK_RETRY_SECONDS,
    });
  });

  it.each(['connection', 'batch'] as const)(
    'in a %s, says a failed connection plainly, without a retry',
    async (context) => {
      nock(CDN).get('/x').replyWithError('connect ECONNREFUSED 127.0.0.1:443');
      const error = await caught(() => send(`${CDN}/x`, context));
      expect(error.name).toBe('AppError');
      expect(JSON.parse(error.message)).toEqual({
        message: networkMessages.unreachable('DumplingAI', context),
        code: 'unreachable',
        status: 503,
      });
    },
  );

  it('stops reading an answer larger than its size limit', async () => {
    nock(CDN).get('/big').reply(200, 'x'.repeat(100));
    const error = await caught(() => send(`${CDN}/big`, 'step', 1000, 'GET', 10));
    expect(JSON.parse(error.message)).toEqual({
      message: networkMessages.tooLarge('step'),
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
    expect(userMessage(error)).toBe(networkMessages.tooSlow('DumplingAI', 1, 'step'));
  });
});
