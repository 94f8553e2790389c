import { spawn } from 'node:child_process';

import type { Bundle, ZObject } from 'zapier-platform-core';

import {
  SAMPLE_CREATOR,
  SAMPLE_QUERY,
  SANDBOX_API_KEY,
  SAMPLE_VIDEO_URL,
  startSandbox,
  type Sandbox,
} from '../sandbox/server';
import { PROJECT_ROOT, ZAPIER_CLI } from './paths';
import { userMessageOf } from '../src/dumplingai/errors';
import { hydrateTranscripts } from './hydrate';
import { runMain } from './main';

// The main job: runs the Get TikTok Video step (or, with `transcript`, `creator`, `videos` or
// `profile` first, Get TikTok Transcript, the New TikTok Video by Creator trigger, Get TikTok
// Creator Videos or Get TikTok Profile) through Zapier's own local runner (`zapier-platform
// invoke`), against the real API when DUMPLINGAI_API_KEY is set, otherwise against the embedded
// sandbox. With `--hydrate`, each transcript field is resolved as Zapier resolves it for a later
// step that maps it.

/** The CLI prints a thrown error as ` ›   Error: <message>`, then the core's trace. */
export const userMessageFromCliError = (stderr: string): string | null => {
  const line = stderr.split('\n').find((text) => /^\s*›\s+Error: /.test(text));
  return line === undefined ? null : userMessageOf(line.replace(/^\s*›\s+Error: /, '').trim());
};

/** What Zapier's runner did: its exit status and what it printed. */
export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Job {
  kind: 'search' | 'trigger';
  step: string;
  label: string;
  input: Record<string, string>;
}

/**
 * What to run, from the command line: `<link>`, `transcript <link> [language]`, `creator
 * <creator>[,<creator>…]` (the trigger; several may also be given as separate words), `videos
 * <creator> [how many]`, `profile <creator>`, `creators <query>` or `comments <link>`.
 */
export const jobOf = (args: string[]): Job => {
  if (args[0] === 'creator') {
    return {
      kind: 'trigger',
      step: 'new_video_by_creator',
      label: 'New TikTok Video by Creator',
      input: { creator: args.slice(1).join(',') || SAMPLE_CREATOR },
    };
  }
  if (args[0] === 'videos') {
    const input: Record<string, string> = { creator: args[1] ?? SAMPLE_CREATOR };
    if (args[2] !== undefined) input.maxVideos = args[2];
    return { kind: 'search', step: 'get_tiktok_creator_videos', label: 'Get TikTok Creator Videos', input };
  }
  if (args[0] === 'profile') {
    return {
      kind: 'search',
      step: 'get_tiktok_profile',
      label: 'Get TikTok Profile',
      input: { creator: args[1] ?? SAMPLE_CREATOR },
    };
  }
  if (args[0] === 'creators') {
    return {
      kind: 'search',
      step: 'find_tiktok_creators',
      label: 'Find TikTok Creator',
      input: { query: args.slice(1).join(' ') || SAMPLE_QUERY },
    };
  }
  if (args[0] === 'comments') {
    return {
      kind: 'search',
      step: 'get_tiktok_video_comments',
      label: 'Get TikTok Video Comments',
      input: { url: args[1] ?? SAMPLE_VIDEO_URL },
    };
  }
  if (args[0] === 'transcript') {
    const input: Record<string, string> = { url: args[1] ?? SAMPLE_VIDEO_URL };
    if (args[2] !== undefined) input.language = args[2];
    return { kind: 'search', step: 'get_tiktok_transcript', label: 'Get TikTok Transcript', input };
  }
  return {
    kind: 'search',
    step: 'get_tiktok_video',
    label: 'Get TikTok Video',
    input: { url: args[0] ?? SAMPLE_VIDEO_URL },
  };
};

/** The runner's printed result: the JSON after its first `[`; null when there is none. */
const resultIn = (stdout: string): unknown => {
  try {
    return JSON.parse(stdout.slice(stdout.indexOf('['))) as unknown;
  } catch {
    return null;
  }
};

/** Get TikTok Transcript's plain transcript, to show before the whole result. */
export const transcriptIn = (stdout: string): string | null => {
  const result = resultIn(stdout);
  const [first] = Array.isArray(result) ? (result as { transcript?: unknown }[]) : [];
  return typeof first?.transcript === 'string' ? first.transcript : null;
};

/** Points the app in this process at `baseUrl`, or at DumplingAI's own address when it is unset. */
export const useApiAddress = (baseUrl: string | undefined): void => {
  if (baseUrl === undefined) delete process.env.DUMPLINGAI_BASE_URL;
  else process.env.DUMPLINGAI_BASE_URL = baseUrl;
};

/**
 * Resolves transcript pointers through the app, as Zapier does for a step that maps the field.
 * The core is loaded here, told it runs locally, so it prints none of its production logging.
 */
const transcriptResolver = async (apiKey: string) => {
  process.env.NODE_ENV = 'test';
  const { default: zapier } = await import('zapier-platform-core');
  const { default: App } = await import('../index');
  const tester = zapier.createAppTester(App);
  const hydrator = (App.hydrators as Record<string, (z: ZObject, bundle: Bundle) => Promise<unknown>>)
    .transcript;
  return (inputData: Record<string, unknown>): Promise<unknown> =>
    tester(hydrator as never, { authData: { apiKey }, inputData });
};

const NOTHING_FOUND: Readonly<Record<string, string>> = {
  get_tiktok_transcript:
    '\nNo transcript was found: the video has no captions in that language (try another, such as es), or none at all. Zapier treats it as "nothing found".',
  get_tiktok_profile: '\nNo TikTok account has that username: Zapier treats it as "nothing found".',
  find_tiktok_creators:
    '\nNo TikTok creator matched (or none was left after the filters): Zapier treats it as "nothing found".',
  get_tiktok_video_comments: '\nNo video was found at that address: Zapier treats it as "nothing found".',
  new_video_by_creator: '\nThe creator has no posts yet: the trigger has nothing to start a Zap with.',
};

/** Runs a job's step, with `env` (the API address and the key as Zapier's runner reads them). */
export type Invoke = (job: Job, env: NodeJS.ProcessEnv) => Promise<Outcome>;

const invokeStep: Invoke = ({ kind, step, input }, env) =>
  new Promise((resolveOutcome, reject) => {
    const child = spawn(
      process.execPath,
      [ZAPIER_CLI, 'invoke', kind, step, '--non-interactive', '-i', JSON.stringify(input)],
      // A very wide "terminal" keeps the CLI from wrapping error messages across lines.
      { cwd: PROJECT_ROOT, env: { ...env, OCLIF_COLUMNS: '100000' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolveOutcome({ code: code ?? 1, stdout, stderr });
    });
  });

/**
 * The job `args` name, against the real API when `env` has DUMPLINGAI_API_KEY, otherwise against
 * the sandbox; what it prints goes to the console. `invoke` is Zapier's CLI unless a test runs the
 * step in its own process.
 */
export const main = async (
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  invoke: Invoke = invokeStep,
): Promise<number> => {
  const hydrate = args.includes('--hydrate');
  const job = jobOf(args.filter((arg) => arg !== '--hydrate'));
  const realKey = env.DUMPLINGAI_API_KEY?.trim() ?? '';
  let sandbox: Sandbox | undefined;
  const stepEnv: NodeJS.ProcessEnv = { ...env };
  delete stepEnv.DUMPLINGAI_API_KEY;

  if (realKey !== '') {
    stepEnv.authData_apiKey = realKey;
    console.log(
      'Using the real DumplingAI API (DUMPLINGAI_API_KEY is set). This lookup costs 1 credit if it succeeds.',
    );
  } else {
    sandbox = await startSandbox();
    stepEnv.DUMPLINGAI_BASE_URL = sandbox.origin;
    stepEnv.authData_apiKey = SANDBOX_API_KEY;
    console.log(
      `Using the local DumplingAI sandbox at ${sandbox.origin} (set DUMPLINGAI_API_KEY to use the real API).`,
    );
  }
  console.log(`${job.label}: ${Object.values(job.input).join(' ')}\n`);
  const apiKey = stepEnv.authData_apiKey;

  try {
    const outcome = await invoke(job, stepEnv);
    if (outcome.code === 0) {
      const transcript = job.step === 'get_tiktok_transcript' ? transcriptIn(outcome.stdout) : null;
      if (transcript !== null) console.log(`Transcript:\n\n${transcript}\n\nThe whole result:\n`);
      if (hydrate) {
        // Resolved in this process, against the same DumplingAI (the sandbox, or the real API).
        useApiAddress(stepEnv.DUMPLINGAI_BASE_URL);
        const resolve = await transcriptResolver(apiKey);
        // The app's log lines (rate limits) are for Zapier's monitoring, not this output.
        const log = console.log;
        console.log = () => undefined;
        const resolved = await hydrateTranscripts(resultIn(outcome.stdout), resolve).finally(() => {
          console.log = log;
        });
        console.log('Each transcript field as a later step that maps it receives it (one lookup each):\n');
        console.log(JSON.stringify(resolved, null, 2));
        return 0;
      }
      console.log(outcome.stdout.trimEnd());
      if (outcome.stdout.trim().endsWith('[]')) {
        console.log(
          NOTHING_FOUND[job.step] ??
            '\nNo video was found at that address: the step returns nothing, and Zapier treats it as "nothing found".',
        );
      }
      return 0;
    }
    const message = userMessageFromCliError(outcome.stderr);
    console.error(
      message === null ? outcome.stderr : `The step failed. What a Zap user would see:\n${message}`,
    );
    return 1;
  } finally {
    await sandbox?.close();
  }
};

if (require.main === module) runMain(() => main(process.argv.slice(2)));
