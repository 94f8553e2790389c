import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

// These scripts run both compiled (dist/scripts) and from source (tests): the project root is the
// nearest folder up that holds .zapierapprc, which dist/ never does.
const findRoot = (dir: string): string =>
  existsSync(join(dir, '.zapierapprc')) || dirname(dir) === dir ? dir : findRoot(dirname(dir));

export const PROJECT_ROOT = findRoot(__dirname);
