import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInScenario, simulateJson } from '../src/index.js';
import { runCli } from './support/cli.js';

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'vcc-sim-generate-'));
});

describe('vcc-sim generate', () => {
  it('writes the default scenario’s channel.connected.v0 notifications as NDJSON', async () => {
    const result = await runCli(['generate']);
    expect(result.code).toBe(0);
    const expected = [...simulateJson(builtInScenario('inbound-answered'))].join('\n');
    expect(result.stdout).toBe(`${expected}\n`);
    expect(
      result.stdout
        .split('\n')
        .filter(Boolean)
        .every((line) => line.includes('"type":"channel.connected.v0"')),
    ).toBe(true);
  });

  it('is byte-identical across processes for the same seed, and differs for another', async () => {
    const args = ['generate', '-s', 'warm-transfer', '-e', 'channel.*', '--seed', '11'];
    const [first, second, other] = await Promise.all([
      runCli(args),
      runCli(args),
      runCli([...args.slice(0, -1), '12']),
    ]);
    expect(first.stdout.length).toBeGreaterThan(1_000);
    expect(second.stdout).toBe(first.stdout);
    expect(other.stdout).not.toBe(first.stdout);
  });

  it('writes a JSON array or pretty JSON to a file, and validates as output', async () => {
    const out = join(directory, 'array.json');
    const result = await runCli(['generate', '--calls', '3', '--format', 'json', '--out', out]);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    const array = JSON.parse(await readFile(out, 'utf8')) as unknown[];
    expect(array.length).toBeGreaterThan(0);
    const pretty = await runCli(['generate', '--calls', '3', '--format', 'pretty']);
    expect(JSON.parse(pretty.stdout)).toEqual(array);
    expect(pretty.stdout).toContain('\n  {\n    "specversion": "1.0",');
    const validation = await runCli(['validate', '--strict', out]);
    expect(validation.stdout).toBe(`✓ ${array.length} notifications valid (strict)\n`);
  });

  it('applies overrides and options without editing the scenario', async () => {
    const result = await runCli([
      'generate',
      '--calls',
      '40',
      '-e',
      'channel.held.*',
      '-s',
      'hold-retrieve',
      '--stats',
      '-o',
      'timings.hold=7s',
    ]);
    expect(result.code).toBe(0);
    const held = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(new Set(held.map((notification) => notification.type))).toEqual(
      new Set(['channel.held.v0', 'channel.held.v1']),
    );
    expect(result.stderr).toMatch(/calls {10}40\n/);
    expect(result.stderr).toMatch(/hold +\d+ +7\.0s +7\.0s +7\.0s +fixed 7s/);
  });

  it('prints statistics a person can check against the scenario', async () => {
    const result = await runCli([
      'generate',
      '-s',
      'contact-centre-day',
      '--stats',
      '--out',
      join(directory, 'day.ndjson'),
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Scenario contact-centre-day, seed 1/);
    expect(result.stdout).toMatch(
      /talk +[\d,]+ +[\dms ]+ .*lognormal median 4m, p90 11m \(default\)/,
    );
    expect(result.stdout).toMatch(/outcomes +answered [\d,]+ · .*abandoned/);
    // The figures a contact-centre person checks, per team and beside the scenario's targets.
    expect(result.stdout).toMatch(
      / +team +offered +answered +abandoned +aband\. % +service lvl +ASA +occupancy +agents +dialled\n/,
    );
    for (const team of ['sales', 'support', 'billing', 'all teams']) {
      expect(result.stdout).toMatch(
        new RegExp(
          `\\n  ${team} +[\\d,]+ +[\\d,]+ +[\\d,]+ +[\\d.]+% +[\\d.]+% +[\\d.]+s +[\\d.]+% +[\\d.]+`,
        ),
      );
      expect(result.stdout).toContain(`By hour (UTC): ${team}`);
    }
    expect(result.stdout).toMatch(/service level [\d.]+%, target 75% within 20\.0s ✓/);
    expect(result.stdout).toMatch(/abandonment [\d.]+%, target at most 8% ✓/);
    expect(result.stdout).toMatch(/\n {2}09:00 +\d+ +\d+/);
  });

  it('prints the statistics as JSON with --stats --json, and refuses --json alone', async () => {
    const result = await runCli([
      'generate',
      '-s',
      'contact-centre-day',
      '--stats',
      '--json',
      '--out',
      join(directory, 'day-json.ndjson'),
    ]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ scenario: 'contact-centre-day', seed: 1 });
    expect(report.service.targets).toEqual({ serviceLevel: 75, abandonment: 8 });
    expect(report.service.answerWithinMs).toBe(20_000);
    expect(report.service.teams.map((team: { team: string }) => team.team)).toEqual([
      'sales',
      'support',
      'billing',
    ]);
    expect(report.service.all.hours).toHaveLength(24);
    expect(report.service.all.total.serviceLevel).toBeGreaterThan(0.7);
    expect(report.durations.talk.p50).toBeGreaterThan(0);
    const alone = await runCli(['generate', '--json']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('vcc-sim: --json goes with --stats.');
  });

  it('generates presence notifications that validate strictly', async () => {
    const out = join(directory, 'presence.ndjson');
    const result = await runCli(['generate', '-s', 'agent-shift', '-e', 'agent.*', '--out', out]);
    expect(result.code).toBe(0);
    const lines = (await readFile(out, 'utf8')).trim().split('\n');
    const types = new Set(lines.map((line) => JSON.parse(line).type));
    expect(types).toEqual(new Set(['agent.presencechanged.v0', 'agent.presencechanged.v1']));
    const validation = await runCli(['validate', '--strict', out]);
    expect(validation.stdout).toBe(`✓ ${lines.length} notifications valid (strict)\n`);
  });

  it('warns that a flow named after an outcome plays as an inbound call', async () => {
    const path = join(directory, 'old-abandoned.yaml');
    await writeFile(
      path,
      [
        'name: old-abandoned',
        'description: A file written when flows forced outcomes',
        'calls: 5',
        'arrivals: { process: poisson, perHour: 30 }',
        'teams: [{ name: desk, agents: 1 }]',
        'mix: [{ flow: inbound-abandoned }]',
        '',
      ].join('\n'),
    );
    const result = await runCli(['generate', '-s', path]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `vcc-sim: warning: ${path}: /mix/0/flow: "inbound-abandoned" plays as an inbound call ("inbound-answered"): callers abandon when their patience (timings.patience) runs out before an agent is free\n`,
    );
  });

  it('rejects a wrong scenario file with its path, line, pointer and expectation: exit 2', async () => {
    const path = join(directory, 'wrong.yaml');
    await writeFile(
      path,
      [
        'name: wrong',
        'description: A wrong scenario',
        'calls: 5',
        'arrivals:',
        '  process: poisson',
        '  perHour: -3',
        'teams:',
        '  - name: a',
        '    agents: 2',
        'mix:',
        '  - flow: inbound-answered',
        '',
      ].join('\n'),
    );
    const result = await runCli(['generate', '-s', path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `vcc-sim: Invalid scenario "${path}:6:12": /arrivals/perHour: must be > 0 (got -3)\n`,
    );
  });

  it('explains an unknown scenario, event filter or team: exit 2', async () => {
    const unknown = await runCli(['generate', '-s', 'inbound-answerd']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'No built-in scenario "inbound-answerd". Did you mean "inbound-answered"?',
    );
    const filter = await runCli(['generate', '-e', 'chanel.*']);
    expect(filter).toMatchObject({ code: 2 });
    expect(filter.stderr).toContain('No event type matches "chanel.*"');
    const team = await runCli(['generate', '--teams', 'nobody']);
    expect(team.stderr).toContain('No team "nobody" in this scenario (teams: support)');
  });
});

describe('vcc-sim scenarios', () => {
  it('lists the built-ins with one-line descriptions and the default marked', async () => {
    const result = await runCli(['scenarios']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^inbound-answered \(default\) +Inbound calls answered/m);
    expect(result.stdout).toMatch(/^contact-centre-day +A day of a well-run contact centre/m);
    expect(result.stdout).toMatch(/^agent-shift +A team's day of presence/m);
    expect(result.stdout.match(/^\S/gm)!.length).toBe(14);
  });

  it('prints one scenario as a file to copy, which loads back as a scenario', async () => {
    const result = await runCli(['scenarios', 'park-unpark']);
    const path = join(directory, 'copy.json');
    await writeFile(path, result.stdout);
    const generated = await runCli(['generate', '-s', path, '--seed', '3']);
    const builtIn = await runCli(['generate', '-s', 'park-unpark', '--seed', '3']);
    expect(generated.stdout).toBe(builtIn.stdout);
  });
});
