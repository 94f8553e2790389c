import type { Authentication, Bundle, ZObject } from 'zapier-platform-core';

import { BALANCE_PATH, DASHBOARD_URL, apiUrl } from './api';
import { exchange, LIMITS } from './http';

export const authText = {
  keyLabel: 'API Key',
  keyHelp: `Find your key under **API Keys** in your [DumplingAI dashboard](${DASHBOARD_URL}). Keys start with \`sk_\`.`,
  hiddenKeyLabel: 'API key (too short to show its ending)',
} as const;

// Shows enough of the key to tell two connections apart, and never enough to use it.
const MIN_LENGTH_TO_SHOW_ENDING = 12;

export const keyLabel = (apiKey: unknown): string =>
  typeof apiKey === 'string' && apiKey.trim().length >= MIN_LENGTH_TO_SHOW_ENDING
    ? `API key ending in ${apiKey.trim().slice(-4)}`
    : authText.hiddenKeyLabel;

/**
 * The video endpoint costs a credit per success, so the key is checked against the balance
 * endpoint, which costs none (DumplingAI's own CLI validates keys the same way). Its 200 body is
 * not documented, so only the status matters: a 401 is turned into a clear message by the
 * middleware.
 */
const test = async (z: ZObject, _bundle: Bundle): Promise<{ connected: true }> => {
  await exchange(
    z,
    { url: apiUrl(BALANCE_PATH), method: 'GET', middlewareData: { context: 'connection' } },
    { who: 'DumplingAI', context: 'connection', deadlineMs: LIMITS.connectionDeadlineMs },
    () => undefined,
  );
  return { connected: true };
};

const connectionLabel = (_z: ZObject, bundle: Bundle): Promise<string> =>
  Promise.resolve(keyLabel(bundle.authData.apiKey));

export const authentication = {
  type: 'custom',
  fields: [
    {
      key: 'apiKey',
      label: authText.keyLabel,
      type: 'password',
      required: true,
      helpText: authText.keyHelp,
    },
  ],
  test,
  connectionLabel,
} satisfies Authentication;
