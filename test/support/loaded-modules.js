// Prints, as JSON, every module a dynamic import of `process.argv[2]` loads: ESM modules as seen
// by a resolve hook, and CommonJS modules from the require cache. Run with cwd at the package
// root so `vcc-sim/...` resolves through the package's own `exports` (the built `dist/`).
import { createRequire, register } from 'node:module';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { MessageChannel } from 'node:worker_threads';

const { port1, port2 } = new MessageChannel();
const esm = new Set();
port1.on('message', (url) => esm.add(url));
port1.unref();

const hooks = `
let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  port.postMessage(result.url);
  return result;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`, import.meta.url, {
  data: { port: port2 },
  transferList: [port2],
});

await import(process.argv[2]);
// Let the last messages from the hooks thread arrive.
await sleep(100);
const cjs = Object.keys(createRequire(import.meta.url).cache);
process.stdout.write(JSON.stringify([...esm, ...cjs]));
