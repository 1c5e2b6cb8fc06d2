import { describe, expect, it } from 'vitest';
import { compileDistribution } from './distribution.js';
import { randomStream } from './random.js';
import { percentile } from './statistics.js';
import { parseDuration } from './duration.js';

function samples(definition: Parameters<typeof compileDistribution>[0], count = 40_000): number[] {
  const sample = compileDistribution(definition, '/test');
  const random = randomStream(42, 'distribution-test');
  return Array.from({ length: count }, () => sample(random)).sort((a, b) => a - b);
}

describe('distributions', () => {
  it('draws a log-normal whose median and p90 are the ones asked for', () => {
    const values = samples({ distribution: 'lognormal', median: '4m', p90: '11m' });
    expect(percentile(values, 0.5) / 240_000).toBeCloseTo(1, 1);
    expect(percentile(values, 0.9) / 660_000).toBeCloseTo(1, 1);
  });

  it('draws a uniform between its bounds, evenly', () => {
    const values = samples({ distribution: 'uniform', min: '1s', max: '3s' });
    expect(values[0]).toBeGreaterThanOrEqual(1_000);
    expect(values[values.length - 1]).toBeLessThanOrEqual(3_000);
    expect(percentile(values, 0.25) / 1_500).toBeCloseTo(1, 1);
    expect(percentile(values, 0.75) / 2_500).toBeCloseTo(1, 1);
  });

  it('draws an exponential with the asked mean (median = mean · ln 2)', () => {
    const values = samples({ distribution: 'exponential', mean: '30s' });
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean / 30_000).toBeCloseTo(1, 1);
    expect(percentile(values, 0.5) / (30_000 * Math.LN2)).toBeCloseTo(1, 1);
  });

  it('draws a normal truncated to its bounds', () => {
    const values = samples({
      distribution: 'normal',
      mean: '60s',
      sd: '20s',
      min: '30s',
      max: '90s',
    });
    expect(values[0]).toBeGreaterThanOrEqual(30_000);
    expect(values[values.length - 1]).toBeLessThanOrEqual(90_000);
    expect(percentile(values, 0.5) / 60_000).toBeCloseTo(1, 1);
  });

  it('takes a bare duration as fixed', () => {
    expect(new Set(samples('1m30s', 100))).toEqual(new Set([90_000]));
    expect(new Set(samples({ distribution: 'fixed', value: 250 }, 100))).toEqual(new Set([250]));
  });

  it('refuses a log-normal whose p90 is not above its median, naming where', () => {
    expect(() =>
      compileDistribution({ distribution: 'lognormal', median: '5m', p90: '1m' }, '/timings/talk'),
    ).toThrow('/timings/talk: p90 must be greater than median, and median greater than 0');
  });
});

describe('durations', () => {
  it('reads the units people write', () => {
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('1.5s')).toBe(1_500);
    expect(parseDuration(42)).toBe(42);
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(parseDuration('5 minutes')).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
    expect(parseDuration(-1)).toBeUndefined();
  });
});
