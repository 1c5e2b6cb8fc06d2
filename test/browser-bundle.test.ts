import { createContext, runInContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { builtInScenario, simulateJson } from '../src/index.js';
import { ROOT } from './support/cli.js';

/**
 * `vcc-sim` and `vcc-sim/msw` run in browsers (MSW users run the engine and the twin there): the
 * built package bundles for the browser platform with no Node built-in, and the bundles run in a
 * realm that has only what browsers have: no `process`, `Buffer` or `require`.
 */
async function bundle(contents: string): Promise<string> {
  const result = await build({
    // From the package root, `vcc-sim` resolves through its own `exports` to the built dist/.
    stdin: { contents, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** A realm with the globals of a browser page, and nothing of Node's. */
function browserRealm(): Record<string, unknown> {
  const realm: Record<string, unknown> = {};
  for (const name of [
    'TextEncoder',
    'TextDecoder',
    'URL',
    'URLSearchParams',
    'structuredClone',
    'crypto',
    'atob',
    'btoa',
    'setTimeout',
    'clearTimeout',
    'queueMicrotask',
    'fetch',
    'Request',
    'Response',
    'Headers',
    'FormData',
    'Blob',
    'ReadableStream',
    'WritableStream',
    'TransformStream',
    'AbortController',
    'AbortSignal',
    'Event',
    'EventTarget',
    'MessageChannel',
    'BroadcastChannel',
    'performance',
    'console',
  ]) {
    realm[name] = (globalThis as Record<string, unknown>)[name];
  }
  // Web Storage, which MSW's cookie store keeps its cookies in.
  const stored = new Map<string, string>();
  realm['localStorage'] = {
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => void stored.set(key, String(value)),
    removeItem: (key: string) => void stored.delete(key),
    clear: () => stored.clear(),
    key: (index: number) => [...stored.keys()][index] ?? null,
    get length() {
      return stored.size;
    },
  };
  realm['globalThis'] = realm;
  realm['self'] = realm;
  createContext(realm);
  return realm;
}

/** Runs an ES module bundle in the realm and resolves with what it passes to `done`. */
async function runInBrowserRealm(code: string): Promise<Record<string, unknown>> {
  const realm = browserRealm();
  expect(runInContext('typeof process + typeof Buffer + typeof require', realm)).toBe(
    'undefinedundefinedundefined',
  );
  const finished = new Promise<Record<string, unknown>>((resolve, reject) => {
    realm['done'] = resolve;
    realm['fail'] = reject;
  });
  // A bundle without imports runs as the body of an async function.
  runInContext(`(async () => {\n${code}\n})().catch((error) => fail(error));`, realm);
  return finished;
}

describe('the package in a browser', () => {
  it('bundles vcc-sim without Node built-ins: it simulates, validates and signs there', async () => {
    const code = await bundle(`
      import {
        builtInScenario, simulateJson, validateNotification, createWebhookSigner,
        createWebhookVerifier, generateWebhookSecret,
      } from 'vcc-sim';
      const lines = [...simulateJson(builtInScenario('warm-transfer'), { seed: 3, events: '*' })];
      const strict = lines.every((line) => validateNotification(JSON.parse(line), { strict: true }).valid);
      const broken = validateNotification({ ...JSON.parse(lines[0]), subject: 'x' });
      const secret = generateWebhookSecret();
      const header = await createWebhookSigner(secret).sign(lines[0]);
      const check = await createWebhookVerifier(secret).verify(header, lines[0]);
      done({ lines, strict, broken, check });
    `);
    expect(code).not.toMatch(/require\(["']node:|from ["']node:/);
    const result = await runInBrowserRealm(code);
    expect(result['lines']).toEqual([
      ...simulateJson(builtInScenario('warm-transfer'), { seed: 3, events: '*' }),
    ]);
    expect(result['strict']).toBe(true);
    expect(result['broken']).toMatchObject({ valid: false, errors: [{ path: '/subject' }] });
    expect(result['check']).toMatchObject({ valid: true });
  });

  it('bundles vcc-sim/msw: the twin issues a token and delivers a signed run there', async () => {
    const code = await bundle(`
      import { getResponse } from 'msw';
      import { createWebhookVerifier } from 'vcc-sim';
      import { createVccTwin, routeFetch } from 'vcc-sim/msw';
      const twin = createVccTwin({
        clients: [{ clientId: 'web', clientSecret: 's3cret', scopes: ['admin:read', 'admin:write'] }],
      });
      const token = await getResponse(twin.handlers, new Request('https://emea.cc.vonage.com/Auth/connect/token', {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'web', client_secret: 's3cret', scope: 'admin:read' }),
      }));
      const subscription = twin.addSubscription({ name: 'page', url: 'https://hooks.example.test/vcc', events: ['channel.connected.v0'] });
      const verifier = createWebhookVerifier(subscription.secret);
      const received = [];
      const fetch = routeFetch({
        'https://hooks.example.test/': async (request) => {
          const body = await request.text();
          received.push((await verifier.verify(request.headers.get('vonage-signature'), body)).valid);
          return new Response(null, { status: 204 });
        },
      });
      const report = await twin.run('inbound-answered', { fetch, simulate: { seed: 1, calls: 3 } });
      done({ tokenStatus: token.status, delivered: report.delivered, received });
    `);
    expect(code).not.toMatch(/require\(["']node:|from ["']node:/);
    const result = await runInBrowserRealm(code);
    expect(result['tokenStatus']).toBe(200);
    expect(result['delivered']).toBeGreaterThan(0);
    expect(result['received']).toEqual(Array(result['delivered']).fill(true));
  });
});
