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
