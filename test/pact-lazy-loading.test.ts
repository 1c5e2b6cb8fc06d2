import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { BIN, runNode } from './support/cli.js';

/**
 * Pact (and its native library) is an optional peer dependency that loads only when a pact is
 * verified. These tests run node with a hook that makes any import of Pact fail.
 */

const FORBID = fileURLToPath(new URL('./support/forbid-pact.js', import.meta.url));

function node(args: readonly string[]) {
  return runNode(['--import', FORBID, ...args]);
}

const entries = Object.keys(packageJson.exports)
  .filter((subpath) => subpath !== './package.json')
  .map((subpath) => subpath.replace(/^\./, 'vcc-sim'));

describe('loading Pact lazily', () => {
  it.each(entries)('imports %s without loading Pact', async (entry) => {
    const result = await node([
      '--input-type=module',
      '-e',
      `const m = await import('${entry}'); console.log(Object.keys(m).length > 0);`,
    ]);
    expect(result).toMatchObject({ code: 0, stdout: 'true\n' });
  });

  it.each([
    [['--help']],
    [['pact', '--help']],
    [['pact', 'states']],
    [['pact', 'generate', '--consumer', 'c', '--events', 'channel.held.v0', '--out', '-']],
  ])('runs vcc-sim %j without loading Pact', async (args) => {
    const result = await node([BIN, ...args]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('loads Pact for pact verify (so the hook above would notice)', async () => {
    const out = await mkdtemp(join(tmpdir(), 'vcc-sim-lazy-'));
    const generate = ['pact', 'generate', '--consumer', 'c', '--events', 'channel.held.v0'];
    expect((await node([BIN, ...generate, '--out', out])).code).toBe(0);
    const result = await node([BIN, 'pact', 'verify', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Pact was loaded: @pact-foundation/pact');
  });
});
