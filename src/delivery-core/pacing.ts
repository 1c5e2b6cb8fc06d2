/**
 * Pacing against the scenario clock: a notification is due when as much wall time has passed since
 * the first one (or since a given origin) as scenario time, divided by the speed. Both adapters pace this way; only how they
 * wait differs (timers in `push`, the twin's injected `sleep`).
 */

/** Maps scenario times to wall-clock due times. */
export interface ScenarioClock {
  /**
   * The wall-clock time (ms) at which a notification sent at `scenarioMs` is due. The first call
   * anchors the clock: that notification is due now.
   */
  dueAt(scenarioMs: number): number;
}

/**
 * Where a clock starts: the wall-clock instant (default: when the first notification is asked
 * about) at which the scenario instant `scenarioMs` (default: the first notification's) is due.
 * Shards of one run share one origin, so together they keep the single run's schedule.
 */
type ClockOrigin = { wallMs?: number | undefined; scenarioMs?: number | undefined };

/** A clock that plays scenario time `speed` times faster than real time. */
export function scenarioClock(
  speed: number,
  now: () => number,
  origin: ClockOrigin = {},
): ScenarioClock {
  let anchor: { wall: number; scenario: number } | undefined;
  return {
    dueAt(scenarioMs) {
      anchor ??= { wall: origin.wallMs ?? now(), scenario: origin.scenarioMs ?? scenarioMs };
      return anchor.wall + (scenarioMs - anchor.scenario) / speed;
    },
  };
}

/** A notification's `time` in milliseconds since 1970, or `NaN` when it is not a date. */
export function scenarioTime(notification: { time?: unknown }): number {
  return typeof notification.time === 'string' ? Date.parse(notification.time) : Number.NaN;
}
