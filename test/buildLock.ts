import { mkdir, rm, stat } from 'node:fs/promises';
import { resolve } from 'node:path';

import { PROJECT_ROOT } from '../scripts/paths';
const LOCK = resolve(PROJECT_ROOT, '.build-lock');
const STALE_MS = 120_000;

/**
 * Tests that rebuild dist/ (npm start, zapier-platform build) run in parallel workers; without
 * this, one could load a file the other is rewriting.
 */
export const withBuildLock = async <T>(work: () => Promise<T>): Promise<T> => {
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch {
      // A lock left by a killed run would otherwise block every later run.
      const age =
        Date.now() -
        (await stat(LOCK).then(
          (info) => info.mtimeMs,
          () => Date.now(),
        ));
      if (age > STALE_MS) await rm(LOCK, { recursive: true, force: true });
      else await new Promise((done) => setTimeout(done, 100));
    }
  }
  try {
    return await work();
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
};
