import nock from 'nock';

// Unit tests never reach the network. (Each test file runs in a fresh worker: see jest.config.js.)
nock.disableNetConnect();

// Tests choose the API address themselves: a developer's shell must not redirect them.
delete process.env.DUMPLINGAI_BASE_URL;

afterEach(() => {
  nock.cleanAll();
});
