import { describe, expect, it } from 'vitest';
import { countOf, formatCount } from './count.js';

describe('counts in every output', () => {
  it('separates thousands with commas', () => {
    expect(formatCount(569_812)).toBe('569,812');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1_234.6)).toBe('1,235');
  });

  it('puts the noun in the plural unless the count is one', () => {
    expect(countOf(1, 'interaction')).toBe('1 interaction');
    expect(countOf(0, 'interaction')).toBe('0 interactions');
    expect(countOf(12_345, 'notification')).toBe('12,345 notifications');
    expect(countOf(1_204, 'retry', 'retries')).toBe('1,204 retries');
    expect(countOf(2, 'type and role combination', 'type and role combinations')).toBe(
      '2 type and role combinations',
    );
  });
});
