import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './support/cli.js';

const run = promisify(execFile);

/**
 * What a user gets from the registry: `npm pack`, install the tarball into an empty project, then
 * import every subpath the package exports and run its binary.
 */
let project: string;
let exportsMap: Record<string, unknown>;

beforeAll(async () => {
  const packageJson = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
    exports: Record<string, unknown>;
  };
  exportsMap = packageJson.exports;
  const packDirectory = await mkdtemp(join(tmpdir(), 'vcc-sim-pack-'));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', packDirectory], {
    cwd: ROOT,
  });
  const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
  project = await mkdtemp(join(tmpdir(), 'vcc-sim-consumer-'));
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--ignore-scripts', join(packDirectory, filename)],
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
});
