import { readFileSync } from 'node:fs';

/** One reading of the machine's CPU counters (all cores, in clock ticks) at a wall-clock instant. */
type Reading = { atMs: number; busy: number; total: number };

function read(): Reading | undefined {
  try {
    // "cpu  user nice system idle iowait irq softirq steal …"
    const fields = readFileSync('/proc/stat', 'latin1').split('\n', 1)[0]!.trim().split(/\s+/);
    const ticks = fields.slice(1, 9).map(Number);
    const total = ticks.reduce((sum, value) => sum + value, 0);
    return { atMs: Date.now(), busy: total - ticks[3]! - ticks[4]!, total };
  } catch {
    return undefined;
  }
}

/**
 * Samples how busy the machine's cores are (Linux `/proc/stat`) every `everyMs`, so a row can say
 * what share of the machine a run kept busy over its own window. `busyShare` is `undefined`
 * where there is no `/proc/stat`.
 */
export function sampleCpu(everyMs = 50): {
  stop(): void;
  busyShare(fromMs: number, toMs: number): number | undefined;
} {
  const readings: Reading[] = [];
  const take = () => {
    const reading = read();
    if (reading) readings.push(reading);
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop: () => clearInterval(timer),
    busyShare(fromMs, toMs) {
      const inside = readings.filter((reading) => reading.atMs >= fromMs && reading.atMs <= toMs);
      if (inside.length < 2) return undefined;
      const first = inside[0]!;
      const last = inside.at(-1)!;
      return (last.busy - first.busy) / (last.total - first.total);
    },
  };
}
