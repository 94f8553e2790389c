import nock from 'nock';

import { authText, authentication, keyLabel } from '../src/authentication';
import { connectionMessages } from '../src/messages';
import { API, API_KEY, caught, connectionLabel, testConnection, userMessage } from './helpers';

describe('connection test', () => {
  it('checks the key against the free balance endpoint, never the paid video endpoint', async () => {
    const scope = nock(API, { reqheaders: { authorization: `Bearer ${API_KEY}` } })
      .get('/api/v2/balance')
      .reply(200, { credits: 1234, budget: null });
    await expect(testConnection()).resolves.toEqual({ connected: true });
    expect(scope.isDone()).toBe(true);
  });

  it('does not depend on the balance body’s shape', async () => {
    const scope = nock(API).get('/api/v2/balance').reply(200, 'OK');
    await expect(testConnection()).resolves.toEqual({ connected: true });
    expect(scope.isDone()).toBe(true);
  });

  it('says plainly that a rejected key is invalid or inactive', async () => {
    const scope = nock(API).get('/api/v2/balance').reply(401, { error: 'API key is invalid or missing.' });
    const error = await caught(() => testConnection('sk_wrong_key_0000'));
    expect(scope.isDone()).toBe(true);
    expect(userMessage(error)).toBe(connectionMessages.invalidKey);
    expect(userMessage(error)).toMatch(/^Your DumplingAI API key is invalid or inactive\./);
  });
});

describe('connection label', () => {
  it('shows the key’s last four characters', async () => {
    await expect(connectionLabel('sk_test_0000000000001a2b')).resolves.toBe('API key ending in 1a2b');
  });

  it.each([undefined, '', 'sk_short', 'sk_12345678', '   sk_short    ', 42])(
    'hides the ending of a short or missing key (%j)',
    (key) => {
      expect(keyLabel(key)).toBe(authText.hiddenKeyLabel);
    },
  );

  it('shows the ending from twelve characters on, ignoring pasted spaces', () => {
    expect(keyLabel('sk_123456789')).toBe('API key ending in 6789');
    expect(keyLabel('  sk_test_0000000000001a2b \n')).toBe('API key ending in 1a2b');
  });
});

describe('auth fields', () => {
  it('asks for one password-type API key with help that links to the dashboard', () => {
    expect(authentication.type).toBe('custom');
    expect(authentication.fields).toEqual([
      { key: 'apiKey', label: 'API Key', type: 'password', required: true, helpText: authText.keyHelp },
    ]);
    expect(authText.keyHelp).toMatch(/\[DumplingAI dashboard\]\(https:\/\/app\.dumplingai\.com\)/);
    expect(authText.keyHelp).toContain('API Keys');
  });
});
