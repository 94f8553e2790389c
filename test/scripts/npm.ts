import { execFile } from 'node:child_process';

import { PROJECT_ROOT } from '../../scripts/paths';
import { withBuildLock } from '../buildLock';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * An npm script as a user types it (`npm start -- …`, `npm run probe -- …`), with no key or API
 * address from the developer's shell, and stdin a pipe closed at once (no terminal).
 */
export const npm = (npmArgs: string[], extraEnv: Record<string, string>, timeoutMs: number): Promise<Run> => {
  const env = { ...process.env };
  delete env.DUMPLINGAI_API_KEY;
  delete env.DUMPLINGAI_BASE_URL;
  Object.assign(env, extraEnv);
  return withBuildLock(
    () =>
      new Promise((done) => {
        const child = execFile(
          'npm',
          npmArgs,
          { cwd: PROJECT_ROOT, env, timeout: timeoutMs },
          (error, stdout, stderr) => {
            done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
          },
        );
        child.stdin?.end();
      }),
  );
};
