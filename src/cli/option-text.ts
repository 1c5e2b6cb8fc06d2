import { usageError } from './usage-error.js';

/**
 * Numbers and sizes as people type them on the command line, read from the text itself so an
 * error can quote it (yargs turns `abc` into `NaN`).
 */

/** A number from the command line (given as text), within bounds. */
export function parseNumberText(
  flag: string,
  text: string | number,
  {
    min,
    max,
    integer = false,
    unit = '',
  }: { min: number; max: number; integer?: boolean; unit?: string },
): number {
  const trimmed = String(text).trim();
  const value = trimmed === '' ? Number.NaN : Number(trimmed);
  if (
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    const kind = integer ? 'a whole number' : 'a number';
    const bounds = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
    throw usageError(`${flag} must be ${kind}${unit} ${bounds} (got "${String(text)}").`);
  }
  return value;
}

const SIZE = /^(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i;
const SCALE: Record<string, number> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** A size in bytes: `1048576`, `512kb`, `1MiB`, `2m` (units are powers of 1,024). */
export function parseByteSize(
  flag: string,
  text: string,
  { min = 1, max = 1024 ** 3 } = {},
): number {
  const match = SIZE.exec(text.trim());
  const bytes = match
    ? Math.round(Number(match[1]) * SCALE[(match[2] ?? 'b')[0]!.toLowerCase()]!)
    : Number.NaN;
  if (!(bytes >= min && bytes <= max)) {
    throw usageError(
      `${flag} must be a size such as 512kb or 1mb, from ${min} byte${min === 1 ? '' : 's'} to ${max / 1024 ** 3} GiB (got "${text}").`,
    );
  }
  return bytes;
}
