import { createContext, runInContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { builtInScenario, simulateJson } from '../src/index.js';

/**
 * MSW users run the engine in browsers: it must bundle for the browser platform (no Node
 * built-ins) and run where `process`, `Buffer` and `require` do not exist.
 */
describe('the engine in a browser', () => {
  it('bundles without Node built-ins and plays a scenario in a realm with only browser globals', async () => {
    const bundle = await build({
      stdin: {
        contents: `import { simulateJson, builtInScenario, validateNotification } from './src/engine/index.ts';
          import { validateNotification as validate } from './src/contract/index.ts';
          globalThis.result = [...simulateJson(builtInScenario('warm-transfer'), { seed: 3, events: 'channel.*' })];
          globalThis.valid = globalThis.result.every((line) => validate(JSON.parse(line), { strict: true }).valid);`,
        resolveDir: new URL('..', import.meta.url).pathname,
        loader: 'ts',
      },
      bundle: true,
      platform: 'browser',
      format: 'iife',
      write: false,
      logLevel: 'silent',
    });
    const code = bundle.outputFiles[0]!.text;
    expect(code).not.toMatch(/require\(["']node:/);
    // Only what browsers have: no process, Buffer or require.
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
    expect(realm['valid']).toBe(true);
    expect(realm['result']).toEqual([
      ...simulateJson(builtInScenario('warm-transfer'), { seed: 3, events: 'channel.*' }),
    ]);
  });
});
