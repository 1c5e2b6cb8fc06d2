/** Helpers shared by the benchmark rows. */

/** One line of the benchmark table. */
export interface BenchRow {
  row: string;
  figure: number;
  unit: string;
  /** The target, as a human reads it (`≥ 1,000,000`), and the test it implies. */
  target?: { text: string; met: (figure: number) => boolean };
  /** A reference measured in the same run, for comparison. */
  baseline?: { label: string; figure: number; unit: string };
}

/**
 * Operations per second of `operation`, which performs `batch` operations per call: the median of
 * `samples` timed runs of about `sampleMs` each, after a warm-up.
 */
export function opsPerSecond(
  operation: () => void,
  {
    batch = 1,
    samples = 5,
    sampleMs = 400,
  }: { batch?: number; samples?: number; sampleMs?: number } = {},
): number {
  const warmUntil = performance.now() + sampleMs;
  while (performance.now() < warmUntil) operation();
  const rates: number[] = [];
  for (let sample = 0; sample < samples; sample++) {
    let calls = 0;
    const start = performance.now();
    let now = start;
    while (now - start < sampleMs) {
      operation();
      calls++;
      now = performance.now();
    }
    rates.push((calls * batch) / ((now - start) / 1000));
  }
  return median(rates);
}

/** The middle of some measurements (the upper middle of an even count). */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[values.length >> 1]!;
}

/** `≥ n` target for a rate. */
export function atLeast(minimum: number): BenchRow['target'] {
  return { text: `≥ ${format(minimum)}`, met: (figure) => figure >= minimum };
}

/** `≤ n` target for a cost (latency, memory). */
export function atMost(maximum: number): BenchRow['target'] {
  return { text: `≤ ${format(maximum)}`, met: (figure) => figure <= maximum };
}

export function format(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2);
}
