import nock from 'nock';

// Unit tests never reach the network.
nock.disableNetConnect();

// Tests choose the API address themselves: a developer's shell must not redirect them.
delete process.env.DUMPLINGAI_BASE_URL;

// A request no interceptor answers is a failed test, not a quiet error the code under test may
// swallow (a step that keeps what it has when a later page fails would hide an extra request).
// A test about such a request says so with expectUnmatched().
const unmatched: string[] = [];
nock.emitter.on('no match', (request: { method?: string; path?: string }) => {
  unmatched.push(`${request.method ?? ''} ${request.path ?? ''}`);
});

afterEach(() => {
  nock.cleanAll();
  const seen = unmatched.splice(0);
  if (seen.length > 0) throw new Error(`Requests no nock interceptor answered: ${seen.join(', ')}`);
});

// nock patches Node's own http module, which outlives this file's module registry. Files share a
// worker process (npm test's two workers, jest --runInBand, Stryker), where an instance left
// installed would take the next file's requests, so each file removes its own.
afterAll(() => {
  nock.restore();
});

// The app's log lines (rate limits, the originals of unexpected errors) go to Zapier's monitoring, not to the test report; tests that
// check them spy on console.log themselves.
beforeEach(() => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
