import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const RECEIVER = fileURLToPath(new URL('./loopback-receiver.js', import.meta.url));

/** Starts the loopback webhook in its own process, so it does not share a sender's core. */
export async function startReceiver(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [RECEIVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.stdout!.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim())));
  });
  return { url: `http://127.0.0.1:${port}/webhook`, child };
}
