import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import AdmZip from 'adm-zip';

import { SANDBOX_API_KEY, startSandbox, type Sandbox } from '../../sandbox/server';
import { buildStaged, stageThisApp } from '../../scripts/buildZip';
import { withBuiltDist } from '../buildLock';

// The real artifact: `zapier-platform build` offline (see scripts/buildZip.ts), then build.zip
// unpacked into an empty folder and run through its zapierwrapper.js, the way Zapier's Lambda runs
// it. This catches files missing from the bundle, which no unit test sees.

const exec = (args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(process.execPath, args, { ...options, timeout: 120_000 }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });

// Loads the wrapper in a fresh Node process, as Lambda does, and prints the handler's results.
const LAMBDA = `
const { handler } = require('./zapierwrapper.js');
const [method, bundle] = JSON.parse(process.argv[1]);
handler({ command: 'execute', method, bundle }, {}).then(
  (output) => console.log(JSON.stringify({ results: output.results })),
  (error) => console.log(JSON.stringify({ error: error.message })),
);
`;

let sandbox: Sandbox;
let staged: string;
let unpacked: string;
let build: Awaited<ReturnType<typeof buildStaged>>;

const invoke = async (method: string, bundle: unknown) => {
  const run = await exec(['-e', LAMBDA, JSON.stringify([method, bundle])], {
    cwd: unpacked,
    env: { ...process.env, DUMPLINGAI_BASE_URL: sandbox.origin },
  });
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as { results?: unknown; error?: string };
};

beforeAll(async () => {
  sandbox = await startSandbox();
  // dist/ is compiled once for the run (test/globalSetup.ts); staging reads it, which the npm start
  // tests rebuild too.
  staged = await withBuiltDist(() => Promise.resolve(stageThisApp()));
  build = await buildStaged(staged);
  unpacked = mkdtempSync(join(tmpdir(), 'tiktok-build-'));
  new AdmZip(build.zip).extractAllTo(unpacked);
}, 180_000);

afterAll(async () => {
  for (const dir of [staged, unpacked]) rmSync(dir, { recursive: true, force: true });
  await sandbox.close();
});

describe('build.zip', () => {
  it('is built offline, with Zapier’s check answered by the local stand-in', () => {
    expect(build.output).toContain('Build complete!');
    expect(build.checkCalls).toContain('POST /check');
  });

  it('holds no development tools, only the app and its production packages', () => {
    const names = new AdmZip(build.zip).getEntries().map((entry) => entry.entryName);
    expect(
      names.filter((name) => /node_modules\/(jest|typescript|nock|zapier-platform-cli|eslint)\//.test(name)),
    ).toEqual([]);
  });

  it('holds the wrapper, the entry point and the compiled app', () => {
    for (const file of [
      'zapierwrapper.js',
      'index.js',
      'definition.json',
      'dist/index.js',
      'dist/src/dumplingai/client.js',
      'dist/src/zapier/samples/video.json',
    ]) {
      expect([file, existsSync(join(unpacked, file))]).toEqual([file, true]);
    }
  });

  it('runs Get TikTok Video through the Lambda handler against the sandbox', async () => {
    const output = await invoke('searches.get_tiktok_video.operation.perform', {
      authData: { apiKey: SANDBOX_API_KEY },
      inputData: { url: 'https://vm.tiktok.com/ZMhSandbox1/' },
    });
    expect(output.error).toBeUndefined();
    expect(output.results).toEqual([
      expect.objectContaining({ id: '7321234567890123456', hashtags: 'dumplings, cooking, foodtok' }),
    ]);
  }, 30_000);

  it('runs the connection test through the Lambda handler, with a good and a bad key', async () => {
    const good = await invoke('authentication.test', { authData: { apiKey: SANDBOX_API_KEY } });
    expect(good).toEqual({ results: { connected: true, account: null } });
    const bad = await invoke('authentication.test', { authData: { apiKey: 'sk_wrong' } });
    expect(bad.error).toContain(
      'Your DumplingAI API key is invalid or inactive. Copy a working key from your API Keys page (https://app.dumplingai.com/api-keys) and reconnect.',
    );
  }, 30_000);
});
