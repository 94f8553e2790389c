import nock from 'nock';

import type { Bundle } from 'zapier-platform-core';

import { API, API_KEY, caught, connectionLabel, run, testConnection, userMessage } from '../helpers';
import { authentication } from '../../src/dumplingai/connection';

describe('connection test', () => {
  it('checks the key against the free balance endpoint, never the paid video endpoint', async () => {
    const scope = nock(API, { reqheaders: { authorization: `Bearer ${API_KEY}` } })
      .get('/api/v2/balance')
      .reply(200, { credits: 1234, budget: null });
    await expect(testConnection()).resolves.toEqual({ connected: true, account: null });
    expect(scope.isDone()).toBe(true);
  });

  it('does not depend on the balance body’s shape', async () => {
    const scope = nock(API).get('/api/v2/balance').reply(200, 'OK');
    await expect(testConnection()).resolves.toEqual({ connected: true, account: null });
    expect(scope.isDone()).toBe(true);
  });

  it('keeps the account name the balance answer gives, for the connection label', async () => {
    const scope = nock(API)
      .get('/api/v2/balance')
      .reply(200, { credits: 10, user: { email: 'ana@example.com' } });
    await expect(testConnection()).resolves.toEqual({ connected: true, account: 'ana@example.com' });
    expect(scope.isDone()).toBe(true);
  });

  it('says plainly that a rejected key is invalid or inactive', async () => {
    const scope = nock(API).get('/api/v2/balance').reply(401, { error: 'API key is invalid or missing.' });
    const error = await caught(() => testConnection('sk_wrong_key_0000'));
    expect(scope.isDone()).toBe(true);
    expect(userMessage(error)).toBe(
      'Your DumplingAI API key is invalid or inactive. Copy a working key from your API Keys page (https://app.dumplingai.com/api-keys) and reconnect.',
    );
  });

  it.each([
    [
      429,
      'DumplingAI is getting too many requests from your account right now. Try connecting again in about 20 seconds.',
    ],
    [
      503,
      "DumplingAI's account service is rate-limited right now. Try connecting again in about 20 seconds.",
    ],
  ])('says to try connecting again after a %i, which Zapier does not retry', async (status, message) => {
    const scope = nock(API).get('/api/v2/balance').reply(status, {}, { 'Retry-After': '20' });
    const error = await caught(() => testConnection());
    expect(scope.isDone()).toBe(true);
    expect(error.name).toBe('AppError');
    expect(JSON.parse(error.message)).toEqual({ message, code: 'rate_limited', status: 429 });
  });

  it('says a 404 in words of its own: the check has no video to be missing', async () => {
    const scope = nock(API).get('/api/v2/balance').reply(404, { error: 'Not found' });
    const error = await caught(() => testConnection());
    expect(scope.isDone()).toBe(true);
    expect(error.name).toBe('AppError');
    expect(JSON.parse(error.message)).toEqual({
      message:
        'DumplingAI did not recognise the request that checks your key (HTTP 404). Try connecting again later; if it keeps happening, contact DumplingAI support.',
      code: 'not_found',
      status: 404,
    });
  });
});

describe('the account name the connection test keeps', () => {
  const accountIn = async (answer: unknown): Promise<unknown> => {
    const scope = nock(API).get('/api/v2/balance').reply(200, JSON.stringify(answer));
    const result = await testConnection();
    expect(scope.isDone()).toBe(true);
    return result;
  };

  it.each([
    [{ email: 'ana@example.com', name: 'Ana' }, 'ana@example.com'],
    [{ name: '  Ana Studio  ' }, 'Ana Studio'],
    [{ keyName: 'Zapier key' }, 'Zapier key'],
    [{ user: { name: 'Ana' } }, 'Ana'],
    [{ account: { account_name: 'Studio' } }, 'Studio'],
    [{ data: { email: 'x@example.com' } }, 'x@example.com'],
    [{ name: 'n'.repeat(100) }, 'n'.repeat(60)],
  ])('reads %j as %j', async (answer, name) => {
    await expect(accountIn(answer)).resolves.toEqual({ connected: true, account: name });
  });

  it.each([
    null,
    'text',
    [],
    {},
    { credits: 5 },
    { name: '' },
    { name: 42 },
    { keyName: 'sk_live_abcdef' },
    { user: 'x' },
  ])('names nothing in %j', async (answer) => {
    await expect(accountIn(answer)).resolves.toEqual({ connected: true, account: null });
  });
});

describe('connection label', () => {
  it('names the account when the connection test found its name', async () => {
    await expect(
      run(authentication.connectionLabel, {
        authData: { apiKey: 'sk_test_0000000000001a2b' },
        inputData: { account: 'ana@example.com' },
      }),
    ).resolves.toBe('ana@example.com');
  });

  it('falls back to the key’s last four characters', async () => {
    await expect(connectionLabel('sk_test_0000000000001a2b')).resolves.toBe('API key ending in 1a2b');
  });

  it.each([undefined, '', 'sk_short', 'sk_12345678', '   sk_short    ', 42])(
    'hides the ending of a short or missing key (%j)',
    async (apiKey) => {
      // Zapier types a key as text; a broken connection may hold anything.
      const bundle = { authData: { apiKey }, inputData: {} } as unknown as Partial<Bundle>;
      await expect(run(authentication.connectionLabel, bundle)).resolves.toBe(
        'API key (too short to show its ending)',
      );
    },
  );

  it('shows the ending from twelve characters on, ignoring pasted spaces', async () => {
    await expect(connectionLabel('sk_123456789')).resolves.toBe('API key ending in 6789');
    await expect(connectionLabel('  sk_test_0000000000001a2b \n')).resolves.toBe('API key ending in 1a2b');
  });
});

describe('auth fields', () => {
  it('asks for one password-type API key with help that links to the API Keys page', () => {
    expect(authentication.type).toBe('custom');
    expect(authentication.fields).toEqual([
      {
        key: 'apiKey',
        label: 'API Key',
        type: 'password',
        required: true,
        helpText:
          'Copy your key from the [API Keys page of your Dumpling AI dashboard](https://app.dumplingai.com/api-keys). Keys start with `sk_`.',
      },
    ]);
  });
});

describe('the connection test, when the app has a bug', () => {
  it('says so in words for connecting, never retried on its own', async () => {
    const error = await caught(() =>
      run(
        (z, bundle: Bundle) =>
          (authentication.test as (z: unknown, bundle: Bundle) => Promise<unknown>)(
            {
              ...z,
              request: () => {
                throw new TypeError('a bug');
              },
            },
            bundle,
          ),
        { authData: { apiKey: API_KEY } },
      ),
    );
    expect([error.name, userMessage(error)]).toEqual([
      'AppError',
      'The Dumpling AI app hit an unexpected problem (a bug on our side, not your data). Try connecting again; if it keeps happening, contact DumplingAI support.',
    ]);
  });
});
