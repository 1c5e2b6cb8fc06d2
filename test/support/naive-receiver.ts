import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A deliberately naive webhook on 127.0.0.1: it checks no signature, answers 500 to an id it has
 * seen (a unique-key violation, say), and handles one request at a time, each taking `workMs`
 * (a synchronous database write). It skips requests whose client has gone, as a server whose
 * connection closed does.
 */
export async function startNaiveReceiver(workMs: number) {
  const seen = new Set<string>();
  const sockets = new Set<Socket>();
  let queue = Promise.resolve();
  const handle = async (request: IncomingMessage, response: ServerResponse, body: string) => {
    if (response.destroyed || request.socket.destroyed) return;
    await new Promise((resolve) => setTimeout(resolve, workMs));
    let id = '';
    try {
      id = String((JSON.parse(body) as { id?: unknown }).id);
    } catch {
      // Not JSON: stored under no id.
    }
    if (seen.has(id)) {
      response
        .writeHead(500, { 'content-type': 'text/plain' })
        .end('duplicate key value violates unique constraint');
      return;
    }
    seen.add(id);
    response.writeHead(200).end();
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      queue = queue.then(() => handle(request, response, body));
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
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
