import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/cli.js';

const run = promisify(execFile);

/** The files a fresh Node process loads to import `specifier` from the package root. */
async function modulesLoadedBy(specifier: string): Promise<string[]> {
  const { stdout } = await run(process.execPath, ['test/support/loaded-modules.js', specifier], {
    cwd: ROOT,
  });
  return JSON.parse(stdout) as string[];
}

const undici = (file: string) => /node_modules\/undici\//.test(file);
const pact = (file: string) => /node_modules\/@pact-foundation\//.test(file);

describe('the vcc-sim/msw entry', () => {
  it('loads MSW and the built twin, but neither Pact nor undici', async () => {
    const loaded = await modulesLoadedBy('vcc-sim/msw');
    expect(loaded.some((file) => file.includes('/dist/src/delivery/msw/index.js'))).toBe(true);
    expect(loaded.some((file) => /node_modules\/msw\//.test(file))).toBe(true);
    expect(loaded.filter(undici)).toEqual([]);
    expect(loaded.filter(pact)).toEqual([]);
  });

  it('is the only entry that loads MSW, so vcc-sim works without the optional peer', async () => {
    const loaded = await modulesLoadedBy('vcc-sim');
    expect(loaded.filter((file) => /node_modules\/(msw|@mswjs)\//.test(file))).toEqual([]);
  });

  it('would notice undici if something loaded it (the check itself works)', async () => {
    expect((await modulesLoadedBy('undici')).some(undici)).toBe(true);
  });
});
