// The engine's duration module alone: the CLI parses options before it loads the engine.
import { parseDuration } from '../engine/duration.js';
import { VccSimError } from '../errors.js';
import type { Speed } from './types.js';

/**
 * The one home of the rate, speed, count and duration checks: the library checks numbers with
 * them (naming the option as `chaos.duplicate`), the CLI parses text with them (naming it as
 * `--chaos-duplicate`). Every failure is a `usage` error that names the option and the value.
 */

function usage(message: string): VccSimError {
  return new VccSimError('usage', message);
}

/**
 * A share of notifications: a number from 0 to 1.
 * @throws {VccSimError} code `usage` otherwise.
 */
export function checkShare(name: string, value: number): number {
  if (!(value >= 0 && value <= 1)) {
    throw usage(`${name} must be a share between 0 and 1 (got ${value}).`);
  }
  return value;
}

/**
 * A number > 0 (finite) and at most `max`; with `integer`, a whole number ≥ 1.
 * @throws {VccSimError} code `usage` otherwise.
 */
export function checkPositive(
  name: string,
  value: number,
  { integer = false, max = Number.MAX_VALUE, unit = '' } = {},
): number {
  if (!(value > 0) || !(value <= max) || (integer && !Number.isInteger(value))) {
    const range =
      max === Number.MAX_VALUE
        ? '> 0'
        : integer
          ? `from 1 to ${max}${unit}`
          : `> 0 and at most ${max}${unit}`;
    throw usage(
      `${name} must be a ${integer ? 'whole number' : 'number'} ${range} (got ${value}).`,
    );
  }
  return value;
}

/**
 * A duration in milliseconds: finite and ≥ 0.
 * @throws {VccSimError} code `usage` otherwise.
 */
export function checkDuration(name: string, value: number): number {
  if (!(value >= 0) || !Number.isFinite(value)) {
    throw usage(`${name} must be a duration ≥ 0 ms (got ${value}).`);
  }
  return value;
}

/**
 * A speed: a number > 0, or `'max'`.
 * @throws {VccSimError} code `usage` otherwise.
 */
export function checkSpeed(name: string, value: Speed): Speed {
  if (value === 'max') return value;
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    throw usage(`${name} must be a number > 0 or 'max' (got ${String(value)}).`);
  }
  return value;
}

/**
 * A share as a person types it: `0.05` or `5%`.
 * @throws {VccSimError} code `usage` naming `name` and the text.
 */
export function parseShare(name: string, text: string): number {
  const trimmed = text.trim();
  const percent = trimmed.endsWith('%');
  const number = Number(percent ? trimmed.slice(0, -1) : trimmed);
  const share = percent ? number / 100 : number;
  if (trimmed === '' || !(share >= 0 && share <= 1)) {
    throw usage(`${name} must be a share between 0 and 1, or a percentage (got "${text}").`);
  }
  return share;
}

/**
 * A speed as a person types it: `10`, `0.5` or `max`.
 * @throws {VccSimError} code `usage` naming `name` and the text.
 */
export function parseSpeed(name: string, text: string): Speed {
  if (text.trim().toLowerCase() === 'max') return 'max';
  const speed = Number(text);
  if (text.trim() === '' || !(speed > 0) || !Number.isFinite(speed)) {
    throw usage(`${name} must be a positive number or "max" (got "${text}").`);
  }
  return speed;
}

/**
 * A duration as a person types it: `10s`, `500ms`, `1h30m`, or bare milliseconds.
 * @throws {VccSimError} code `usage` naming `name` and the text.
 */
export function parseDurationMs(name: string, text: string): number {
  const trimmed = text.trim();
  const ms = /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : parseDuration(trimmed);
  if (ms === undefined) {
    throw usage(`${name} must be a duration such as 10s, 500ms or 1h (got "${text}").`);
  }
  return ms;
}

/**
 * One shard of a run as a person types it: `i/n`, the index counting from 0 (as Kubernetes'
 * `JOB_COMPLETION_INDEX`) to n − 1.
 * @throws {VccSimError} code `usage` naming `name` and the text.
 */
export function parseShard(name: string, text: string): { index: number; count: number } {
  const match = /^\s*(\d{1,9})\s*\/\s*(\d{1,9})\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1) {
    throw usage(
      `${name} must be i/n: shard i of n, counting from 0, e.g. 0/4 … 3/4 (got "${text}").`,
    );
  }
  if (index >= count) {
    throw usage(
      `${name} ${text.trim()} names no shard: of ${count} the indices are 0 to ${count - 1} (they count from 0, as Kubernetes' JOB_COMPLETION_INDEX does).`,
    );
  }
  return { index, count };
}

/**
 * A number of shards as a person types it: a whole number ≥ 1.
 * @throws {VccSimError} code `usage` naming `name` and the text.
 */
export function parseShardCount(name: string, text: string): number {
  const count = /^\s*\d{1,9}\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!(count >= 1))
    throw usage(`${name} must be a whole number of shards, 1 or more (got "${text}").`);
  return count;
}

/**
 * A shard's index read from the environment (`variable` names where it came from): a whole
 * number from 0 to `count` − 1.
 * @throws {VccSimError} code `usage` naming the variable and its value.
 */
export function parseShardIndex(variable: string, text: string | undefined, count: number): number {
  if (text === undefined || text.trim() === '') {
    throw usage(
      `${variable} is not set: --shards takes this shard's index from it (Kubernetes sets JOB_COMPLETION_INDEX in an Indexed Job); name another variable with --shard-index-env, or give --shard i/${count}.`,
    );
  }
  const index = /^\s*\d{1,9}\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!(index >= 0 && index < count)) {
    throw usage(
      `${variable} must be a shard index from 0 to ${count - 1} for ${count} shards (got "${text}").`,
    );
  }
  return index;
}

/** ISO 8601 date and time with a zone (`Z` or an offset): the same instant on every machine. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A wall-clock instant: a `Date`, milliseconds since 1970, or ISO 8601 text with a zone.
 * @throws {VccSimError} code `usage` naming `name` and the value.
 */
export function checkInstant(name: string, value: Date | string | number): number {
  const ms =
    value instanceof Date
      ? value.getTime()
      : typeof value === 'number'
        ? value
        : INSTANT.test(value.trim())
          ? Date.parse(value.trim())
          : Number.NaN;
  if (!Number.isFinite(ms)) {
    const shown = value instanceof Date ? 'an invalid Date' : JSON.stringify(value);
    throw usage(
      `${name} must be an ISO 8601 date and time with its zone, e.g. 2026-01-05T09:00:00Z (got ${shown}).`,
    );
  }
  return ms;
}

/** How far ahead a start may be: a typo in the year should not wait for decades. */
const LATEST_START_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * An instant to start at ({@link checkInstant}), at most 7 days after `nowMs`.
 * @throws {VccSimError} code `usage` naming `name` and the value.
 */
export function checkStart(name: string, value: Date | string | number, nowMs: number): number {
  const ms = checkInstant(name, value);
  if (ms - nowMs > LATEST_START_MS) {
    const days = Math.round((ms - nowMs) / (24 * 60 * 60 * 1000));
    throw usage(
      `${name} ${new Date(ms).toISOString()} is ${days.toLocaleString('en-US')} days away; it may be at most 7 days ahead.`,
    );
  }
  return ms;
}
