import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { RunStream } from './support/run-stream.js';

let directory: string;
let run: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'vcc-sim-report-'));
  const stream = new RunStream()
    .presence('1001', 0, 'ready')
    .answeredCall(1, '1001', { arrive: 10, ring: 12, answer: 15, end: 100, wrapEnd: 130 })
    .abandonedCall(2, { arrive: 400, leave: 450 })
    .presence('1001', 3600, 'loggedOut');
  run = join(directory, 'run.ndjson');
  await writeFile(run, stream.notifications.map((n) => JSON.stringify(n)).join('\n'));
});

describe('vcc-sim report', () => {
  it('prints the KPIs of a run and writes its HTML page', async () => {
    const html = join(directory, 'run.html');
    const result = await runCli(['report', run, '--html', html, '-s', 'contact-centre-day']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        '15 notifications · 2026-01-05 09:00 – 2026-01-05 10:00 UTC',
        '  inbound    2 offered · 1 answered · 1 abandoned (50.0%) · 0 voicemail',
        '  service    50.0% within 20 s · ASA 5.0s',
        '  occupancy  3.3%',
        '  outbound   0 dialled · 0 connected · 0 unanswered',
        '  agents     1',
        `✓ Wrote ${html}`,
        '',
      ].join('\n'),
    );
    const page = await readFile(html, 'utf8');
    expect(page).toContain('data-kpi="serviceLevel" data-value="0.5"');
    expect(page).toContain('"name":"contact-centre-day"');
  });

  it('prints the figures as JSON, reading standard input, with another threshold', async () => {
    const text = await readFile(run, 'utf8');
    const result = await runCli(['report', '-', '--json', '--threshold', '3s'], { stdin: text });
    expect(result.code).toBe(0);
    const figures = JSON.parse(result.stdout) as Record<string, { serviceLevel: number }>;
    expect(figures['kpis']!.serviceLevel).toBe(0);
    expect(figures['serviceLevelThresholdMs']).toBe(3000);
    expect(Object.keys(figures)).not.toContain('agents');
  });

  it('refuses what it cannot read in one line: exit 2', async () => {
    const missing = await runCli(['report', join(directory, 'nope.ndjson')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^vcc-sim: Cannot read ".*nope.ndjson": no such file\n/);
    const notPush = join(directory, 'not-push.json');
    await writeFile(notPush, '{"hello":1}');
    const bad = await runCli(['report', run, '--push-report', notPush]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/is not a push report/);
    const threshold = await runCli(['report', run, '--threshold', 'soon']);
    expect(threshold.code).toBe(2);
    expect(threshold.stderr).toMatch(/--threshold must be a duration/);
  });
});
