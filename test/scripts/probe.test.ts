import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SANDBOX_API_KEY, startSandbox, type Sandbox } from '../../sandbox/server';
import { confirmed, optionsOf, runProbe, summaryOf, type ProbeReport } from '../../scripts/probe';
import { SANDBOX_EXAMPLES } from '../../scripts/probe/endpoints';
import { built, npm } from './npm';

const NONE = { readButAbsent: [], ignored: [], typesDiffer: [] };

/** A server in front of a sandbox that changes the answers of one path, as a real API might differ. */
const inFront = async (
  sandbox: Sandbox,
  path: string,
  change: (status: number, body: string) => { status: number; body: string },
): Promise<{ origin: string; asked: string[]; close: () => Promise<void> }> => {
  const asked: string[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      asked.push(request.url ?? '');
      void fetch(`${sandbox.origin}${request.url ?? ''}`, {
        method: request.method,
        headers: { 'Content-Type': 'application/json', Authorization: request.headers.authorization ?? '' },
        body,
      }).then(async (answer) => {
        const text = await answer.text();
        const sent =
          request.url === path ? change(answer.status, text) : { status: answer.status, body: text };
        response.writeHead(sent.status, { 'Content-Type': 'application/json' });
        response.end(sent.body);
      });
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    asked,
    close: () =>
      new Promise((closed) => {
        server.close(() => {
          closed();
        });
      }),
  };
};

const entry = (report: ProbeReport, name: string) =>
  report.endpoints.find((endpoint) => endpoint.name === name);

describe('runProbe', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  it('finds no difference against the sandbox, asks each endpoint once, and writes no key or value', async () => {
    const before = sandbox.requests.length;
    const report = await runProbe(
      { origin: sandbox.origin, key: SANDBOX_API_KEY, label: 'sandbox' },
      SANDBOX_EXAMPLES,
    );
    expect(report.same).toBe(true);
    expect(
      report.endpoints.map(({ name, status, problem, differences }) => [name, status, problem, differences]),
    ).toEqual([
      ['video', 200, null, NONE],
      ['photo post', 200, null, NONE],
      ['transcript', 200, null, NONE],
      ['profile', 200, null, NONE],
      ['profile videos', 200, null, NONE],
      ['creator search', 200, null, NONE],
      ['comments', 200, null, NONE],
    ]);
    expect(sandbox.requests.slice(before).map(({ path }) => path)).toEqual([
      '/api/v1/get-tiktok-video',
      '/api/v1/get-tiktok-video',
      '/api/v1/get-tiktok-transcript',
      '/api/v1/get-tiktok-profile',
      '/api/v1/get-tiktok-profile-videos',
      '/api/v1/search-tiktok-users',
      '/api/v1/get-tiktok-video-comments',
    ]);
    // Each answer compared with the sandbox's own answer to the same question.
    expect(entry(report, 'photo post')?.comparedWith).toEqual({
      url: 'https://www.tiktok.com/@sandbox/video/7477969281306526825',
    });
    expect(entry(report, 'profile')?.comparedWith).toEqual({ handle: 'dumpling.kitchen' });
    const written = JSON.stringify(report);
    expect(written).not.toContain(SANDBOX_API_KEY);
    // Shapes, not values: a caption and a comment of the sandbox appear nowhere.
    expect(written).not.toContain('Sunday dumplings');
    expect(written).not.toContain('What flour do you use');
    expect(entry(report, 'comments')?.shape).toContainEqual({
      path: 'comments[].cid',
      types: ['big integer', 'string'],
    });
    expect(summaryOf(report)).toBe(
      [
        'video (/api/v1/get-tiktok-video): no difference.',
        'photo post (/api/v1/get-tiktok-video): no difference.',
        'transcript (/api/v1/get-tiktok-transcript): no difference.',
        'profile (/api/v1/get-tiktok-profile): no difference.',
        'profile videos (/api/v1/get-tiktok-profile-videos): no difference.',
        'creator search (/api/v1/search-tiktok-users): no difference.',
        'comments (/api/v1/get-tiktok-video-comments): no difference.',
        'Every answer has the shape the app is built for.',
      ].join('\n'),
    );
  }, 60_000);

  it('names the fields the app reads that an answer lacks, the new ones it ignores, and types that changed', async () => {
    const changed = await inFront(sandbox, '/api/v1/get-tiktok-profile', (status, body) => {
      const answer = JSON.parse(body) as { user: Record<string, unknown>; stats: Record<string, unknown> };
      const { followerCount, ...stats } = answer.stats;
      return {
        status,
        body: JSON.stringify({
          ...answer,
          stats: { ...stats, followers: followerCount },
          badges: [{ kind: 1 }],
        }).replace('"id":"6812345678901234567"', '"id":6812345678901234567'),
      };
    });
    try {
      const report = await runProbe(
        { origin: changed.origin, key: SANDBOX_API_KEY, label: 'changed' },
        SANDBOX_EXAMPLES,
      );
      expect(report.same).toBe(false);
      expect(entry(report, 'profile')?.differences).toEqual({
        readButAbsent: ['stats.followerCount'],
        ignored: ['stats.followers', 'badges'],
        typesDiffer: [{ path: 'user.id', model: ['string'], answer: ['big integer'], read: true }],
      });
      expect(entry(report, 'video')?.differences).toEqual(NONE);
      expect(summaryOf(report)).toContain(
        'profile (/api/v1/get-tiktok-profile): read by the app but absent: stats.followerCount; new and ignored by the app: stats.followers, badges; types differ: user.id (string → big integer).',
      );
      expect(summaryOf(report)).toMatch(
        /Some answers differ from the shapes the app is built for: see the report\.$/,
      );
    } finally {
      await changed.close();
    }
  }, 60_000);

  it('names a number that came as text, and reads each endpoint’s own fields (a reader that read nothing would show)', async () => {
    const changed = await inFront(sandbox, '/api/v1/search-tiktok-users', (status, body) => ({
      status,
      body: body.replace(/"followerCount":(\d+)/g, '"followerCount":"$1"'),
    }));
    try {
      const report = await runProbe(
        { origin: changed.origin, key: SANDBOX_API_KEY, label: 'x' },
        SANDBOX_EXAMPLES,
      );
      expect(entry(report, 'creator search')?.differences?.typesDiffer).toEqual([
        { path: 'userList[].stats.followerCount', model: ['number'], answer: ['string'], read: true },
      ]);
      expect(entry(report, 'creator search')?.read).toEqual(
        expect.arrayContaining([
          'userList[].user.uniqueId',
          'userList[].user.search_user_name',
          'hasMore',
          'cursor',
        ]),
      );
      expect(entry(report, 'comments')?.read).toEqual(
        expect.arrayContaining([
          'comments[].cid',
          'comments[].reply_comment[].cid',
          'total',
          'hasMore',
          'cursor',
        ]),
      );
      expect(entry(report, 'profile videos')?.read).toEqual(
        expect.arrayContaining(['aweme_list[].aweme_id', 'aweme_list[].is_top', 'has_more', 'status_code']),
      );
    } finally {
      await changed.close();
    }
  }, 60_000);

  it('reports a redirect as the answer, and never follows it with the key', async () => {
    const elsewhere = await inFront(sandbox, '', (status, body) => ({ status, body }));
    const redirecting = createServer((_request, response) => {
      response.writeHead(302, { Location: `${elsewhere.origin}/api/v1/get-tiktok-video` });
      response.end();
    });
    await new Promise<void>((listening) => redirecting.listen(0, '127.0.0.1', listening));
    const address = redirecting.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const report = await runProbe(
        { origin: `http://127.0.0.1:${port}`, key: 'k', label: 'x' },
        SANDBOX_EXAMPLES,
      );
      expect(report.endpoints.map(({ problem }) => problem)).toEqual(Array(7).fill('answered 302'));
      expect(elsewhere.asked).toEqual([]);
    } finally {
      await Promise.all([elsewhere.close(), new Promise((closed) => redirecting.close(closed))]);
    }
  }, 60_000);

  it('says when an endpoint gave nothing to compare: a status that is no 200, or a 200 that is no JSON', async () => {
    const notFound = await inFront(sandbox, '/api/v1/get-tiktok-transcript', () => ({
      status: 404,
      body: '{}',
    }));
    const html = await inFront(sandbox, '/api/v1/get-tiktok-video-comments', () => ({
      status: 200,
      body: '<html>',
    }));
    try {
      const missing = await runProbe(
        { origin: notFound.origin, key: SANDBOX_API_KEY, label: 'x' },
        SANDBOX_EXAMPLES,
      );
      expect([
        entry(missing, 'transcript')?.status,
        entry(missing, 'transcript')?.problem,
        missing.same,
      ]).toEqual([404, 'answered 404', false]);
      expect(summaryOf(missing)).toContain(
        'transcript (/api/v1/get-tiktok-transcript): nothing compared, answered 404.',
      );
      const page = await runProbe(
        { origin: html.origin, key: SANDBOX_API_KEY, label: 'x' },
        SANDBOX_EXAMPLES,
      );
      expect(entry(page, 'comments')?.problem).toBe('answered 200 with no JSON');
    } finally {
      await Promise.all([notFound.close(), html.close()]);
    }
  }, 90_000);

  it('says when an endpoint could not be reached, and names no address or key', async () => {
    const closed = await inFront(sandbox, '', (status, body) => ({ status, body }));
    await closed.close();
    const report = await runProbe(
      { origin: closed.origin, key: SANDBOX_API_KEY, label: 'x' },
      SANDBOX_EXAMPLES,
    );
    expect(report.endpoints.map(({ problem }) => problem)).toEqual(
      Array(7).fill('no answer: the connection failed'),
    );
  }, 60_000);
});

describe('runProbe against an API that never answers', () => {
  it('gives up on each endpoint at the deadline passed in, and says so', async () => {
    const stalled = createServer(() => undefined);
    await new Promise<void>((listening) => stalled.listen(0, '127.0.0.1', listening));
    const address = stalled.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const report = await runProbe(
        { origin: `http://127.0.0.1:${port}`, key: 'k', label: 'x' },
        SANDBOX_EXAMPLES,
        200,
      );
      expect(report.endpoints.map(({ problem }) => problem)).toEqual(
        Array(7).fill('no answer within 0.2 seconds'),
      );
    } finally {
      stalled.closeAllConnections();
      await new Promise((closed) => stalled.close(closed));
    }
  }, 60_000);
});

describe('optionsOf and confirmed', () => {
  it('takes the examples, the report file and --yes from the command line, the rest from the defaults', () => {
    expect(
      optionsOf(
        ['--video=https://www.tiktok.com/@a/video/1', '--query=vegan food', '--yes'],
        SANDBOX_EXAMPLES,
      ),
    ).toEqual({
      examples: { ...SANDBOX_EXAMPLES, video: 'https://www.tiktok.com/@a/video/1', query: 'vegan food' },
      yes: true,
      out: 'probe-report.json',
    });
    expect(
      optionsOf(['--creator=@mika.travels', '--photo=p', '--out=/tmp/r.json'], SANDBOX_EXAMPLES),
    ).toEqual({
      examples: { ...SANDBOX_EXAMPLES, creator: '@mika.travels', photo: 'p' },
      yes: false,
      out: '/tmp/r.json',
    });
  });

  it('goes on with --yes, or a yes typed at a terminal, and never asks without one', async () => {
    const options = optionsOf([], SANDBOX_EXAMPLES);
    const questions: string[] = [];
    const terminal = (isTTY: boolean, typed: string) => ({
      isTTY,
      question: (text: string) => {
        questions.push(text);
        return Promise.resolve(typed);
      },
    });
    expect(await confirmed({ ...options, yes: true }, terminal(false, ''))).toBe(true);
    expect(await confirmed(options, terminal(false, 'y'))).toBe(false);
    expect(questions).toEqual([]);
    expect(await confirmed(options, terminal(true, ' Y '))).toBe(true);
    expect(await confirmed(options, terminal(true, 'yes'))).toBe(true);
    expect(await confirmed(options, terminal(true, ''))).toBe(false);
    expect(await confirmed(options, terminal(true, 'yesterday'))).toBe(false);
    expect(questions).toEqual(['Go on? (y/N) ', 'Go on? (y/N) ', 'Go on? (y/N) ', 'Go on? (y/N) ']);
  });
});

// The README's command, exactly as a user types it: its `npm run build`, then the compiled
// dist/scripts/probe.js. The first case runs it so; the others run what it runs after the build,
// dist/scripts/probe.js on the same Node, with dist/ built once for the run (test/globalSetup.ts).
const npmProbe = (args: string[], extraEnv: Record<string, string>) =>
  npm(['run', 'probe', '--silent', '--', ...args], extraEnv, 90_000);
const probe = (args: string[], extraEnv: Record<string, string>) => built('probe', args, extraEnv, 90_000);

describe('npm run probe', () => {
  it('without a key probes the sandbox, finds no difference and writes the report', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'probe-')), 'report.json');
    const run = await npmProbe([`--out=${out}`], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Using the local DumplingAI sandbox (set DUMPLINGAI_API_KEY to probe the real API).',
    );
    expect(run.stdout).toContain('Every answer has the shape the app is built for.');
    expect(run.stdout).toContain(`The whole report: ${out}`);
    const report = JSON.parse(readFileSync(out, 'utf8')) as ProbeReport;
    expect([report.target, report.same, report.endpoints.length]).toEqual(['sandbox', true, 7]);
  }, 120_000);

  it('with a key and --yes asks that key’s API, and writes the key nowhere', async () => {
    const api = await startSandbox();
    const out = join(mkdtempSync(join(tmpdir(), 'probe-')), 'report.json');
    try {
      // The sandbox's own examples: the public ones are not in it.
      const examples = [
        `--video=${SANDBOX_EXAMPLES.video}`,
        `--photo=${SANDBOX_EXAMPLES.photo}`,
        `--creator=${SANDBOX_EXAMPLES.creator}`,
        `--query=${SANDBOX_EXAMPLES.query}`,
      ];
      const run = await probe(['--yes', `--out=${out}`, ...examples], {
        DUMPLINGAI_API_KEY: SANDBOX_API_KEY,
        DUMPLINGAI_BASE_URL: api.origin,
      });
      expect([run.code, run.stdout]).toEqual([
        0,
        expect.stringContaining('Every answer has the shape the app is built for.'),
      ]);
      expect(api.requests.filter(({ authorized }) => authorized)).toHaveLength(7);
      const written = readFileSync(out, 'utf8');
      expect((JSON.parse(written) as ProbeReport).target).toBe('DumplingAI');
      expect(written + run.stdout + run.stderr).not.toContain(SANDBOX_API_KEY);
    } finally {
      await api.close();
    }
  }, 120_000);

  it('with a key and no terminal says what it would cost, asks nothing, and stops before any call', async () => {
    const sandboxBefore = await startSandbox();
    try {
      const key = 'sk_live_PROBE_NEVER_SHOWN_0123';
      const run = await probe([], { DUMPLINGAI_API_KEY: key, DUMPLINGAI_BASE_URL: sandboxBefore.origin });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(
        `This asks DumplingAI (${sandboxBefore.origin}) 7 times with your key, once per endpoint the app uses: up to 7 credits, one per answered call.`,
      );
      expect(run.stderr).toContain(
        'Stopped: there is no terminal to confirm on, so nothing was asked. Run it again with --yes to go on without the question.',
      );
      expect(sandboxBefore.requests).toEqual([]);
      expect(run.stdout + run.stderr).not.toContain(key);
    } finally {
      await sandboxBefore.close();
    }
  }, 120_000);
});
