import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

// These scripts run both compiled (dist/scripts) and from source (tests): the project root is the
// nearest folder up that holds .zapierapprc, which dist/ never does.
const findRoot = (dir: string): string =>
  existsSync(join(dir, '.zapierapprc')) || dirname(dir) === dir ? dir : findRoot(dirname(dir));

export const PROJECT_ROOT = findRoot(__dirname);

/** Zapier's CLI, run with this process's Node (22), whatever `node` the shell would find. */
export const ZAPIER_CLI = join(
  dirname(require.resolve('zapier-platform-cli/package.json')),
  'src',
  'bin',
  'run',
);
