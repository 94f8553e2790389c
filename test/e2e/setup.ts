// Tests choose the API address themselves: a developer's shell must not redirect them.
delete process.env.DUMPLINGAI_BASE_URL;
delete process.env.DUMPLINGAI_API_KEY;
