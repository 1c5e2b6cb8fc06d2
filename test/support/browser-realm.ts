import { createContext, runInContext } from 'node:vm';
import { build } from 'esbuild';
import { expect } from 'vitest';

/**
 * Bundles `contents` (TypeScript importing from the repository's root) for the browser platform and
 * runs it in a realm with only browser globals (no `process`, `Buffer` or `require`), after checking
 * the bundle asks for no Node built-in. Returns the realm, where the code leaves its results.
 */
export async function runInBrowserRealm(contents: string): Promise<Record<string, unknown>> {
  const bundle = await build({
    stdin: { contents, resolveDir: new URL('../..', import.meta.url).pathname, loader: 'ts' },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    write: false,
    logLevel: 'silent',
  });
  const code = bundle.outputFiles[0]!.text;
  expect(code).not.toMatch(/require\(["']node:/);
  const realm: Record<string, unknown> = {
    TextEncoder,
    TextDecoder,
    URL,
    structuredClone,
    crypto: globalThis.crypto,
  };
  createContext(realm);
  runInContext(code, realm);
  expect(runInContext('typeof process + typeof Buffer + typeof require', realm)).toBe(
    'undefinedundefinedundefined',
  );
  return realm;
}
