import nock from 'nock';

// Unit tests never reach the network.
nock.disableNetConnect();

// Tests choose the API address themselves: a developer's shell must not redirect them.
delete process.env.DUMPLINGAI_BASE_URL;

afterEach(() => {
  nock.cleanAll();
});

// nock patches Node's own http module, which outlives this file's module registry. When files run
// in one process (jest --runInBand, Stryker), an instance left installed would take the next
// file's requests, so each file removes its own. (npm test gives each file a fresh worker too.)
afterAll(() => {
  nock.restore();
});

// The app's log lines (rate limits, the originals of unexpected errors) go to Zapier's monitoring, not to the test report; tests that
// check them spy on console.log themselves.
beforeEach(() => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
