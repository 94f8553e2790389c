import nock from 'nock';

// Unit tests never reach the network; end-to-end tests talk to the sandbox on loopback only.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);

// Tests choose the API address themselves: a developer's shell must not redirect them.
delete process.env.DUMPLINGAI_BASE_URL;

afterEach(() => {
  nock.cleanAll();
});
