import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from './latency-histogram.js';

describe('LatencyHistogram', () => {
  it('gives percentiles within 0.1% of the exact ones, and exact min, mean and max', () => {
    const histogram = new LatencyHistogram();
    const values = Array.from({ length: 10_000 }, (_, i) => 0.25 + ((i * 37) % 5000) / 10);
    for (const value of values) histogram.record(value);
    const sorted = [...values].sort((a, b) => a - b);
    const exact = (q: number) => sorted[Math.ceil(q * sorted.length) - 1]!;
    const summary = histogram.summary()!;
    expect(summary.count).toBe(10_000);
    expect(summary.min).toBe(0.25);
    expect(summary.max).toBe(Math.round(sorted.at(-1)! * 100) / 100);
    for (const [q, figure] of [
      [0.5, summary.p50],
      [0.9, summary.p90],
      [0.99, summary.p99],
    ] as const) {
      expect(Math.abs(figure - exact(q)) / exact(q)).toBeLessThan(0.002);
    }
  });

  it('merges: two halves added up give the figures of the whole', () => {
    const whole = new LatencyHistogram();
    const [a, b] = [new LatencyHistogram(), new LatencyHistogram()];
    for (let i = 0; i < 2000; i++) {
      const value = ((i * 7919) % 1000) / 7;
      whole.record(value);
      (i % 2 ? a : b).record(value);
    }
    a.add(b);
    expect(a.summary()).toEqual(whole.summary());
  });

  it('is empty before the first value and after a reset', () => {
    const histogram = new LatencyHistogram();
    expect(histogram.summary()).toBeUndefined();
    histogram.record(3);
    histogram.reset();
    expect(histogram.summary()).toBeUndefined();
  });
});
