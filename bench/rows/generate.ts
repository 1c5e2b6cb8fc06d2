import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { builtInScenario, simulate, simulateJson } from 'vcc-sim';
import { writeLines } from 'vcc-sim/file';
import { atMost, median, type BenchRow } from '../measure.js';

const BIN = fileURLToPath(new URL('../../bin/vcc-sim.js', import.meta.url));
const REPORT_RSS = fileURLToPath(new URL('../support/report-peak-rss.mjs', import.meta.url));

async function toDevNull(items: Iterable<string>): Promise<number> {
  const sink = createWriteStream('/dev/null');
  const count = await writeLines(items, sink);
  await new Promise<void>((resolve) => sink.end(resolve));
  return count;
}

function* stringify(items: Iterable<unknown>): Generator<string> {
  for (const item of items) yield JSON.stringify(item);
}

/** Runs the CLI as a user would; returns wall seconds and peak RSS. */
function runCli(args: string[]): { seconds: number; peakRssMb: number } {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', REPORT_RSS, BIN, ...args], {
    encoding: 'utf8',
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`vcc-sim ${args.join(' ')} failed: ${result.stderr}`);
  const peak = /peak-rss-kb=(\d+)/.exec(result.stderr);
  return { seconds, peakRssMb: Number(peak?.[1]) / 1024 };
}

export async function generateRows(): Promise<BenchRow[]> {
  const scenario = builtInScenario('contact-centre-day');
  // Every type: channel events and agents' presence.
  const options = { events: '*', duration: '14d' };
  const count = await toDevNull(simulateJson(scenario, options));

  // The floor: serialising the same notifications, built beforehand, to the same sink.
  const prebuilt = [...simulate(scenario, options)];
  const floorRates: number[] = [];
  const ourRates: number[] = [];
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    await toDevNull(stringify(prebuilt));
    floorRates.push(count / ((performance.now() - started) / 1000));
    const cli = runCli([
      'generate',
      '-s',
      'contact-centre-day',
      '-e',
      '*',
      '--duration',
      '14d',
      '--out',
      '/dev/null',
    ]);
    ourRates.push(count / cli.seconds);
  }

  // Memory: a million notifications and more, streamed; ~19 notifications a call with '*'.
  const big = runCli([
    'generate',
    '-s',
    'contact-centre-day',
    '-e',
    '*',
    '--calls',
    '60000',
    '--out',
    '/dev/null',
  ]);
  let bigCount = 0;
  for (const _ of simulateJson(scenario, { events: '*', calls: 60_000 })) bigCount++;

  return [
    {
      row: `generate: contact-centre-day, -e '*', CLI to /dev/null (${count.toLocaleString('en-US')} notifications)`,
      figure: median(ourRates),
      unit: 'notifications/s',
      // The engine's own work must stay small beside what writing JSON costs anyway.
      target: {
        text: '≥ 0.9× the floor',
        met: (figure: number) => figure >= 0.9 * median(floorRates),
      },
      baseline: {
        label: 'floor: JSON.stringify of prebuilt notifications',
        figure: median(floorRates),
        unit: 'notifications/s',
      },
    },
    {
      row: `generate: peak RSS for ${bigCount.toLocaleString('en-US')} notifications`,
      figure: big.peakRssMb,
      unit: 'MB',
      target: atMost(150),
    },
  ];
}
