import { createServer } from 'node:http';

import { listenOnLoopback, stopServer } from './loopback';

// `zapier-platform build` posts the app to Zapier's check service (`$ZAPIER_ENDPOINT/check`),
// which cannot be reached offline. This stand-in answers "no failures", so the real build runs.

export interface CheckService {
  origin: string;
  /** The paths the CLI called, in order. */
  calls: string[];
  close: () => Promise<void>;
}

const NO_FAILURES = JSON.stringify({
  errors: { total_failures: 0, results: [] },
  warnings: { total_failures: 0, results: [] },
});

export const startCheckService = async (): Promise<CheckService> => {
  const calls: string[] = [];
  const server = createServer((request, response) => {
    calls.push(`${request.method ?? ''} ${request.url ?? ''}`);
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(request.url === '/check' ? NO_FAILURES : '{}');
    });
  });
  const port = await listenOnLoopback(server, 0);
  return { origin: `http://127.0.0.1:${port}`, calls, close: () => stopServer(server) };
};
