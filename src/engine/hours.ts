import { ScenarioProblem } from './scenario-problem.js';
import type { HoursDefinition, TimeOfDay } from './types.js';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** A daily window in milliseconds after midnight UTC; `to` before `from` runs over midnight. */
export interface Hours {
  readonly from: number;
  readonly to: number;
}

/** Reads `"HH:MM"` (00:00–24:00) as milliseconds after midnight. */
export function parseTimeOfDay(value: TimeOfDay, pointer: string): number {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value);
  const ms = match ? Number(match[1]) * HOUR_MS + Number(match[2]) * 60_000 : Number.NaN;
  if (!(ms <= DAY_MS)) {
    throw new ScenarioProblem(pointer, `must be a time of day such as "08:30" (got "${value}")`);
  }
  return ms;
}

export function compileHours(definition: HoursDefinition, pointer: string): Hours {
  const from = parseTimeOfDay(definition.from, `${pointer}/from`);
  const to = parseTimeOfDay(definition.to, `${pointer}/to`);
  if (from === to) throw new ScenarioProblem(pointer, 'must not start and end at the same time');
  return { from, to };
}

function timeOfDay(unixMs: number): number {
  return ((unixMs % DAY_MS) + DAY_MS) % DAY_MS;
}

/** Whether an instant (milliseconds since 1970) falls within the window. */
export function within(hours: Hours, unixMs: number): boolean {
  const time = timeOfDay(unixMs);
  return hours.from < hours.to
    ? time >= hours.from && time < hours.to
    : time >= hours.from || time < hours.to;
}

/** The next instant at or after `unixMs` at which the window is open. */
export function nextOpening(hours: Hours, unixMs: number): number {
  if (within(hours, unixMs)) return unixMs;
  const time = timeOfDay(unixMs);
  const wait = hours.from > time ? hours.from - time : DAY_MS - time + hours.from;
  return unixMs + wait;
}
