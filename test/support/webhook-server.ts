import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A request the test server received. */
export type CapturedRequest = {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** 1-based arrival order. */
  index: number;
  /** Whether the client has gone (a server whose connection closed skips the work). */
  gone(): boolean;
};

/** What the server does with a request. */
export type ServerAnswer = {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Drop the connection without answering (a connection reset). */
  reset?: boolean;
};

export type TestServer = {
  url: string;
  requests: CapturedRequest[];
  close(): Promise<void>;
};

/**
 * A real HTTP server on 127.0.0.1, port 0, that records every request and answers as `answer`
 * says (default 200).
 */
export async function startTestServer(
  answer: (request: CapturedRequest) => ServerAnswer | Promise<ServerAnswer> = () => ({}),
): Promise<TestServer> {
  const requests: CapturedRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const captured: CapturedRequest = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks),
        index: requests.length + 1,
        gone: () => response.destroyed || request.socket.destroyed,
      };
      requests.push(captured);
      void Promise.resolve(answer(captured)).then(async (result) => {
        if (result.delayMs) await new Promise((resolve) => setTimeout(resolve, result.delayMs));
        if (result.reset) {
          request.socket.destroy();
          return;
        }
        if (response.destroyed) return;
        response.writeHead(result.status ?? 200, result.headers ?? {});
        response.end(result.body ?? '');
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
