import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { PROJECT_ROOT } from '../scripts/paths';

const LOCK = resolve(PROJECT_ROOT, '.build-lock');
/** Held by one process at a time: whoever may rebuild dist/, or is signing a reader in. */
const WRITER = join(LOCK, 'writer');
/** One empty file per run that reads dist/, named `<pid>-<n>`. */
const READERS = join(LOCK, 'readers');
const STALE_MS = 120_000;

const pause = () => new Promise((done) => setTimeout(done, 100));

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const acquire = async (): Promise<void> => {
  await mkdir(LOCK, { recursive: true });
  for (;;) {
    try {
      await mkdir(WRITER);
      return;
    } catch {
      // A lock left by a killed run would otherwise block every later run.
      const age =
        Date.now() -
        (await stat(WRITER).then(
          (info) => info.mtimeMs,
          () => Date.now(),
        ));
      if (age > STALE_MS) await rm(WRITER, { recursive: true, force: true });
      else await pause();
    }
  }
};

const release = () => rm(WRITER, { recursive: true, force: true });

/** The readers still running; a killed run's file is removed. */
const readers = async (): Promise<string[]> => {
  const names = await readdir(READERS).catch(() => []);
  const running: string[] = [];
  for (const name of names) {
    if (alive(Number(name.split('-')[0]))) running.push(name);
    else await rm(join(READERS, name), { force: true });
  }
  return running;
};

/**
 * Tests that rebuild dist/ (npm start, npm run probe, the global setup's npm run build) run in
 * parallel workers with tests that read it (the compiled scripts, build.zip's staging); without
 * this, one could load a file the other is rewriting. This one waits for every reader to finish,
 * and holds the others off until it is done.
 */
export const withBuildLock = async <T>(work: () => Promise<T>): Promise<T> => {
  await acquire();
  try {
    while ((await readers()).length > 0) await pause();
    return await work();
  } finally {
    await release();
  }
};

let readCount = 0;

/** For work that only reads dist/: any number run at once, never while a rebuild runs. */
export const withBuiltDist = async <T>(work: () => Promise<T>): Promise<T> => {
  await acquire();
  const token = join(READERS, `${process.pid}-${++readCount}`);
  try {
    await mkdir(READERS, { recursive: true });
    await writeFile(token, '');
  } finally {
    await release();
  }
  try {
    return await work();
  } finally {
    await rm(token, { force: true });
  }
};
