import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, runNodeRecordingModules } from './support/cli.js';

/**
 * People's names (faker, seeded by the run) where a person reads them: `generate --stats` and the
 * report's page. Notifications carry no names, so faker never loads on the way to them.
 */

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'vcc-sim-people-'));
});

/** The files of faker a node process loaded, relative to faker's `dist/`. */
async function fakerFilesLoadedBy(args: readonly string[]) {
  const { modules, ...result } = await runNodeRecordingModules(args);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return modules.flatMap((url) => /\/@faker-js\/faker\/dist\/(.+)$/.exec(url)?.[1] ?? []);
}

/** The Agents table of `generate --stats` (its header, then a row per agent). */
async function agentsTable(...args: string[]): Promise<string> {
  const result = await runCli([
    'generate',
    '-s',
    'warm-transfer',
    '--stats',
    '--out',
    '/dev/null',
    ...args,
  ]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const table = /\nAgents\n([\s\S]*?)\n\n/.exec(result.stdout)?.[1];
  expect(table).toBeDefined();
  return table!;
}

/** Each row of an Agents table split into its figures and its name, by `agentId`. */
function rows(table: string): Map<string, { figures: string; name: string }> {
  const [header, ...lines] = table.split('\n');
  const at = header!.indexOf('name');
  return new Map(
    lines.map((line) => [
      line.trim().split(' ')[0]!,
      { figures: line.slice(0, at), name: line.slice(at) },
    ]),
  );
}

describe('names in generate --stats', () => {
  it('lists each agent with a name, the same bytes for the same seed and locale', async () => {
    const table = await agentsTable('--seed', '5', '--locale', 'de');
    const agents = rows(table);
    expect(agents.size).toBe(6);
    for (const { figures, name } of agents.values()) {
      expect(figures).toMatch(/^ {2}10\d\d +support +\d+ +\d+m \d\ds +[\d.]+% {2}$/);
      expect(name).toMatch(/^\p{L}.*\p{L}$/u);
    }
    expect(await agentsTable('--seed', '5', '--locale', 'de')).toBe(table);
  });

  it('gives other names for another seed or locale, and the same figures', async () => {
    const base = rows(await agentsTable('--seed', '5'));
    const names = (table: typeof base) => [...table.values()].map((row) => row.name);
    for (const other of [
      rows(await agentsTable('--seed', '5', '--locale', 'fr')),
      rows(await agentsTable('--seed', '6')),
    ]) {
      const differ = names(other).filter((name, index) => name !== names(base)[index]);
      expect(differ.length).toBeGreaterThan(4);
    }
    const japanese = rows(await agentsTable('--seed', '5', '--locale', 'ja'));
    expect([...japanese.values()].map((row) => row.figures.trimEnd())).toEqual(
      [...base.values()].map((row) => row.figures.trimEnd()),
    );
  });

  it('refuses a locale faker does not have, and --locale without --stats, in one line', async () => {
    const unknown = await runCli(['generate', '--stats', '--locale', 'en_G', '--out', '/dev/null']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      '--locale must be one of faker’s locales (got "en_G"). Did you mean "en_GB"?',
    );
    const alone = await runCli(['generate', '--locale', 'de']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--locale goes with --stats');
  });
});

describe('names in the report page', () => {
  it('names the agents of the run’s scenario for its seed and locale', async () => {
    const run = join(directory, 'transfer.ndjson');
    expect(
      (await runCli(['generate', '-s', 'warm-transfer', '--seed', '5', '-e', '*', '--out', run]))
        .code,
    ).toBe(0);
    const page = async (...args: string[]) => {
      const html = join(directory, `report-${args.join('-')}.html`);
      const result = await runCli(['report', run, '-s', 'warm-transfer', '--html', html, ...args]);
      expect(result.stderr).toBe('');
      const data = /<script type="application\/json" id="vcc-report-data">(.*?)<\/script>/s.exec(
        await readFile(html, 'utf8'),
      )![1]!;
      return (JSON.parse(data) as { names: Record<string, string> }).names;
    };
    const stats = rows(await agentsTable('--seed', '5', '--locale', 'es'));
    const names = await page('--seed', '5', '--locale', 'es');
    // Every agent the statistics list, named on the page as the statistics name them.
    expect(stats.size).toBe(6);
    for (const [agentId, { name }] of stats) expect(names[agentId]).toBe(name);
    expect(await page('--seed', '6', '--locale', 'es')).not.toEqual(names);
  });
});

describe('faker’s cost', () => {
  it('is never paid by import(vcc-sim), simulate() or a plain generate', async () => {
    const script = `const { builtInScenario, runStatistics, simulate } = await import('vcc-sim');
      for (const n of simulate(builtInScenario('warm-transfer'), { events: '*' })) void n;
      runStatistics(builtInScenario('warm-transfer'));`;
    expect(await fakerFilesLoadedBy(['--input-type=module', '-e', script])).toEqual([]);
    expect(await fakerFilesLoadedBy(['bin/vcc-sim.js', 'generate', '--out', '/dev/null'])).toEqual(
      [],
    );
  });

  it('loads the one locale asked for, never faker’s every-locale entry', async () => {
    const files = await fakerFilesLoadedBy([
      'bin/vcc-sim.js', 'generate', '--stats', '--locale', 'de', '--out', '/dev/null',
    ]); // prettier-ignore
    expect(files).toContain('locale/de.js');
    expect(files.filter((file) => file.startsWith('locale/'))).toEqual(['locale/de.js']);
    expect(files).not.toContain('index.js');
    // The locale module and its data chunks (de, its en fallback, base): a handful of files.
    expect(files.length).toBeLessThan(6);
  });
});
