import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import zapier, { type Bundle, type HttpResponse, type ZObject } from 'zapier-platform-core';

import App from '../index';
import { batchTable } from './batch';
import { rosterTable } from './roster';
import { getTikTokVideo } from '../src/searches/getTikTokVideo';

import { SANDBOX_API_KEY, startSandbox } from '../sandbox/server';
import { buildStaged, stageApp, stageThisApp } from '../scripts/buildZip';
import { PROJECT_ROOT as ROOT } from '../scripts/paths';
import sampleResponse from '../src/zapier/samples/video.json';
import { addApiHeaders, logRateLimit, throwForApiError } from '../src/dumplingai/middleware';
import { checkTikTokLink } from '../src/tiktok/link';
import { flattenVideo } from '../src/zapier/flatten';

// Benchmarks: every figure is a ratio of two things measured side by side in this one run, so the
// machine's speed cancels out, except the batch's (bench/batch.ts), which are times against an
// upstream of known speed. Nothing here is a pass/fail threshold.

const BARE_APP = `module.exports = { version: '1.0.0', platformVersion: require('zapier-platform-core').version };\n`;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const ratio = (ours: number, bare: number): string => `${(ours / bare).toFixed(3)}×`;
const execFileAsync = promisify(execFile);
const run = async (args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<string> =>
  (await execFileAsync(process.execPath, args, { cwd, env, maxBuffer: 1 << 24 })).stdout;

// Loads an app and creates Zapier's handler in a fresh process; prints milliseconds and heap bytes.
const COLD_START = `
const t0 = process.hrtime.bigint();
const heap0 = process.memoryUsage().heapUsed;
const zapier = require('zapier-platform-core');
zapier.createAppHandler(require(process.argv[1]));
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
console.log(JSON.stringify({ ms, heap: process.memoryUsage().heapUsed - heap0 }));
`;

const coldStart = async (): Promise<void> => {
  const bareDir = mkdtempSync(join(ROOT, '.bench-'));
  const barePath = join(bareDir, 'bare.js');
  writeFileSync(barePath, BARE_APP);
  const ours: { ms: number; heap: number }[] = [];
  const bare: { ms: number; heap: number }[] = [];
  try {
    for (let round = 0; round < 15; round += 1) {
      // Alternating, so drift in the machine's load affects both sides alike.
      ours.push(
        JSON.parse(await run(['-e', COLD_START, join(ROOT, 'index.js')], ROOT)) as {
          ms: number;
          heap: number;
        },
      );
      bare.push(JSON.parse(await run(['-e', COLD_START, barePath], ROOT)) as { ms: number; heap: number });
    }
  } finally {
    rmSync(bareDir, { recursive: true, force: true });
  }
  const [oursMs, bareMs] = [median(ours.map((x) => x.ms)), median(bare.map((x) => x.ms))];
  const [oursHeap, bareHeap] = [median(ours.map((x) => x.heap)), median(bare.map((x) => x.heap))];
  console.log(
    `cold start time   : ${ratio(oursMs, bareMs)} a bare app (${oursMs.toFixed(1)} ms vs ${bareMs.toFixed(1)} ms, median of 15)`,
  );
  console.log(
    `cold start memory : ${ratio(oursHeap, bareHeap)} a bare app (${(oursHeap / 1e6).toFixed(2)} MB vs ${(bareHeap / 1e6).toFixed(2)} MB heap)`,
  );
};

const perCall = async (): Promise<void> => {
  const sandbox = await startSandbox();
  process.env.DUMPLINGAI_BASE_URL = sandbox.origin;
  const appTester = zapier.createAppTester(App);
  const method = getTikTokVideo.operation.perform as (z: ZObject, bundle: Bundle) => unknown;
  const bundle = {
    authData: { apiKey: SANDBOX_API_KEY },
    inputData: { url: 'https://vm.tiktok.com/ZMhSandbox1/' },
  };
  const bareFetch = () =>
    fetch(`${sandbox.origin}/api/v1/get-tiktok-video`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${SANDBOX_API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ url: 'https://vm.tiktok.com/ZMhSandbox1/', requestSource: 'ZAPIER' }),
    }).then((response) => response.json());
  const time = async (work: () => Promise<unknown>, count: number): Promise<number> => {
    const start = performance.now();
    for (let i = 0; i < count; i += 1) await work();
    return (performance.now() - start) / count;
  };
  // The step logs the rate-limit headers on every call; they are not the benchmark's output.
  const log = console.log;
  console.log = () => undefined;
  try {
    await time(() => appTester(method, bundle), 20);
    await time(bareFetch, 20);
    const oursMs = await time(() => appTester(method, bundle), 200);
    const bareMs = await time(bareFetch, 200);
    console.log = log;
    console.log(
      `per call          : ${ratio(oursMs, bareMs)} a bare fetch (${oursMs.toFixed(2)} ms vs ${bareMs.toFixed(2)} ms, through Zapier's runner)`,
    );
  } finally {
    console.log = log;
    await sandbox.close();
  }
  // The app's own work per call, without HTTP or Zapier's runner: the URL check, the three
  // middleware functions (on a 200 with both rate-limit headers) and the flattening.
  const z = { console: { log: () => undefined } } as unknown as ZObject;
  const apiBundle = { authData: { apiKey: SANDBOX_API_KEY } } as unknown as Bundle;
  const headers: Record<string, string> = { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '99' };
  const response = {
    status: 200,
    request: { url: 'https://app.dumplingai.com/api/v1/get-tiktok-video' },
    getHeader: (name: string) => headers[name],
  } as unknown as HttpResponse;
  delete process.env.DUMPLINGAI_BASE_URL;
  const ownStart = performance.now();
  for (let i = 0; i < 10_000; i += 1) {
    const checked = checkTikTokLink(
      'https://www.tiktok.com/@dumpling.kitchen/video/7321234567890123456?lang=en',
    );
    await addApiHeaders(
      { url: response.request.url ?? '', method: 'POST', body: { url: checked } },
      z,
      apiBundle,
    );
    await logRateLimit(response, z, apiBundle);
    await throwForApiError(response, z, apiBundle);
    flattenVideo(sampleResponse);
  }
  console.log(
    `app's own work    : ${((performance.now() - ownStart) / 10_000).toFixed(4)} ms per call (URL check, middleware, flattening)`,
  );
};

const zipSize = async (): Promise<void> => {
  const { dependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: object;
  };
  console.log(`production deps   : ${Object.keys(dependencies).join(', ')}`);
  // Both built the same way: staged with the same production packages, then the real CLI build.
  const ourDir = stageThisApp();
  const bareDir = stageApp({
    'package.json': JSON.stringify({ name: 'bare', version: '1.0.0', main: 'index.js', dependencies }),
    'index.js': BARE_APP,
    '.zapierapprc': { copyFrom: '.zapierapprc' },
  });
  try {
    const ours = statSync((await buildStaged(ourDir)).zip).size;
    const bare = statSync((await buildStaged(bareDir)).zip).size;
    console.log(
      `build.zip size    : ${ratio(ours, bare)} a bare app (${(ours / 1e6).toFixed(3)} MB vs ${(bare / 1e6).toFixed(3)} MB)`,
    );
  } finally {
    for (const dir of [ourDir, bareDir]) rmSync(dir, { recursive: true, force: true });
  }
};

const main = async (): Promise<void> => {
  await coldStart();
  await perCall();
  await zipSize();
  // Not a ratio: the batch's figures are what one step does against an upstream of known speed.
  console.log(`batch of 25 links :\n${await batchTable()}`);
  console.log(`trigger, 25 creators :\n${await rosterTable()}`);
};

void main();
