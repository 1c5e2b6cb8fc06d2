import { cp, mkdtemp, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helpPagePaths, renderHelpPages } from '../src/cli/help-pages.js';
import { BIN, ROOT, runNodeRecordingModules } from './support/cli.js';

/**
 * `vcc-sim --help` answers from pages yargs rendered at build time, so it starts as fast as Node;
 * help, `scenarios` and `completion` never load the heavy dependencies, whichever path answers.
 */

const HEAVY = /\/node_modules\/(ajv|ajv-formats|yaml|undici|msw|@pact-foundation\/[^/]+)\//;
const MAIN = join(ROOT, 'dist/src/cli/main.js');

/** Runs node with `args`, returning its output and the packages it loaded. */
async function traced(args: readonly string[]) {
  const { modules, ...result } = await runNodeRecordingModules(args);
  const packages = [
    ...new Set(
      modules.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []),
    ),
  ];
  return {
    ...result,
    packages,
    heavy: packages.filter((name) => HEAVY.test(`/node_modules/${name}/`)),
  };
}

/** The same command through yargs, as on a terminal too narrow for the pre-rendered pages. */
function throughYargs(args: readonly string[]) {
  return traced([
    '--input-type=module',
    '-e',
    `const { main } = await import(${JSON.stringify(MAIN)}); await main(${JSON.stringify(args)});`,
  ]);
}

const PATHS = helpPagePaths();

describe('vcc-sim --help', () => {
  it('answers every help page without loading yargs', async () => {
    for (const path of PATHS) {
      const result = await traced([BIN, ...path, '--help']);
      expect(result.code, path.join(' ')).toBe(0);
      expect(result.packages, path.join(' ')).toEqual([]);
    }
  });

  it('prints each page exactly as yargs does', async () => {
    const pages = await renderHelpPages();
    expect(Object.keys(pages)).toEqual(PATHS.map((path) => path.join(' ')));
    for (const path of PATHS) {
      const { stdout } = await traced([BIN, ...path, '--help']);
      expect(stdout, path.join(' ')).toBe(pages[path.join(' ')]);
    }
  });

  it('falls back to yargs when the pages are older than the compiled CLI', async () => {
    // A copy of the package whose CLI was compiled again after its pages were rendered.
    const copy = await mkdtemp(join(tmpdir(), 'vcc-sim-stale-pages-'));
    await cp(join(ROOT, 'bin'), join(copy, 'bin'), { recursive: true });
    await cp(join(ROOT, 'dist'), join(copy, 'dist'), { recursive: true });
    await symlink(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
    await cp(join(ROOT, 'package.json'), join(copy, 'package.json'));
    const later = new Date(Date.now() + 60_000);
    await utimes(join(copy, 'dist/src/cli/main.js'), later, later);
    const stale = await traced([join(copy, 'bin/vcc-sim.js'), '--help']);
    const fresh = await traced([BIN, '--help']);
    expect(stale.packages).toContain('yargs');
    expect(stale).toMatchObject({ code: 0, stdout: fresh.stdout });
  });

  it.each([[[]], [['pact']]])('prints the help of `vcc-sim %j` alone, exit 0', async (args) => {
    const alone = await traced([BIN, ...args]);
    const help = await traced([BIN, ...args, '--help']);
    const yargs = await throughYargs(args);
    expect(alone).toMatchObject({ code: 0, stderr: '', stdout: help.stdout });
    expect(yargs).toMatchObject({ code: 0, stderr: '', stdout: help.stdout });
  });
});

describe('what the CLI loads', () => {
  it.each([
    [['--help']],
    [['generate', '--help']],
    [['push', '--help']],
    [['pact', 'verify', '--help']],
    [['scenarios']],
    [['scenarios', 'warm-transfer']],
    [['completion', 'bash']],
    [['--get-yargs-completions', 'vcc-sim', 'generate', '-s', '']],
  ])('runs vcc-sim %j through yargs without ajv, yaml, undici, msw or Pact', async (args) => {
    const result = await throughYargs(args);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.packages).toContain('yargs');
    expect(result.heavy).toEqual([]);
  });

  it('validates with compiled validators: neither ajv nor yaml', async () => {
    const result = await traced([BIN, 'validate', 'test/fixtures/seed-channel-connected.v0.json']);
    expect(result.code).toBe(0);
    expect(result.heavy).toEqual([]);
  });

  it('loads them for commands that need them (so the checks above would notice)', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'vcc-sim-startup-'));
    const file = join(directory, 'one-call.yaml');
    await writeFile(
      file,
      'name: one-call\ndescription: one call\ncalls: 1\narrivals: { process: rate, perHour: 60 }\nteams: [{ name: t, agents: 1 }]\nmix: [{ flow: inbound-answered }]\n',
    );
    const result = await traced([BIN, 'generate', '-s', file]);
    expect(result.code).toBe(0);
    expect(result.heavy).toContain('yaml');
  });
});
