import { VccSimError } from '../../../errors.js';

/**
 * Opens (and closes) a TCP connection to the URL's host, so that a webhook that is not there is
 * one clear error rather than every check failing with "connection refused".
 * @throws {VccSimError} code `input` when nothing accepts the connection.
 */
export async function reachable(url: URL, timeoutMs: number): Promise<void> {
  const net = await import('node:net');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const problem = await new Promise<string | undefined>((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      resolve(`no connection within ${timeoutMs} ms`);
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('error', (error: Error & { code?: string }) =>
      resolve(error.code === 'ECONNREFUSED' ? 'connection refused' : error.message),
    );
  });
  if (problem) {
    throw new VccSimError(
      'input',
      `Nothing answers at ${url.protocol}//${url.host}: ${problem}. Start the webhook, or check the URL.`,
    );
  }
}
