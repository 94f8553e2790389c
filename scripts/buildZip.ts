import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';

import { startCheckService } from '../sandbox/checkService';
import { PROJECT_ROOT, ZAPIER_CLI } from './paths';

// `zapier-platform build` normally copies the app to a temporary folder and installs its
// production dependencies there; offline that install cannot run, and building in place would zip
// the dev tools' files too. So the app's runtime files and its production packages are staged in
// a temporary folder, and the real CLI builds there with --skip-dep-install, its check service
// answered by a local stand-in.

const execFileAsync = promisify(execFile);

const productionPackages = (): string[] =>
  execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: PROJECT_ROOT })
    .toString()
    .trim()
    .split('\n')
    .slice(1)
    .map((dir) => relative(PROJECT_ROOT, dir));

/** A folder holding `files` (written as given) and this project's production packages. */
export const stageApp = (files: Record<string, string | { copyFrom: string }>): string => {
  const dir = mkdtempSync(join(tmpdir(), 'zapier-stage-'));
  for (const [name, content] of Object.entries(files)) {
    const target = join(dir, name);
    mkdirSync(dirname(target), { recursive: true });
    if (typeof content === 'string') writeFileSync(target, content);
    else cpSync(join(PROJECT_ROOT, content.copyFrom), target, { recursive: true });
  }
  for (const pkg of productionPackages())
    cpSync(join(PROJECT_ROOT, pkg), join(dir, pkg), { recursive: true });
  return dir;
};

/** This app as Zapier would install it: compiled code, entry point, settings, runtime packages. */
export const stageThisApp = (): string => {
  const { name, version, description, main, engines, dependencies } = JSON.parse(
    readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'),
  ) as Record<string, unknown>;
  return stageApp({
    'package.json': JSON.stringify({ name, version, description, main, engines, dependencies }, null, 2),
    'index.js': { copyFrom: 'index.js' },
    '.zapierapprc': { copyFrom: '.zapierapprc' },
    dist: { copyFrom: 'dist' },
  });
};

/** Runs the real `zapier-platform build` in a staged folder; resolves to its build.zip. */
export const buildStaged = async (
  dir: string,
): Promise<{ zip: string; checkCalls: string[]; output: string }> => {
  const check = await startCheckService();
  try {
    const { stdout } = await execFileAsync(process.execPath, [ZAPIER_CLI, 'build', '--skip-dep-install'], {
      cwd: dir,
      env: { ...process.env, ZAPIER_ENDPOINT: check.origin, DISABLE_ZAPIER_ANALYTICS: '1' },
      maxBuffer: 1 << 24,
    });
    return { zip: join(dir, 'build', 'build.zip'), checkCalls: check.calls, output: stdout };
  } finally {
    await check.close();
  }
};

const main = async (): Promise<void> => {
  const dir = stageThisApp();
  try {
    const { zip } = await buildStaged(dir);
    mkdirSync(join(PROJECT_ROOT, 'build'), { recursive: true });
    copyFileSync(zip, join(PROJECT_ROOT, 'build', 'build.zip'));
    console.log(`Built ${join('build', 'build.zip')} offline: upload it with \`zapier-platform upload\`.`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
