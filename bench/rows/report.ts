import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtInScenario, simulateJson } from 'vcc-sim';
import { atMost, median, type BenchRow } from '../measure.js';

const BIN = fileURLToPath(new URL('../../bin/vcc-sim.js', import.meta.url));
const REPORT_RSS = fileURLToPath(new URL('../support/report-peak-rss.mjs', import.meta.url));
const READ_AND_PARSE = fileURLToPath(new URL('../support/read-and-parse.mjs', import.meta.url));
/** The issue's size: a contact-centre-day run with every event type, about 570,000 notifications. */
const TARGET_NOTIFICATIONS = 570_000;

/** Runs a Node script; returns wall seconds and peak RSS (MB). */
function run(args: string[]): { seconds: number; peakRssMb: number } {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', REPORT_RSS, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  const peak = /peak-rss-kb=(\d+)/.exec(result.stderr);
  return { seconds, peakRssMb: Number(peak?.[1]) / 1024 };
}

export function reportRows(): BenchRow[] {
  // contact-centre-day has fewer notifications a day than the issue's figure: play as many days
  // as it takes to reach it (the engine decides how many a day; the row says how many it read).
  const scenario = builtInScenario('contact-centre-day');
  let perDay = 0;
  for (const _ of simulateJson(scenario, { events: '*' })) perDay++;
  const days = Math.max(1, Math.ceil(TARGET_NOTIFICATIONS / perDay));
  const folder = mkdtempSync(join(tmpdir(), 'vcc-sim-bench-report-'));
  try {
    const runFile = join(folder, 'run.ndjson');
    const html = join(folder, 'report.html');
    const generateArgs = ['generate', '-s', 'contact-centre-day', '-e', '*', '--out', runFile];
    if (days > 1) generateArgs.push('--duration', `${days * 24}h`);
    run([BIN, ...generateArgs]);
    const count = Number(
      spawnSync(process.execPath, [READ_AND_PARSE, runFile], { encoding: 'utf8' }).stdout.trim(),
    );
    const ours: Array<{ seconds: number; peakRssMb: number }> = [];
    const floor: Array<{ seconds: number; peakRssMb: number }> = [];
    for (let round = 0; round < 3; round++) {
      floor.push(run([READ_AND_PARSE, runFile]));
      ours.push(run([BIN, 'report', runFile, '-s', 'contact-centre-day', '--html', html]));
    }
    const rate = (runs: typeof ours) => median(runs.map((one) => count / one.seconds));
    const rss = (runs: typeof ours) => Math.max(...runs.map((one) => one.peakRssMb));
    const label = `contact-centre-day -e '*'${days > 1 ? ` over ${days} days` : ''} (${count.toLocaleString('en-US')} notifications, ${Math.round(statSync(runFile).size / 1e6)} MB)`;
    return [
      {
        row: `report: ${label}, CLI to HTML (${Math.round(statSync(html).size / 1e3)} kB)`,
        figure: rate(ours),
        unit: 'notifications/s',
        baseline: {
          label: 'floor: read the file and JSON.parse each line',
          figure: rate(floor),
          unit: 'notifications/s',
        },
      },
      {
        row: `report: peak RSS, one pass over the same file`,
        figure: rss(ours),
        unit: 'MB',
        target: atMost(200),
        baseline: { label: 'floor: read and parse', figure: rss(floor), unit: 'MB' },
      },
    ];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
