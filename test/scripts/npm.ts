import { execFile } from 'node:child_process';
import { delimiter, join } from 'node:path';

import { PROJECT_ROOT } from '../../scripts/paths';
import { withBuildLock, withBuiltDist } from '../buildLock';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** npm puts the project's node_modules/.bin first on a script's PATH: `node` is the pinned Node 22. */
const NPM_BIN = join(PROJECT_ROOT, 'node_modules', '.bin');

/**
 * A command with no key or API address from the developer's shell, and stdin a pipe closed at
 * once (no terminal), under `lock`: `npm start` and `npm run probe` rebuild dist/, the others read it.
 */
const run = (
  lock: typeof withBuildLock,
  file: string,
  args: string[],
  extraEnv: Record<string, string>,
  timeoutMs: number,
): Promise<Run> => {
  const env = { ...process.env };
  delete env.DUMPLINGAI_API_KEY;
  delete env.DUMPLINGAI_BASE_URL;
  Object.assign(env, extraEnv);
  return lock(
    () =>
      new Promise((done) => {
        const child = execFile(
          file,
          args,
          { cwd: PROJECT_ROOT, env, timeout: timeoutMs },
          (error, stdout, stderr) => {
            done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
          },
        );
        child.stdin?.end();
      }),
  );
};

/**
 * An npm script as a user types it (`npm start -- …`, `npm run probe -- …`): its `npm run build`,
 * then the compiled script.
 */
export const npm = (npmArgs: string[], extraEnv: Record<string, string>, timeoutMs: number): Promise<Run> =>
  run(withBuildLock, 'npm', npmArgs, extraEnv, timeoutMs);

/**
 * What `npm start` (`run`) or `npm run probe` (`probe`) runs once its build is done: the compiled
 * script, on the Node npm would use (with PATH as npm sets it). dist/ is built once for the whole
 * run (test/globalSetup.ts), so these do not rebuild it; the cases that call npm() keep the npm
 * commands themselves proven.
 */
export const built = (
  script: 'run' | 'probe',
  args: string[],
  extraEnv: Record<string, string>,
  timeoutMs: number,
): Promise<Run> =>
  run(
    withBuiltDist,
    join(NPM_BIN, 'node'),
    [join(PROJECT_ROOT, 'dist', 'scripts', `${script}.js`), ...args],
    { PATH: `${NPM_BIN}${delimiter}${process.env.PATH ?? ''}`, ...extraEnv },
    timeoutMs,
  );
