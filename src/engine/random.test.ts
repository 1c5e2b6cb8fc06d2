import { describe, expect, it } from 'vitest';
import { randomStream } from './random.js';

describe('random streams', () => {
  it('repeat for the same seed, label and index, and differ otherwise', () => {
    const draw = (seed: number, label: string, index: number) => {
      const stream = randomStream(seed, label, index);
      return Array.from({ length: 8 }, () => stream.nextUint32());
    };
    expect(draw(1, 'call', 5)).toEqual(draw(1, 'call', 5));
    expect(draw(2, 'call', 5)).not.toEqual(draw(1, 'call', 5));
    expect(draw(1, 'call', 6)).not.toEqual(draw(1, 'call', 5));
    expect(draw(1, 'notes', 5)).not.toEqual(draw(1, 'call', 5));
    expect(draw(2 ** 40, 'call', 5)).not.toEqual(draw(0, 'call', 5));
  });

  it('spread evenly over [0, 1)', () => {
    const stream = randomStream(7, 'uniformity');
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) buckets[Math.floor(stream.next() * 10)]!++;
    for (const bucket of buckets) expect(Math.abs(bucket - 10_000)).toBeLessThan(400);
  });
});
