import { createServer, type IncomingMessage } from 'node:http';

import zapier, { type Bundle, type ZObject } from 'zapier-platform-core';

import App from '../index';
import { listenOnLoopback, stopServer } from '../sandbox/loopback';
import { getTikTokVideos } from '../src/searches/getTikTokVideos';
import sampleResponse from '../src/zapier/samples/video.json';

// Get TikTok Videos against a loopback DumplingAI that answers every lookup after a fixed delay,
// run through Zapier's runner as a Zap runs it: how many of 25 links one step fetches, how long the
// step takes, and the most lookups in flight at once. And against one that refuses (429, Retry-After
// 1 s) whenever more than 4 are in flight. `npm run bench:batch`, and part of `npm run bench`.

export interface Upstream {
  /** How long every lookup takes. */
  delayMs: number;
  /** Refuse with a 429 any lookup that would make more than this many in flight. */
  refuseAbove?: number;
}

export interface Figures {
  fetched: number;
  reported: number;
  stepMs: number;
  mostInFlight: number;
  requests: number;
  refused: number;
}

const LINKS = Array.from(
  { length: 25 },
  (_, n) => `https://www.tiktok.com/@user/video/73000000000000000${String(n).padStart(2, '0')}`,
);

const bodyOf = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    request.on('error', reject);
  });

/** Runs the step once over 25 links against an upstream that behaves as `upstream` says. */
export const benchBatch = async ({ delayMs, refuseAbove }: Upstream): Promise<Figures> => {
  const counts = { inFlight: 0, mostInFlight: 0, requests: 0, refused: 0 };
  const server = createServer((request, response) => {
    counts.requests += 1;
    counts.inFlight += 1;
    counts.mostInFlight = Math.max(counts.mostInFlight, counts.inFlight);
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      counts.inFlight -= 1;
      response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      response.end(JSON.stringify(body));
    };
    void bodyOf(request).then((text) => {
      if (refuseAbove !== undefined && counts.inFlight > refuseAbove) {
        counts.refused += 1;
        answer(429, { error: 'Too many requests' }, { 'Retry-After': '1' });
        return;
      }
      const { url } = JSON.parse(text) as { url: string };
      setTimeout(() => {
        answer(200, { ...sampleResponse, id: url.split('/').pop() });
      }, delayMs);
    });
  });
  const port = await listenOnLoopback(server, 0);
  process.env.DUMPLINGAI_BASE_URL = `http://127.0.0.1:${port}`;
  try {
    const perform = getTikTokVideos.operation.perform as (z: ZObject, bundle: Bundle) => unknown;
    const started = performance.now();
    const [result] = (await zapier.createAppTester(App)(perform, {
      authData: { apiKey: 'sk_bench_0000' },
      inputData: { urls: LINKS },
    })) as { succeeded: number; failed: number }[];
    const stepMs = performance.now() - started;
    return {
      fetched: result?.succeeded ?? 0,
      reported: result?.failed ?? 0,
      stepMs,
      mostInFlight: counts.mostInFlight,
      requests: counts.requests,
      refused: counts.refused,
    };
  } finally {
    delete process.env.DUMPLINGAI_BASE_URL;
    await stopServer(server);
  }
};

export const FULL_RUN: readonly Upstream[] = [
  { delayMs: 1_000 },
  { delayMs: 2_000 },
  { delayMs: 3_000 },
  { delayMs: 5_000 },
  { delayMs: 1_000, refuseAbove: 4 },
  { delayMs: 5_000, refuseAbove: 4 },
];

/** The README's table: one row per upstream, each a step of its own. */
export const batchTable = async (upstreams: readonly Upstream[] = FULL_RUN): Promise<string> => {
  const rows = ['| Upstream | Links fetched | Step time | Most in flight | Requests (refused) |'];
  rows.push('| --- | --- | --- | --- | --- |');
  for (const upstream of upstreams) {
    const figures = await benchBatch(upstream);
    const refusing =
      upstream.refuseAbove === undefined ? '' : `, 429 above ${upstream.refuseAbove} in flight`;
    rows.push(
      `| ${upstream.delayMs / 1000} s a lookup${refusing} | ${figures.fetched}/25 | ${(figures.stepMs / 1000).toFixed(1)} s | ${figures.mostInFlight} | ${figures.requests} (${figures.refused}) |`,
    );
  }
  return rows.join('\n');
};

if (require.main === module) {
  void batchTable().then((table) => {
    console.log(table);
  });
}
