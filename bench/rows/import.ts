import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { atMost, type BenchRow } from '../measure.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RUNS = 9;

/** CPU time the child reports of itself, all threads: less sensitive to a busy machine. */
const REPORT_CPU =
  ';const { user, system } = process.cpuUsage(); process.stdout.write(String((user + system) / 1000));';

/** Wall-clock and CPU milliseconds of one `node` child process running `code` (an ES module). */
function run(code: string): { wall: number; cpu: number } {
  const start = performance.now();
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', code + REPORT_CPU], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const wall = performance.now() - start;
  if (child.status !== 0) throw new Error(`bench child failed: ${child.stderr}`);
  return { wall, cpu: Number(child.stdout) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * What importing vcc-sim costs a user: fresh processes, alternated with the same number of
 * `node -e 0`, each the median of several. The figure is the difference; the baseline the bare
 * start. Wall-clock is what a user waits; CPU time shows the cost when the machine is busy.
 */
export function importRows(): BenchRow[] {
  const cases = {
    bare: '',
    simulate: `const { builtInScenario, simulate } = await import('vcc-sim');
      for (const n of simulate(builtInScenario('warm-transfer'), { seed: 1 })) void n;`,
    validate: `const { validateNotification } = await import('vcc-sim');
      if (validateNotification({ type: 'channel.held.v1' }).valid) process.exit(1);`,
    // What showing names adds (faker and one locale's data), paid only where names are shown.
    names: `const { builtInScenario, peopleNames } = await import('vcc-sim');
      await peopleNames(builtInScenario('contact-centre-day'), { locale: 'de' });`,
  };
  type Case = keyof typeof cases;
  const wall: Record<Case, number[]> = { bare: [], simulate: [], validate: [], names: [] };
  const cpu: Record<Case, number[]> = { bare: [], simulate: [], validate: [], names: [] };
  for (let round = 0; round < RUNS; round++) {
    for (const [name, code] of Object.entries(cases)) {
      const measured = run(code);
      wall[name as Case].push(measured.wall);
      cpu[name as Case].push(measured.cpu);
    }
  }
  const bare = median(wall.bare);
  const baseline = { label: 'node -e 0', figure: bare, unit: 'ms' };
  return [
    {
      row: "import: import('vcc-sim') + simulate(), over a bare node start",
      figure: median(wall.simulate) - bare,
      unit: 'ms',
      target: atMost(80),
      baseline,
    },
    {
      row: "import: the same in CPU time (all threads), over a bare node start's",
      figure: median(cpu.simulate) - median(cpu.bare),
      unit: 'ms',
      baseline: { label: 'node -e 0, CPU time', figure: median(cpu.bare), unit: 'ms' },
    },
    {
      row: "import: import('vcc-sim') + first validation (an invalid one), over a bare node start",
      figure: median(wall.validate) - bare,
      unit: 'ms',
      baseline,
    },
    {
      row: "import: import('vcc-sim') + peopleNames() of contact-centre-day (faker, de), over a bare node start",
      figure: median(wall.names) - bare,
      unit: 'ms',
      baseline,
    },
  ];
}
