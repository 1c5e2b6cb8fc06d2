import { ScenarioProblem } from './scenario-problem.js';
import type { DurationText } from './types.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/y;

/**
 * Parses a duration: a number of milliseconds, or text such as `"250ms"`, `"45s"`, `"1.5m"`,
 * `"1h30m"`. Returns milliseconds, or `undefined` when the text is not a duration.
 */
export function parseDuration(value: DurationText): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const text = value.trim();
  if (text === '') return undefined;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const match = PART.exec(text);
    if (!match) return undefined;
    total += Number(match[1]) * UNIT_MS[match[2]!]!;
  }
  return total;
}

/**
 * Like {@link parseDuration}, but throws a scenario error at `pointer` (a JSON Pointer into the
 * scenario) when the value is not a duration.
 */
export function requireDuration(value: DurationText, pointer: string): number {
  const ms = parseDuration(value);
  if (ms === undefined) {
    throw new ScenarioProblem(
      pointer,
      `must be a duration such as "90s", "3m" or "1h30m" (got ${JSON.stringify(value)})`,
    );
  }
  return ms;
}

/** Formats milliseconds for people: `850ms`, `42.5s`, `3m 07s`, `2h 05m`. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)}s`;
  const seconds = Math.round(ms / 1_000);
  if (seconds < 3_600)
    return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}
