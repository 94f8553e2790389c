import { createServer, type AddressInfo, type Socket } from 'node:net';

// A server on raw sockets, so a test can answer with what no well-behaved HTTP server sends:
// resets, stalls, truncated or corrupt bodies. It listens on loopback only, and closing it ends
// every connection it still holds.

export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export type Behaviour = (socket: Socket, request: RawRequest) => void;

export interface RawServer {
  origin: string;
  port: number;
  requests: RawRequest[];
  answerWith: (behaviour: Behaviour) => void;
  close: () => Promise<void>;
}

/** Reads one request from the bytes so far: null until its head and body have all arrived. */
const readRequest = (bytes: Buffer): { request: RawRequest; rest: Buffer } | null => {
  const end = bytes.indexOf('\r\n\r\n');
  if (end === -1) return null;
  const [line = '', ...fields] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const [method = '', path = ''] = line.split(' ');
  const headers = Object.fromEntries(
    fields.map((field) => {
      const colon = field.indexOf(':');
      return [field.slice(0, colon).trim().toLowerCase(), field.slice(colon + 1).trim()];
    }),
  );
  const length = Number(headers['content-length'] ?? 0);
  if (bytes.length < end + 4 + length) return null;
  const body = bytes.subarray(end + 4, end + 4 + length).toString('utf8');
  return { request: { method, path, headers, body }, rest: bytes.subarray(end + 4 + length) };
};

export const startRawServer = async (host = '127.0.0.1'): Promise<RawServer> => {
  const requests: RawRequest[] = [];
  const sockets = new Set<Socket>();
  let behaviour: Behaviour = (socket) => socket.destroy();

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A client that gives up (a deadline) resets the socket; that is expected here.
    socket.on('error', () => undefined);
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      const read = readRequest(pending);
      if (read === null) return;
      pending = read.rest;
      requests.push(read.request);
      behaviour(socket, read.request);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://${host}:${port}`,
    port,
    requests,
    answerWith: (next) => {
      behaviour = next;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
};

/** A whole HTTP/1.1 answer, closing the connection after it. */
export const httpAnswer = (
  status: number,
  body: string | Buffer,
  headers: Record<string, string> = { 'Content-Type': 'application/json' },
): Buffer => {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const head = [
    `HTTP/1.1 ${status} Status`,
    ...Object.entries({ 'Content-Length': String(bytes.length), Connection: 'close', ...headers }).map(
      ([name, value]) => `${name}: ${value}`,
    ),
  ].join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), bytes]);
};

export const reply =
  (status: number, body: string | Buffer, headers?: Record<string, string>): Behaviour =>
  (socket) => {
    socket.end(httpAnswer(status, body, headers));
  };
