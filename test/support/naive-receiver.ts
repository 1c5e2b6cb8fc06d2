import { startTestServer, type ServerAnswer } from './webhook-server.js';

/**
 * A deliberately naive webhook on 127.0.0.1: it checks no signature, answers 500 to an id it has
 * seen (a unique-key violation, say), and handles one request at a time, each taking `workMs`
 * (a synchronous database write). It skips requests whose client has gone, as a server whose
 * connection closed does.
 */
export async function startNaiveReceiver(workMs: number) {
  const seen = new Set<string>();
  let queue: Promise<unknown> = Promise.resolve();
  const server = await startTestServer((request) => {
    const handled = queue.then(async (): Promise<ServerAnswer> => {
      if (request.gone()) return {};
      await new Promise((resolve) => setTimeout(resolve, workMs));
      let id = '';
      try {
        id = String((JSON.parse(request.body.toString('utf8')) as { id?: unknown }).id);
      } catch {
        // Not JSON: stored under no id.
      }
      if (seen.has(id)) {
        return {
          status: 500,
          headers: { 'content-type': 'text/plain' },
          body: 'duplicate key value violates unique constraint',
        };
      }
      seen.add(id);
      return {};
    });
    queue = handled;
    return handled;
  });
  return { url: server.url, close: () => server.close() };
}
