import {
  DEFAULT_BREAKS,
  DEFAULT_SHIFT_LENGTH,
  LOGIN_SPREAD_MS,
  LOGOUT_SPREAD_MS,
} from './defaults.js';
import { compileDistribution, type Sampler } from './distribution.js';
import { requireDuration } from './duration.js';
import { DAY_MS, HOUR_MS, parseTimeOfDay } from './hours.js';
import type { RandomStream } from './random.js';
import { ScenarioProblem } from './scenario-problem.js';
import type { BreakPresence, RosterDefinition, Work } from './types.js';

/** Agents work the same shift every day, so one day's shift must end before the next begins. */
const MAX_SHIFT_MS = 16 * HOUR_MS;

/** No break starts in a shift's last 15 minutes. */
const LAST_BREAK_BEFORE_LOGOUT_MS = 15 * 60_000;

/** One agent's daily shift: login at `start` (ms after midnight UTC) for `length`. */
export interface ShiftPattern {
  readonly start: number;
  readonly length: number;
  readonly work: Work;
}

export interface BreakModel {
  readonly presence: BreakPresence;
  readonly after: Sampler;
  readonly length: Sampler;
  readonly chance: number;
}

/** A team's roster: one shift pattern per agent, in the order of the team's agents. */
export interface RosterModel {
  readonly shifts: readonly ShiftPattern[];
  readonly breaks: readonly BreakModel[];
}

/** One day of one agent's shift, in milliseconds since 1970. */
export interface DayPlan {
  readonly login: number;
  readonly logout: number;
  readonly work: Work;
  /** Breaks in the order they fall due. */
  readonly breaks: readonly { due: number; presence: BreakPresence; length: number }[];
}

/**
 * Shift starts (hours of the day) that cover hourly staffing. Going round the clock from the
 * quietest hour, every hour short of its staffing gets new shifts; each starts at the hour, among
 * those whose shift would cover this one, that puts the fewest agents where enough already work
 * (latest first), so staffing is met everywhere and exceeded little where it falls.
 */
export function shiftsForStaffing(hourly: readonly number[], length: number): number[] {
  const hours = Math.min(24, Math.max(1, Math.round(length / HOUR_MS)));
  const covering = new Array<number>(24).fill(0);
  const starts: number[] = [];
  const quietest = hourly.indexOf(Math.min(...hourly));
  const waste = (start: number) => {
    let wasted = 0;
    for (let offset = 0; offset < hours; offset++) {
      const hour = (start + offset) % 24;
      if (covering[hour]! >= hourly[hour]!) wasted++;
    }
    return wasted;
  };
  for (let step = 0; step < 24; step++) {
    const hour = (quietest + step) % 24;
    while (covering[hour]! < hourly[hour]!) {
      let best = hour;
      // Earlier starts may only go back to the quietest hour: the round starts there.
      for (let back = 1; back < hours && back <= step; back++) {
        const start = (hour - back + 24) % 24;
        if (waste(start) < waste(best)) best = start;
      }
      starts.push(best);
      for (let offset = 0; offset < hours; offset++) covering[(best + offset) % 24]!++;
    }
  }
  return starts.sort((a, b) => a - b);
}

/**
 * Compiles a team's roster.
 * @param pointer the roster's JSON Pointer, for messages
 */
export function compileRoster(definition: RosterDefinition, pointer: string): RosterModel {
  const defaultLength = requireDuration(
    definition.shiftLength ?? DEFAULT_SHIFT_LENGTH,
    `${pointer}/shiftLength`,
  );
  if (defaultLength <= 0 || defaultLength > MAX_SHIFT_MS) {
    throw new ScenarioProblem(`${pointer}/shiftLength`, 'must be longer than 0 and at most 16h');
  }
  const work = definition.work ?? 'inbound';
  const shifts: ShiftPattern[] = [];
  if (definition.hourly !== undefined && definition.shifts !== undefined) {
    throw new ScenarioProblem(pointer, 'has both "hourly" and "shifts": give one of them');
  }
  if (definition.hourly !== undefined) {
    for (const hour of shiftsForStaffing(definition.hourly, defaultLength)) {
      shifts.push({ start: hour * HOUR_MS, length: defaultLength, work });
    }
  } else if (definition.shifts !== undefined) {
    definition.shifts.forEach((shift, index) => {
      const at = `${pointer}/shifts/${index}`;
      const length =
        shift.length === undefined ? defaultLength : requireDuration(shift.length, `${at}/length`);
      if (length <= 0 || length > MAX_SHIFT_MS) {
        throw new ScenarioProblem(`${at}/length`, 'must be longer than 0 and at most 16h');
      }
      const start = parseTimeOfDay(shift.start, `${at}/start`) % DAY_MS;
      for (let agent = 0; agent < shift.agents; agent++) {
        shifts.push({ start, length, work: shift.work ?? work });
      }
    });
  } else {
    throw new ScenarioProblem(pointer, 'needs "hourly" staffing or a list of "shifts"');
  }
  const breaks = (definition.breaks ?? DEFAULT_BREAKS).map((rule, index): BreakModel => {
    const at = definition.breaks ? `${pointer}/breaks/${index}` : `(default breaks)/${index}`;
    return {
      presence: rule.presence,
      after: compileDistribution(rule.after, `${at}/after`),
      length: compileDistribution(rule.length, `${at}/length`),
      chance: rule.chance ?? 1,
    };
  });
  return { shifts, breaks };
}

/** The shift an agent works on the day that starts at `dayStart`, drawn from that day's stream. */
export function planDay(
  pattern: ShiftPattern,
  breaks: readonly BreakModel[],
  dayStart: number,
  random: RandomStream,
): DayPlan {
  const planned = dayStart + pattern.start;
  const login = planned + Math.round((random.next() * 2 - 1) * LOGIN_SPREAD_MS);
  const logout = planned + pattern.length + Math.round(random.next() * LOGOUT_SPREAD_MS);
  const taken: { due: number; presence: BreakPresence; length: number }[] = [];
  for (const rule of breaks) {
    // Every rule draws the same numbers whether it is taken or not: one rule never shifts another.
    const takes = random.next() < rule.chance;
    const due = login + rule.after(random);
    const length = rule.length(random);
    if (takes && length > 0 && due > login && due < logout - LAST_BREAK_BEFORE_LOGOUT_MS) {
      taken.push({ due, presence: rule.presence, length });
    }
  }
  taken.sort((a, b) => a.due - b.due);
  return { login, logout, work: pattern.work, breaks: taken };
}
