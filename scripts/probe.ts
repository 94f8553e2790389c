import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';

import { SANDBOX_API_KEY, startSandbox } from '../sandbox/server';
import { apiUrl, REQUEST_SOURCE } from '../src/dumplingai/endpoints';
import { parseAnswer } from '../src/tiktok/json';
import { ENDPOINTS, REAL_EXAMPLES, SANDBOX_EXAMPLES, type Body, type Examples } from './probe/endpoints';
import {
  differences,
  noDifference,
  pathsRead,
  shapeOf,
  type Differences,
  type PathShape,
} from './probe/shape';
import { runMain } from './main';

// `npm run probe`: asks each endpoint the app uses once and reports how each answer's shape
// differs from the answers the app is built and tested against (the sandbox's). With
// DUMPLINGAI_API_KEY set it asks the real API, after saying what that costs; without, the sandbox,
// where it must find no difference. It records shapes only, and never writes the key anywhere.

const DEFAULT_REPORT = 'probe-report.json';
const DEADLINE_MS = 60_000;

export interface ProbeTarget {
  origin: string;
  key: string;
  /** What the report calls it: never the key. */
  label: string;
}

export interface EndpointReport {
  name: string;
  path: string;
  /** What was asked (a public link, a username or a query). */
  asked: Body;
  status: number | null;
  /** Why there is nothing to compare: no answer, no JSON, not a 200. */
  problem: string | null;
  shape: PathShape[];
  /** The paths the app's readers looked at, present or not: what the app reads of this endpoint. */
  read: string[];
  /** The sandbox's answer it was compared with, closest in shape. */
  comparedWith: Body | null;
  differences: Differences | null;
}

export interface ProbeReport {
  target: string;
  endpoints: EndpointReport[];
  same: boolean;
}

interface Answer {
  status: number | null;
  content: string;
  problem: string | null;
}

const ask = async (
  target: ProbeTarget,
  path: string,
  body: Body,
  deadlineMs = DEADLINE_MS,
): Promise<Answer> => {
  try {
    const response = await fetch(`${target.origin}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${target.key}` },
      body: JSON.stringify({ ...body, requestSource: REQUEST_SOURCE }),
      // The key goes to this origin only: a redirect is reported, not followed.
      redirect: 'manual',
      signal: AbortSignal.timeout(deadlineMs),
    });
    const content = await response.text();
    return {
      status: response.status,
      content,
      problem: response.status === 200 ? null : `answered ${response.status}`,
    };
  } catch (error) {
    // fetch's errors may come from another realm (jest's), so the name is read, not the class.
    const timedOut =
      typeof error === 'object' && error !== null && 'name' in error && error.name === 'TimeoutError';
    return {
      status: null,
      content: '',
      problem: timedOut
        ? `no answer within ${deadlineMs / 1000} seconds`
        : 'no answer: the connection failed',
    };
  }
};

const observe = (content: string, read: (data: unknown) => unknown) => {
  const shape = shapeOf(content) ?? [];
  return { shape, read: pathsRead(parseAnswer(content), read) };
};

// How alike two shapes are: the paths they share over the paths either has.
const likeness = (a: PathShape[], b: PathShape[]): number => {
  const paths = new Set(a.map(({ path }) => path));
  const shared = b.filter(({ path }) => paths.has(path)).length;
  return shared / (paths.size + b.length - shared || 1);
};

/** Asks every endpoint once and compares each answer with the sandbox's closest model answer. */
export const runProbe = async (
  target: ProbeTarget,
  examples: Examples,
  deadlineMs = DEADLINE_MS,
): Promise<ProbeReport> => {
  const sandbox = await startSandbox();
  const models: ProbeTarget = { origin: sandbox.origin, key: SANDBOX_API_KEY, label: 'sandbox' };
  try {
    const endpoints: EndpointReport[] = [];
    for (const endpoint of ENDPOINTS) {
      const asked = endpoint.body(examples);
      const answer = await ask(target, endpoint.path, asked, deadlineMs);
      const shape = shapeOf(answer.content);
      const problem = answer.problem ?? (shape === null ? 'answered 200 with no JSON' : null);
      if (problem !== null || shape === null) {
        endpoints.push({
          name: endpoint.name,
          path: endpoint.path,
          asked,
          status: answer.status,
          problem,
          shape: shape ?? [],
          read: [],
          comparedWith: null,
          differences: null,
        });
        continue;
      }
      const observed = observe(answer.content, endpoint.read);
      let closest: { body: Body; model: ReturnType<typeof observe>; likeness: number } | null = null;
      for (const body of endpoint.models) {
        const model = await ask(models, endpoint.path, body);
        if (model.status !== 200) continue;
        const seen = observe(model.content, endpoint.read);
        const alike = likeness(seen.shape, shape);
        if (closest === null || alike > closest.likeness) closest = { body, model: seen, likeness: alike };
      }
      endpoints.push({
        name: endpoint.name,
        path: endpoint.path,
        asked,
        status: answer.status,
        problem: closest === null ? 'the sandbox has no model answer' : null,
        shape,
        read: [...observed.read].sort(),
        comparedWith: closest?.body ?? null,
        differences: closest === null ? null : differences(closest.model, observed),
      });
    }
    const same = endpoints.every((entry) => entry.differences !== null && noDifference(entry.differences));
    return { target: target.label, endpoints, same };
  } finally {
    await sandbox.close();
  }
};

const listed = (paths: string[]): string =>
  paths.length > 6 ? `${paths.slice(0, 6).join(', ')}, …` : paths.join(', ');

/** The report in a few lines a person reads. */
export const summaryOf = (report: ProbeReport): string => {
  const lines = report.endpoints.map(({ name, path, problem, differences: found }) => {
    if (found === null) return `${name} (${path}): nothing compared, ${problem ?? 'no answer'}.`;
    if (noDifference(found)) return `${name} (${path}): no difference.`;
    const parts = [
      found.readButAbsent.length > 0 && `read by the app but absent: ${listed(found.readButAbsent)}`,
      found.ignored.length > 0 && `new and ignored by the app: ${listed(found.ignored)}`,
      found.typesDiffer.length > 0 &&
        `types differ: ${listed(found.typesDiffer.map(({ path: at, model, answer }) => `${at} (${model.join('|')} → ${answer.join('|')})`))}`,
    ].filter((part): part is string => typeof part === 'string');
    return `${name} (${path}): ${parts.join('; ')}.`;
  });
  const verdict = report.same
    ? 'Every answer has the shape the app is built for.'
    : 'Some answers differ from the shapes the app is built for: see the report.';
  return [...lines, verdict].join('\n');
};

export interface Options {
  examples: Examples;
  yes: boolean;
  out: string;
}

/** `--video=<link> --photo=<link> --creator=<username> --query=<words> --out=<file> --yes`. */
export const optionsOf = (args: string[], base: Examples): Options => {
  const value = (name: string): string | undefined =>
    args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  return {
    examples: {
      video: value('video') ?? base.video,
      photo: value('photo') ?? base.photo,
      creator: value('creator') ?? base.creator,
      query: value('query') ?? base.query,
    },
    yes: args.includes('--yes'),
    out: value('out') ?? DEFAULT_REPORT,
  };
};

/** Whether to go on with paid calls: `--yes`, or a "y" typed at a terminal; never asked without one. */
export const confirmed = async (
  options: Options,
  terminal: { isTTY: boolean; question: (text: string) => Promise<string> },
): Promise<boolean> => {
  if (options.yes) return true;
  if (!terminal.isTTY) return false;
  return /^y(es)?$/i.test((await terminal.question('Go on? (y/N) ')).trim());
};

const main = async (): Promise<number> => {
  const key = process.env.DUMPLINGAI_API_KEY?.trim() ?? '';
  const real = key !== '';
  const options = optionsOf(process.argv.slice(2), real ? REAL_EXAMPLES : SANDBOX_EXAMPLES);
  let target: ProbeTarget;
  let sandbox: Awaited<ReturnType<typeof startSandbox>> | undefined;
  if (real) {
    const origin = new URL(apiUrl('/')).origin;
    console.log(
      `This asks DumplingAI (${origin}) ${ENDPOINTS.length} times with your key, once per endpoint the app uses: up to ${ENDPOINTS.length} credits, one per answered call.`,
    );
    const terminal = createInterface({ input: process.stdin, output: process.stdout });
    try {
      const go = await confirmed(options, {
        isTTY: process.stdin.isTTY,
        question: (text) => terminal.question(text),
      });
      if (!go) {
        console.error(
          process.stdin.isTTY
            ? 'Stopped: nothing was asked.'
            : 'Stopped: there is no terminal to confirm on, so nothing was asked. Run it again with --yes to go on without the question.',
        );
        return 1;
      }
    } finally {
      terminal.close();
    }
    target = { origin, key, label: 'DumplingAI' };
  } else {
    sandbox = await startSandbox();
    target = { origin: sandbox.origin, key: SANDBOX_API_KEY, label: 'sandbox' };
    console.log('Using the local DumplingAI sandbox (set DUMPLINGAI_API_KEY to probe the real API).');
  }
  try {
    const report = await runProbe(target, options.examples);
    writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`${summaryOf(report)}\nThe whole report: ${options.out}`);
    return report.same ? 0 : 2;
  } finally {
    await sandbox?.close();
  }
};

if (require.main === module) runMain(main);
