import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { atMost, type BenchRow } from '../measure.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RUNS = 9;

/** Wall-clock milliseconds of one `node` child process running `code` (an ES module). */
function runMs(code: string): number {
  const start = performance.now();
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const elapsed = performance.now() - start;
  if (child.status !== 0) throw new Error(`bench child failed: ${child.stderr}`);
  return elapsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * What importing vcc-sim costs a user: fresh processes, alternated with the same number of
 * `node -e 0`, each the median of several. The figure is the difference; the baseline the bare start.
 */
export function importRows(): BenchRow[] {
  const cases = {
    bare: '',
    simulate: `const { builtInScenario, simulate } = await import('vcc-sim');
      for (const n of simulate(builtInScenario('warm-transfer'), { seed: 1 })) void n;`,
    validate: `const { validateNotification } = await import('vcc-sim');
      if (validateNotification({ type: 'channel.held.v1' }).valid) process.exit(1);`,
  };
  const times: Record<keyof typeof cases, number[]> = { bare: [], simulate: [], validate: [] };
  for (let run = 0; run < RUNS; run++) {
    for (const [name, code] of Object.entries(cases)) {
      times[name as keyof typeof cases].push(runMs(code));
    }
  }
  const bare = median(times.bare);
  const baseline = { label: 'node -e 0', figure: bare, unit: 'ms' };
  return [
    {
      row: "import: import('vcc-sim') + simulate(), over a bare node start",
      figure: median(times.simulate) - bare,
      unit: 'ms',
      target: atMost(80),
      baseline,
    },
    {
      row: "import: import('vcc-sim') + first validation (an invalid one), over a bare node start",
      figure: median(times.validate) - bare,
      unit: 'ms',
      baseline,
    },
  ];
}
