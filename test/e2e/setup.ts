// Tests choose the API address themselves: a developer's shell must not redirect them.
delete process.env.DUMPLINGAI_BASE_URL;
delete process.env.DUMPLINGAI_API_KEY;

// The app's log lines (rate limits) go to Zapier's monitoring, not to the test report.
beforeEach(() => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
