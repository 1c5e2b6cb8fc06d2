import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../src/version.js';
import { packTarball, ROOT } from './support/cli.js';

const run = promisify(execFile);

/**
 * What a user gets from the registry: `npm pack`, install the tarball into an empty project, then
 * import every subpath the package exports and run its binary.
 */
let project: string;
let tarball: string;
let exportsMap: Record<string, unknown>;

beforeAll(async () => {
  const packageJson = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
    exports: Record<string, unknown>;
  };
  exportsMap = packageJson.exports;
  // `vcc-sim/msw` needs its optional peer msw to import; Pact stays uninstalled (see below).
  const peers = await Promise.all(
    ['msw'].map(async (name) => {
      const installed = JSON.parse(
        await readFile(join(ROOT, 'node_modules', name, 'package.json'), 'utf8'),
      ) as { version: string };
      return `${name}@${installed.version}`;
    }),
  );
  tarball = await packTarball();
  project = await mkdtemp(join(tmpdir(), 'vcc-sim-consumer-'));
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  await run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--prefer-offline',
      tarball,
      ...peers,
    ],
    {
      cwd: project,
    },
  );
}, 180_000);

describe('the published package', () => {
  it('imports every exported subpath', async () => {
    for (const subpath of Object.keys(exportsMap)) {
      if (subpath === './package.json') continue;
      const specifier = subpath === '.' ? 'vcc-sim' : `vcc-sim/${subpath.slice(2)}`;
      const { stdout } = await run(
        process.execPath,
        ['-e', `import('${specifier}').then((m) => console.log(Object.keys(m).length))`],
        {
          cwd: project,
        },
      );
      expect(Number(stdout.trim()), specifier).toBeGreaterThan(0);
    }
  });

  it('runs its binary: generate, then validate what it generated', async () => {
    const bin = join(project, 'node_modules', '.bin', 'vcc-sim');
    const { stdout: version } = await run(bin, ['--version'], { cwd: project });
    const own = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(version.trim()).toBe(own.version);
    await run(
      bin,
      [
        'generate',
        '-s',
        'contact-centre-day',
        '-e',
        'channel.*',
        '--calls',
        '50',
        '--out',
        'day.ndjson',
      ],
      { cwd: project },
    );
    const { stdout } = await run(bin, ['validate', '--strict', 'day.ndjson'], { cwd: project });
    expect(stdout).toMatch(/^✓ \d+ notifications valid \(strict\)\n$/);
  });

  it('generates pacts without Pact installed, and says how to install it to verify them', async () => {
    const bin = join(project, 'node_modules', '.bin', 'vcc-sim');
    await run(bin, ['pact', 'generate', '--consumer', 'c', '--events', 'channel.held.v0'], {
      cwd: project,
    });
    const failure = await run(bin, ['pact', 'verify', 'contracts/pacts'], { cwd: project }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({
      code: 2,
      stderr:
        'vcc-sim: Verifying pacts needs Pact: npm install --save-dev @pact-foundation/pact@~16.5.0\n',
    });
  });

  it('ships the contracts and scenarios, not tests or sources', async () => {
    const installed = join(project, 'node_modules', 'vcc-sim');
    const { stdout } = await run('find', ['.', '-type', 'f'], { cwd: installed });
    const files = stdout.split('\n').filter(Boolean);
    expect(files).toContain('./contracts/channel.connected.v0.schema.json');
    expect(files).toContain('./scenarios/scenario.schema.json');
    expect(files.filter((file) => file.includes('.test.'))).toEqual([]);
    expect(files.filter((file) => file.startsWith('./src/'))).toEqual([]);
  });

  it('is clean for publint --strict', async () => {
    const packageJson = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const { messages } = await publint({
      // The packed tarball itself: publint finds the package in it.
      pack: { tarball: new Uint8Array(await readFile(tarball)).buffer },
      strict: true,
      level: 'suggestion',
    });
    expect(messages.map((message) => formatMessage(message, packageJson))).toEqual([]);
  });

  it('is clean for @arethetypeswrong/cli --profile esm-only', async () => {
    const attw = join(ROOT, 'node_modules', '.bin', 'attw');
    // attw exits 1 when any entry point has a problem the profile does not ignore.
    const result = await run(attw, [tarball, '--profile', 'esm-only']).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => error,
    );
    expect(result.code, result.stdout).toBe(0);
  });

  it('ships a LICENSE, no second package.json, and source maps with their sources', async () => {
    const installed = join(project, 'node_modules', 'vcc-sim');
    const { stdout } = await run('find', ['.', '-type', 'f'], { cwd: installed });
    const files = stdout.split('\n').filter(Boolean);
    const own = files.filter((file) => !file.startsWith('./node_modules/'));
    expect(own).toContain('./LICENSE');
    expect(own.filter((file) => file.endsWith('/package.json'))).toEqual(['./package.json']);
    const maps = own.filter((file) => file.endsWith('.js.map'));
    expect(maps.length).toBeGreaterThan(0);
    for (const map of maps) {
      const { sources, sourcesContent } = JSON.parse(
        await readFile(join(installed, map), 'utf8'),
      ) as { sources: string[]; sourcesContent?: (string | null)[] };
      expect(sourcesContent?.length, map).toBe(sources.length);
      expect(
        sourcesContent?.every((source) => typeof source === 'string' && source.length > 0),
        map,
      ).toBe(true);
    }
  });

  it('reports the version of its package.json, which src/version.ts holds', async () => {
    const own = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(VERSION).toBe(own.version);
  });

  it('gives a copied scenario a $schema that resolves inside the installed package', async () => {
    const bin = join(project, 'node_modules', '.bin', 'vcc-sim');
    const { stdout } = await run(bin, ['scenarios', 'warm-transfer'], { cwd: project });
    const { $schema } = JSON.parse(stdout) as { $schema: string };
    expect($schema).toBe('./node_modules/vcc-sim/scenarios/scenario.schema.json');
    const schema = JSON.parse(await readFile(join(project, $schema), 'utf8')) as { title: string };
    expect(schema.title).toBe('vcc-sim scenario');
  });
});
