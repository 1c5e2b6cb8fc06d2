import { fullFormats } from 'ajv-formats/dist/formats.js';
import { describe, expect, it } from 'vitest';
import {
  compareUtc,
  formatMillis,
  formatTicks,
  fractionDigits,
  isUtcDateTime,
  unixSecondOf,
} from './utc-time.js';

describe('UTC time formats', () => {
  it('writes data.timestamp with 3 fractional digits and time with 7, as VCC does', () => {
    const millis = Date.parse('2022-08-30T14:34:36.088Z');
    expect(formatMillis(millis)).toBe('2022-08-30T14:34:36.088Z');
    expect(formatTicks(Date.parse('2022-08-30T14:34:36.613Z'), 4321)).toBe(
      '2022-08-30T14:34:36.6134321Z',
    );
    expect(formatMillis(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(formatTicks(millis, 0)).toBe('2022-08-30T14:34:36.0880000Z');
  });

  it('agrees with Date for a spread of instants, across cached seconds', () => {
    for (
      let millis = 1_600_000_000_000;
      millis < 1_600_000_000_000 + 5_000_000;
      millis += 999_991
    ) {
      expect(formatMillis(millis)).toBe(new Date(millis).toISOString());
      expect(formatMillis(millis + 1)).toBe(new Date(millis + 1).toISOString());
    }
  });

  it('orders date-times of different precision by instant', () => {
    expect(compareUtc('2022-08-30T14:34:36.6134321Z', '2022-08-30T14:34:36.088Z')).toBeGreaterThan(
      0,
    );
    expect(compareUtc('2022-08-30T14:34:36.088Z', '2022-08-30T14:34:36.0880000Z')).toBe(0);
    expect(compareUtc('2022-08-30T14:34:36Z', '2022-08-30T14:34:36.000Z')).toBe(0);
    expect(compareUtc('2022-08-30T14:34:36Z', '2022-08-30T14:34:36.0000001Z')).toBeLessThan(0);
    expect(compareUtc('2022-08-30T14:34:35.9999999Z', '2022-08-30T14:34:36Z')).toBeLessThan(0);
    expect(compareUtc('2021-12-31T23:59:59.999Z', '2022-01-01T00:00:00Z')).toBeLessThan(0);
  });

  it('counts fractional digits and finds the second', () => {
    expect(fractionDigits('2022-08-30T14:34:36.6134321Z')).toBe(7);
    expect(fractionDigits('2022-08-30T14:34:36.088Z')).toBe(3);
    expect(fractionDigits('2022-08-30T14:34:36Z')).toBe(0);
    expect(unixSecondOf('2022-08-30T14:34:36.6134321Z')).toBe(1661870076);
  });

  it('agrees with ajv-formats’ full date-time check on UTC strings', () => {
    const format = fullFormats['date-time'] as { validate: (value: string) => boolean };
    const reference = (value: string) => format.validate(value);
    const samples = [
      '2022-08-30T14:34:36.6134321Z',
      '2022-08-30T14:34:36Z',
      '2024-02-29T00:00:00.000Z',
      '2023-02-29T00:00:00.000Z',
      '2100-02-29T00:00:00Z',
      '2000-02-29T00:00:00Z',
      '2022-04-31T00:00:00Z',
      '2022-13-01T00:00:00Z',
      '2022-00-10T00:00:00Z',
      '2022-01-00T00:00:00Z',
      '2022-01-32T00:00:00Z',
      '2022-01-01T24:00:00Z',
      '2022-01-01T23:60:00Z',
      '2022-01-01T23:59:60Z',
      '2022-01-01T22:59:60Z',
      '2022-01-01T23:59:61Z',
    ];
    // Every day of a leap and a common year, at a few times of day.
    for (let day = Date.UTC(2023, 11, 30); day < Date.UTC(2025, 0, 2); day += 86_400_000) {
      const date = new Date(day).toISOString().slice(0, 10);
      for (const time of ['00:00:00Z', '23:59:59.999Z', '23:59:60Z', '12:00:00.6134321Z'])
        samples.push(`${date}T${time}`);
      samples.push(
        `${date.slice(0, 8)}${String(Number(date.slice(8)) + 1).padStart(2, '0')}T00:00:00Z`,
      );
    }
    for (const sample of samples)
      expect([sample, isUtcDateTime(sample)]).toEqual([sample, reference(sample)]);
  });

  it('rejects what the contract excludes even where ajv-formats allows it', () => {
    expect(isUtcDateTime('2022-08-30T14:34:36+00:00')).toBe(false);
    expect(isUtcDateTime('2022-08-30t14:34:36z')).toBe(false);
    expect(isUtcDateTime('2022-08-30 14:34:36Z')).toBe(false);
  });
});

describe('unixSecondOf', () => {
  it('reads a leap second as the second after 23:59:59, which Date cannot parse', () => {
    expect(unixSecondOf('2016-12-31T23:59:60.5000000Z')).toBe(Date.UTC(2017, 0, 1) / 1000);
    expect(unixSecondOf('2016-12-31T23:59:59.9Z')).toBe(Date.UTC(2017, 0, 1) / 1000 - 1);
  });
});
