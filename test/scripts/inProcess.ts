import type { Bundle, ZObject } from 'zapier-platform-core';

import App from '../../index';
import { appTester, ZAP_META } from '../helpers';
import { main, useApiAddress, type Invoke } from '../../scripts/run';
import type { Run } from './npm';

type Perform = (z: ZObject, bundle: Bundle) => Promise<unknown>;

/**
 * Zapier's runner in this process, printing what `zapier-platform invoke` prints: the output as
 * indented JSON, or a thrown error's message on a ` ›   Error: ` line. The step reads the API
 * address from the environment, as it does under the CLI. A few cases in run.test.ts run the CLI
 * itself, and prove that it prints so.
 */
const invokeInProcess: Invoke = async ({ kind, step, input }, env) => {
  const steps: Partial<Record<string, { operation: unknown }>> =
    kind === 'trigger' ? App.triggers : App.searches;
  const { perform } = steps[step]?.operation as { perform: Perform };
  // As the CLI's own process reads it; startInProcess clears it again when the run ends.
  useApiAddress(env.DUMPLINGAI_BASE_URL);
  try {
    const output = await appTester(perform, {
      authData: { apiKey: env.authData_apiKey ?? '' },
      inputData: input,
      meta: ZAP_META,
    });
    return { code: 0, stdout: `${JSON.stringify(output, null, 2)}\n`, stderr: '' };
  } catch (error) {
    return { code: 1, stdout: '', stderr: ` ›   Error: ${(error as Error).message}\n` };
  }
};

/**
 * What `npm start -- <args>` runs after its build, from the TypeScript sources and in this process:
 * what it printed to the console, and its exit code. `env` is the shell's environment (no key
 * unless given); `invoke` stands in for Zapier's runner (this process's, unless a case needs
 * another).
 */
export const startInProcess = async (
  args: string[],
  env: NodeJS.ProcessEnv = {},
  invoke: Invoke = invokeInProcess,
): Promise<Run> => {
  // console.log is already a silent spy (test/e2e/setup.ts): its calls are what was printed.
  const log = jest.spyOn(console, 'log');
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const logged = log.mock.calls.length;
  const printed = (calls: unknown[][]) => calls.map((parts) => `${parts.join(' ')}\n`).join('');
  try {
    const code = await main(args, env, invoke);
    return { code, stdout: printed(log.mock.calls.slice(logged)), stderr: printed(error.mock.calls) };
  } finally {
    error.mockRestore();
    // The step, and --hydrate after it, pointed this process at a sandbox closed by now: the next
    // case starts clean.
    delete process.env.DUMPLINGAI_BASE_URL;
  }
};
