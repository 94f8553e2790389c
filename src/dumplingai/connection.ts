import type { Authentication, Bundle, ZObject } from 'zapier-platform-core';

import { isObject, parseAnswer } from '../tiktok/json';
import { API_KEYS_URL, BALANCE_PATH, apiUrl } from './endpoints';
import { withPlainErrors } from './errors';
import { exchange } from './exchange';
import { LIMITS, type Limits } from './limits';

const authText = {
  keyLabel: 'API Key',
  keyHelp: `Copy your key from the [API Keys page of your Dumpling AI dashboard](${API_KEYS_URL}). Keys start with \`sk_\`.`,
  hiddenKeyLabel: 'API key (too short to show its ending)',
} as const;

// Shows enough of the key to tell two connections apart, and never enough to use it.
const MIN_LENGTH_TO_SHOW_ENDING = 12;

const keyLabel = (apiKey: unknown): string =>
  typeof apiKey === 'string' && apiKey.trim().length >= MIN_LENGTH_TO_SHOW_ENDING
    ? `API key ending in ${apiKey.trim().slice(-4)}`
    : authText.hiddenKeyLabel;

// Where an account or key name could be in the balance answer, whose shape is not documented.
const NAME_FIELDS = ['email', 'name', 'keyName', 'key_name', 'accountName', 'account_name'] as const;
const MAX_LABEL_LENGTH = 60;

/**
 * A name for the connection from the balance answer (an email, an account or key name), read
 * defensively; null when it names nothing. A value that looks like a key is never used.
 */
const accountName = (answer: unknown): string | null => {
  const places = isObject(answer) ? [answer, answer.user, answer.account, answer.data] : [];
  for (const place of places.filter(isObject)) {
    for (const field of NAME_FIELDS) {
      const value = place[field];
      if (typeof value === 'string' && value.trim() !== '' && !/^sk_/i.test(value.trim())) {
        return value.trim().slice(0, MAX_LABEL_LENGTH);
      }
    }
  }
  return null;
};

/**
 * The video endpoint costs a credit per success, so the key is checked against the balance
 * endpoint, which costs none (DumplingAI's own CLI validates keys the same way). A 401 is turned
 * into a clear message by the middleware; the answer may name the account, for the label.
 */
export const testKey =
  ({ limits }: { limits: Limits }) =>
  async (z: ZObject, _bundle: Bundle): Promise<{ connected: true; account: string | null }> => {
    const account = await exchange(
      z,
      { url: apiUrl(BALANCE_PATH), method: 'GET', middlewareData: { context: 'connection' } },
      { who: 'DumplingAI', context: 'connection', deadlineMs: limits.connectionDeadlineMs },
      (response) => accountName(parseAnswer(response.content)),
    );
    return { connected: true, account };
  };

// Zapier hands the connection test's result to the label as inputData. The key's ending is only
// the fallback, when DumplingAI names no account.
const connectionLabel = (_z: ZObject, bundle: Bundle): Promise<string> => {
  const account: unknown = bundle.inputData.account;
  return Promise.resolve(typeof account === 'string' ? account : keyLabel(bundle.authData.apiKey));
};

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
  test: withPlainErrors(testKey({ limits: LIMITS }), 'connection'),
  connectionLabel,
} satisfies Authentication;
