import { describe, expect, it } from 'vitest';
import { countOf, formatCount } from './format-count.js';

describe('counts in command output', () => {
  it('separates thousands with commas', () => {
    expect(formatCount(569_812)).toBe('569,812');
    expect(formatCount(999)).toBe('999');
  });

  it('puts the noun in the plural unless the count is one', () => {
    expect(countOf(1, 'interaction')).toBe('1 interaction');
    expect(countOf(0, 'interaction')).toBe('0 interactions');
    expect(countOf(12_345, 'notification')).toBe('12,345 notifications');
    expect(countOf(2, 'type and role combination', 'type and role combinations')).toBe(
      '2 type and role combinations',
    );
  });
});
