import picocolors from 'picocolors';
import { describe, expect, it } from 'vitest';
import { fitToWidth, formatProgress } from './format-delivery.js';

const colors = picocolors.createColors(true);
// eslint-disable-next-line no-control-regex -- terminal colour codes are control sequences
const visible = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

describe('fitToWidth', () => {
  it('leaves a line that fits alone, and cuts one that does not to one column less, with …', () => {
    expect(fitToWidth('sent 12 · delivered 12', 80)).toBe('sent 12 · delivered 12');
    expect(fitToWidth('abcdefghij', 6)).toBe('abcd…');
    expect(fitToWidth('abcdefghij', undefined)).toBe('abcdefghij');
  });

  it('counts only visible characters and keeps colour codes, so the progress line never wraps', () => {
    const line = formatProgress(
      {
        notifications: 12_345,
        sent: 12_345,
        requests: 13_000,
        delivered: 12_001,
        retrying: 44,
        deadLettered: 3,
        inFlight: 32,
        elapsedMs: 4_000,
        recentLatencyMs: { p50: 1.2, p99: 9.8 },
        lastFailure: 'HTTP 503',
      },
      colors,
    );
    for (const columns of [20, 40, 60]) {
      const fitted = fitToWidth(line, columns);
      expect(visible(fitted).length).toBeLessThan(columns);
      expect(fitted.endsWith('\u001b[0m')).toBe(true);
    }
    expect(visible(fitToWidth(line, 200))).toBe(visible(line));
  });
});
