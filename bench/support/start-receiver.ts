import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const RECEIVERS = {
  /** A node:http webhook that reads each body: what a consumer's service is like. */
  webhook: fileURLToPath(new URL('./loopback-receiver.js', import.meta.url)),
  /** A raw-socket HTTP/1.1 sink: the least a receiver can cost, when senders are measured. */
  sink: fileURLToPath(new URL('./raw-sink.js', import.meta.url)),
};

/** Starts a loopback receiver in its own process, so it does not share a sender's core. */
export async function startReceiver(
  kind: keyof typeof RECEIVERS = 'webhook',
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [RECEIVERS[kind]], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.stdout!.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim())));
  });
  return { url: `http://127.0.0.1:${port}/webhook`, child };
}
