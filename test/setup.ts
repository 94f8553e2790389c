import nock from 'nock';

// A previous test file in the same Jest worker may have restored (uninstalled) nock.
if (!nock.isActive()) nock.activate();

// Unit tests never reach the network; end-to-end tests talk to the sandbox on loopback only.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);

// Tests choose the API address themselves: a developer's shell must not redirect them.
delete process.env.DUMPLINGAI_BASE_URL;

afterEach(() => {
  nock.cleanAll();
});

// Jest reuses a worker process for several test files, each with its own copy of nock; an
// instance left installed would answer the next file's requests with "no match".
afterAll(() => {
  nock.restore();
});
