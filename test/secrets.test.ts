import nock from 'nock';

import {
  API,
  API_KEY,
  VIDEO_PATH,
  batchLookUp,
  bundleFor,
  run,
  searchVideo,
  testConnection,
} from './helpers';
import documented from './fixtures/documented-example.json';
import { downloadMedia } from '../src/hydrators/downloadMedia';

// Every error path, run with a distinctive key: the key must appear in no message the user sees
// and in nothing the app or the core logs (the core's detailed log is what Zapier records).

const output: string[] = [];
const capture = (...parts: unknown[]) => {
  output.push(parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' '));
};

beforeAll(() => {
  process.env.LOG_TO_STDOUT = 'true';
  process.env.DETAILED_LOG_TO_STDOUT = 'true';
});

afterAll(() => {
  delete process.env.LOG_TO_STDOUT;
  delete process.env.DETAILED_LOG_TO_STDOUT;
});

beforeEach(() => {
  output.length = 0;
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    jest.spyOn(console, method).mockImplementation(capture);
  }
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    capture(String(chunk));
    return true;
  });
});

const everythingSaid = async (action: () => Promise<unknown>): Promise<string> => {
  let said: string;
  try {
    said = JSON.stringify(await action());
  } catch (error) {
    said = error instanceof Error ? `${error.name} ${error.message} ${error.stack ?? ''}` : String(error);
  }
  return `${said}\n${output.join('\n')}`;
};

const video =
  (status: number, body: nock.Body, headers: Record<string, string> = {}) =>
  () => {
    nock(API)
      .post(VIDEO_PATH)
      .reply(status, body, { 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '1', ...headers });
    return searchVideo('https://vm.tiktok.com/ZMhKxyz/');
  };

const paths: [string, () => Promise<unknown>][] = [
  ['success', video(200, documented)],
  ['400', video(400, { error: 'Invalid TikTok video URL format.' })],
  ['401', video(401, { error: 'API key is invalid or missing.' })],
  ['403', video(403, { error: 'Insufficient credits. Please top up your account.' })],
  ['404', video(404, { error: 'TikTok video not found for URL: x' })],
  ['429', video(429, { error: 'Too many requests' }, { 'Retry-After': '3' })],
  ['500', video(500, { error: `Upstream said: Bearer ${API_KEY}` })],
  ['502', video(502, '<html>Bad gateway</html>')],
  ['503', video(503, { error: 'Rate limit exceeded. Please try again later.' })],
  ['418', video(418, { error: "I'm a teapot" })],
  ['200 HTML', video(200, '<html>maintenance</html>')],
  ['bad URL', () => searchVideo('not a link')],
  [
    'timeout',
    () => {
      nock(API).post(VIDEO_PATH).delay(500).reply(200, documented);
      return run(
        async (z) => z.request({ url: `${API}${VIDEO_PATH}`, method: 'POST', timeout: 20 }),
        bundleFor(),
      );
    },
  ],
  [
    'connection 401',
    () => {
      nock(API).get('/api/v2/balance').reply(401, { error: 'API key is invalid or missing.' });
      return testConnection();
    },
  ],
  [
    'hydrator 403',
    () => {
      nock('https://v16-webapp.tiktok.com').get('/v.mp4').reply(403, 'Access Denied');
      return run(
        downloadMedia,
        bundleFor({
          url: 'https://v16-webapp.tiktok.com/v.mp4',
          filename: 'v.mp4',
          contentType: 'video/mp4',
        }),
      );
    },
  ],
  [
    'batch with failures',
    () => {
      nock(API).post(VIDEO_PATH).reply(500, { error: 'boom' });
      return batchLookUp(['https://vm.tiktok.com/ZMhKxyz/', 'nope']);
    },
  ],
  [
    'batch 403',
    () => {
      nock(API).post(VIDEO_PATH).reply(403, { error: 'Insufficient credits.' });
      return batchLookUp(['https://vm.tiktok.com/ZMhKxyz/']);
    },
  ],
];

describe('the API key', () => {
  it.each(paths)('never shows in what the %s path says or logs', async (_path, action) => {
    const said = await everythingSaid(action);
    expect(said.length).toBeGreaterThan(0);
    expect(said).not.toContain(API_KEY);
  });

  it('is really sent, so the checks above are not vacuous', async () => {
    const scope = nock(API, { reqheaders: { authorization: `Bearer ${API_KEY}` } })
      .post(VIDEO_PATH)
      .reply(200, documented);
    await searchVideo('https://vm.tiktok.com/ZMhKxyz/');
    expect(scope.isDone()).toBe(true);
    // The core's request log was captured, bodies included (it never prints headers locally).
    expect(output.join('\n')).toMatch(/POST https:\/\/app\.dumplingai\.com\/api\/v1\/get-tiktok-video/);
    expect(output.join('\n')).toContain('"requestSource":"ZAPIER"');
  });
});
