import { execFile } from 'node:child_process';

import { PROJECT_ROOT } from '../scripts/paths';
import { withBuildLock } from './buildLock';

/**
 * The end-to-end project's global setup: `npm run build` once for the whole run, before any of its
 * test files. They run the compiled scripts (dist/scripts/run.js, probe.js) and stage dist/ into
 * build.zip; only the cases that prove `npm start` and `npm run probe` themselves build again (with
 * nothing changed, an incremental build that writes nothing).
 */
export default async (): Promise<void> => {
  await withBuildLock(
    () =>
      new Promise<void>((done, fail) => {
        execFile('npm', ['run', 'build', '--silent'], { cwd: PROJECT_ROOT }, (error, stdout, stderr) => {
          if (error) fail(new Error(`npm run build failed:\n${stdout}${stderr}`));
          else done();
        });
      }),
  );
};
