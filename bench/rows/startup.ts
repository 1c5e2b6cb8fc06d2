import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { atMost, type BenchRow } from '../measure.js';

const BIN = fileURLToPath(new URL('../../bin/vcc-sim.js', import.meta.url));
const RUNS = 21;

/** Wall time of one child process, in milliseconds. */
function timeOnce(args: readonly string[]): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const elapsed = performance.now() - start;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}`);
  return elapsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * How long the CLI takes to start, as a user feels it: the median wall time of `RUNS` child
 * processes each, beside bare `node -e 0` measured interleaved with them in the same run.
 */
export function startupRows(): BenchRow[] {
  const commands = {
    node: ['-e', '0'],
    help: [BIN, '--help'],
    pactHelp: [BIN, 'pact', 'verify', '--help'],
    scenarios: [BIN, 'scenarios'],
  } as const;
  const times: Record<keyof typeof commands, number[]> = {
    node: [],
    help: [],
    pactHelp: [],
    scenarios: [],
  };
  for (const args of Object.values(commands)) timeOnce(args); // warm the file cache
  for (let run = 0; run < RUNS; run++) {
    for (const [name, args] of Object.entries(commands)) {
      times[name as keyof typeof commands].push(timeOnce(args));
    }
  }
  const baseline = { label: 'node -e 0', figure: median(times.node), unit: 'ms' };
  return [
    {
      row: 'startup: vcc-sim --help',
      figure: median(times.help),
      unit: 'ms',
      target: atMost(120),
      baseline,
    },
    {
      row: 'startup: vcc-sim pact verify --help',
      figure: median(times.pactHelp),
      unit: 'ms',
      baseline,
    },
    {
      row: 'startup: vcc-sim scenarios (loads yargs)',
      figure: median(times.scenarios),
      unit: 'ms',
      baseline,
    },
  ];
}
