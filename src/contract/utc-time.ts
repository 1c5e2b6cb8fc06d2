/**
 * The two time formats of a notification, written and compared without `Date` parsing on the hot
 * path: `data.timestamp` has millisecond precision (3 fractional digits) and `time` has the
 * 100-nanosecond precision of .NET ticks (7 fractional digits), both in UTC with a `Z` suffix.
 */

const TWO_DIGITS = Array.from({ length: 100 }, (_, value) => String(value).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, value) => String(value).padStart(3, '0'));
const FOUR_DIGITS = Array.from({ length: 10_000 }, (_, value) => String(value).padStart(4, '0'));
const DAY_MS = 86_400_000;

// The date part ("YYYY-MM-DDT") of the last few days, by day number: runs touch few days.
const dayCache = new Map<number, string>();

function dayPrefix(day: number): string {
  let prefix = dayCache.get(day);
  if (prefix === undefined) {
    if (dayCache.size > 64) dayCache.clear();
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    dayCache.set(day, prefix);
  }
  return prefix;
}

/** `YYYY-MM-DDTHH:MM:SS` of a Unix second, without building a `Date` for each one. */
function secondPrefix(unixSecond: number): string {
  const day = Math.floor(unixSecond / 86_400);
  let rest = unixSecond - day * 86_400;
  const hours = Math.floor(rest / 3_600);
  rest -= hours * 3_600;
  const minutes = Math.floor(rest / 60);
  return `${dayPrefix(day)}${TWO_DIGITS[hours]!}:${TWO_DIGITS[minutes]!}:${TWO_DIGITS[rest - minutes * 60]!}`;
}

/**
 * Formats an instant as VCC writes `data.timestamp`: `2022-08-30T14:34:36.088Z`.
 * @param unixMillis whole milliseconds since 1970
 */
export function formatMillis(unixMillis: number): string {
  const second = Math.floor(unixMillis / 1000);
  return `${secondPrefix(second)}.${THREE_DIGITS[unixMillis - second * 1000]!}Z`;
}

/**
 * Formats an instant as VCC writes `time`: `2022-08-30T14:34:36.6134321Z`.
 * Milliseconds and the 100 ns ticks within them are separate numbers because 100 ns ticks since
 * 1970 exceed `Number.MAX_SAFE_INTEGER`.
 * @param unixMillis whole milliseconds since 1970
 * @param subMillisTicks 100-nanosecond ticks within that millisecond, 0–9999
 */
export function formatTicks(unixMillis: number, subMillisTicks: number): string {
  const second = Math.floor(unixMillis / 1000);
  return `${secondPrefix(second)}.${THREE_DIGITS[unixMillis - second * 1000]!}${FOUR_DIGITS[subMillisTicks]!}Z`;
}

/** Number of fractional-second digits in a UTC date-time string (0 when it has none). */
export function fractionDigits(value: string): number {
  return value.length > 20 && value[19] === '.' ? value.length - 21 : 0;
}

/**
 * Orders two UTC date-times of the form `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, whatever their
 * fractional precision. Returns a negative number, zero, or a positive number.
 */
export function compareUtc(a: string, b: string): number {
  for (let i = 0; i < 19; i++) {
    const difference = a.charCodeAt(i) - b.charCodeAt(i);
    if (difference !== 0) return difference;
  }
  // Fractions compare digit by digit, the shorter one padded with zeros.
  const digitsA = fractionDigits(a);
  const digitsB = fractionDigits(b);
  for (let i = 0, n = Math.max(digitsA, digitsB); i < n; i++) {
    const difference =
      (i < digitsA ? a.charCodeAt(20 + i) : 48) - (i < digitsB ? b.charCodeAt(20 + i) : 48);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * The Unix second of a UTC date-time (its fraction dropped), or `NaN` if it does not parse. A leap
 * second (`23:59:60`, which `Date` rejects) counts as the second after `23:59:59`.
 */
export function unixSecondOf(value: string): number {
  if (value.slice(17, 19) === '60') return Date.parse(`${value.slice(0, 17)}59Z`) / 1000 + 1;
  return Date.parse(`${value.slice(0, 19)}Z`) / 1000;
}

const UTC_DATE_TIME = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?Z$/;
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digitsAt(value: string, start: number, length: number): number {
  let result = 0;
  for (let i = start; i < start + length; i++) result = result * 10 + value.charCodeAt(i) - 48;
  return result;
}

/**
 * The calendar half of {@link isUtcDateTime}, for a string already known to have the contract's
 * shape (the schema's `pattern` checks that; ajv evaluates both and needs both to pass).
 */
export function isCalendarDateTime(value: string): boolean {
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  const hour = digitsAt(value, 11, 2);
  const minute = digitsAt(value, 14, 2);
  const second = digitsAt(value, 17, 2);
  if (!(month >= 1 && month <= 12 && day >= 1)) return false;
  const leapYear = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leapYear ? 29 : DAYS_IN_MONTH[month]!)) return false;
  if (hour <= 23 && minute <= 59 && second <= 59) return true;
  return hour === 23 && minute === 59 && second === 60;
}

/**
 * True for a real UTC date-time in the contract's form (`2022-08-30T14:34:36.6134321Z`): the
 * schema's pattern plus a calendar check, leap second included.
 *
 * For UTC strings it agrees with ajv-formats' full `date-time` check (a test compares the two), which
 * halves validation throughput when used on the hot path.
 */
export function isUtcDateTime(value: string): boolean {
  return UTC_DATE_TIME.test(value) && isCalendarDateTime(value);
}

const DIGIT_0 = 48;
const dayBytes = new Map<number, Uint8Array>();

function writeTwo(target: Uint8Array, offset: number, value: number): void {
  const tens = Math.floor(value / 10);
  target[offset] = DIGIT_0 + tens;
  target[offset + 1] = DIGIT_0 + value - tens * 10;
}

/** Writes `YYYY-MM-DDTHH:MM:SS.` as ASCII; returns the offset after the dot. */
function writeSecondPrefix(target: Uint8Array, offset: number, unixSecond: number): number {
  const day = Math.floor(unixSecond / 86_400);
  let prefix = dayBytes.get(day);
  if (prefix === undefined) {
    if (dayBytes.size > 64) dayBytes.clear();
    prefix = Uint8Array.from(dayPrefix(day), (char) => char.charCodeAt(0));
    dayBytes.set(day, prefix);
  }
  target.set(prefix, offset);
  let rest = unixSecond - day * 86_400;
  const hours = Math.floor(rest / 3_600);
  rest -= hours * 3_600;
  const minutes = Math.floor(rest / 60);
  writeTwo(target, offset + 11, hours);
  target[offset + 13] = 58; // ':'
  writeTwo(target, offset + 14, minutes);
  target[offset + 16] = 58;
  writeTwo(target, offset + 17, rest - minutes * 60);
  target[offset + 19] = 46; // '.'
  return offset + 20;
}

/** Writes `value` as `width` ASCII digits, zero padded. */
function writeDigits(target: Uint8Array, offset: number, value: number, width: number): number {
  for (let i = offset + width - 1; i >= offset; i--) {
    const quotient = Math.floor(value / 10);
    target[i] = DIGIT_0 + value - quotient * 10;
    value = quotient;
  }
  return offset + width;
}

/** {@link formatMillis} as ASCII bytes into `target` at `offset`; returns the offset after it. */
export function writeMillis(target: Uint8Array, offset: number, unixMillis: number): number {
  const second = Math.floor(unixMillis / 1000);
  offset = writeDigits(
    target,
    writeSecondPrefix(target, offset, second),
    unixMillis - second * 1000,
    3,
  );
  target[offset] = 90; // 'Z'
  return offset + 1;
}

/** {@link formatTicks} as ASCII bytes into `target` at `offset`; returns the offset after it. */
export function writeTicks(
  target: Uint8Array,
  offset: number,
  unixMillis: number,
  subMillisTicks: number,
): number {
  const second = Math.floor(unixMillis / 1000);
  offset = writeDigits(
    target,
    writeSecondPrefix(target, offset, second),
    unixMillis - second * 1000,
    3,
  );
  offset = writeDigits(target, offset, subMillisTicks, 4);
  target[offset] = 90;
  return offset + 1;
}
