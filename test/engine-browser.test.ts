import { describe, expect, it } from 'vitest';
import { builtInScenario, simulateJson } from '../src/index.js';
import { runInBrowserRealm } from './support/browser-realm.js';

/**
 * MSW users run the engine in browsers: it must bundle for the browser platform (no Node
 * built-ins) and run where `process`, `Buffer` and `require` do not exist.
 */
describe('the engine in a browser', () => {
  it('bundles without Node built-ins and plays a scenario in a realm with only browser globals', async () => {
    const realm = await runInBrowserRealm(
      `import { simulateJson, builtInScenario, validateNotification } from './src/engine/index.ts';
          import { validateNotification as validate } from './src/contract/index.ts';
          globalThis.result = [...simulateJson(builtInScenario('warm-transfer'), { seed: 3, events: 'channel.*' })];
          globalThis.valid = globalThis.result.every((line) => validate(JSON.parse(line), { strict: true }).valid);`,
    );
    expect(realm['valid']).toBe(true);
    expect(realm['result']).toEqual([
      ...simulateJson(builtInScenario('warm-transfer'), { seed: 3, events: 'channel.*' }),
    ]);
  });
});
