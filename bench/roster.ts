import { createServer } from 'node:http';

import zapier, { type Bundle, type ZObject } from 'zapier-platform-core';

import App from '../index';
import { listenOnLoopback, stopServer } from '../sandbox/loopback';
import { newVideoByCreator } from '../src/triggers/newVideoByCreator';

// New TikTok Video by Creator watching 25 creators, against a loopback DumplingAI that answers
// every creator after a fixed delay, run through Zapier's runner as a poll runs: how many creators
// one poll asks, how long it takes, and the most asked at once. Part of `npm run bench`.

export interface RosterFigures {
  asked: number;
  items: number;
  pollMs: number;
  mostInFlight: number;
}

const CREATORS = Array.from({ length: 25 }, (_, n) => `creator${String(n).padStart(2, '0')}`);

/** One poll over 25 creators, each answering after `delayMs` with two posts. */
export const benchRoster = async (delayMs: number): Promise<RosterFigures> => {
  const counts = { inFlight: 0, mostInFlight: 0, asked: 0 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      counts.asked += 1;
      counts.inFlight += 1;
      counts.mostInFlight = Math.max(counts.mostInFlight, counts.inFlight);
      const { handle } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { handle: string };
      const n = Number(handle.slice(-2));
      setTimeout(() => {
        counts.inFlight -= 1;
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(
          JSON.stringify({
            has_more: 0,
            aweme_list: [1, 2].map((k) => ({
              aweme_id: String(7300000000000000000n + BigInt(n * 10 + k)),
              create_time: 1_750_000_000 + n * 10 + k,
              author: { unique_id: handle },
            })),
          }),
        );
      }, delayMs);
    });
  });
  const port = await listenOnLoopback(server, 0);
  process.env.DUMPLINGAI_BASE_URL = `http://127.0.0.1:${port}`;
  try {
    const perform = (newVideoByCreator.operation as { perform: (z: ZObject, bundle: Bundle) => unknown })
      .perform;
    const started = performance.now();
    const items = (await zapier.createAppTester(App)(
      perform,
      {
        authData: { apiKey: 'sk_bench_0000' },
        inputData: { creator: CREATORS },
        meta: { isLoadingSample: false, isPopulatingDedupe: false, limit: -1, page: 0 },
      },
      true,
    )) as unknown[];
    return {
      asked: counts.asked,
      items: items.length,
      pollMs: performance.now() - started,
      mostInFlight: counts.mostInFlight,
    };
  } finally {
    delete process.env.DUMPLINGAI_BASE_URL;
    await stopServer(server);
  }
};

export const ROSTER_DELAYS: readonly number[] = [1_000, 3_000, 5_000];

/** The README's table: one row per delay, each a poll of its own. */
export const rosterTable = async (delays: readonly number[] = ROSTER_DELAYS): Promise<string> => {
  const rows = ['| Upstream | Creators asked | Poll time | Most at once |', '| --- | --- | --- | --- |'];
  for (const delayMs of delays) {
    const figures = await benchRoster(delayMs);
    rows.push(
      `| ${delayMs / 1000} s a creator | ${figures.asked}/25 | ${(figures.pollMs / 1000).toFixed(1)} s | ${figures.mostInFlight} |`,
    );
  }
  return rows.join('\n');
};

if (require.main === module) {
  void rosterTable().then((table) => {
    console.log(table);
  });
}
