import type {
  BreakDefinition,
  DistributionDefinition,
  HoursDefinition,
  MissedCallDefinition,
  TimingsDefinition,
} from './types.js';

/**
 * What a scenario gets for each timing it does not set: typical contact-centre figures, stated as
 * medians and 90th percentiles. Kept together so they are easy to find and to revisit.
 */
export const DEFAULT_TIMINGS: Required<TimingsDefinition> = {
  routing: { distribution: 'uniform', min: '1s', max: '4s' },
  ring: { distribution: 'lognormal', median: '5s', p90: '12s' },
  ringTimeout: '20s',
  busy: { distribution: 'uniform', min: '2s', max: '6s' },
  patience: { distribution: 'lognormal', median: '2m', p90: '6m' },
  dial: { distribution: 'lognormal', median: '12s', p90: '25s' },
  talk: { distribution: 'lognormal', median: '4m', p90: '11m' },
  hold: { distribution: 'lognormal', median: '45s', p90: '2m' },
  park: { distribution: 'lognormal', median: '1m', p90: '3m' },
  wrap: { distribution: 'lognormal', median: '30s', p90: '90s' },
  voicemail: { distribution: 'lognormal', median: '35s', p90: '70s' },
  consult: { distribution: 'lognormal', median: '40s', p90: '2m' },
  monitor: { distribution: 'lognormal', median: '2m', p90: '5m' },
  interruption: { distribution: 'lognormal', median: '3m', p90: '7m' },
};

/** VCC's examples send about half a second after the event (`…36.088Z` → `…36.6134321Z`). */
export const DEFAULT_SEND_LAG: DistributionDefinition = {
  distribution: 'lognormal',
  median: '450ms',
  p90: '900ms',
};

/** A Monday morning: the scenario clock's default first instant. */
export const DEFAULT_START = '2026-01-05T09:00:00Z';

/** The seed when neither the scenario nor the caller gives one. */
export const DEFAULT_SEED = 1;

/** The share of unanswered outbound numbers that are busy (they fail fast); the rest ring out. */
export const BUSY_SHARE = 1 / 3;

/** Outbound calls are dialled only within these hours (UTC) unless the scenario says otherwise. */
export const DEFAULT_DIALLING_HOURS: HoursDefinition = { from: '08:00', to: '20:00' };

/** An agent who lets a call ring out goes Away and sets themselves Ready again a little later. */
export const DEFAULT_MISSED_CALL: Required<MissedCallDefinition> = {
  then: 'away',
  for: { distribution: 'lognormal', median: '45s', p90: '2m' },
};

/** The service level's threshold: the industry's "80/20" counts calls answered within 20 s. */
export const DEFAULT_ANSWER_WITHIN = '20s';

/** A shift's length when the roster does not say. */
export const DEFAULT_SHIFT_LENGTH = '8h';

/**
 * The breaks of a shift when the roster does not say: two 15-minute breaks and a 30–60 minute
 * lunch across 8 hours, spread so that a team's agents do not all leave at once, and a comfort
 * break in half the shifts. Breaks that would fall in the last 15 minutes of a shift are not taken.
 */
export const DEFAULT_BREAKS: readonly BreakDefinition[] = [
  {
    presence: 'break',
    after: { distribution: 'uniform', min: '1h30m', max: '2h30m' },
    length: '15m',
  },
  {
    presence: 'lunch',
    after: { distribution: 'uniform', min: '3h', max: '4h30m' },
    length: { distribution: 'uniform', min: '30m', max: '1h' },
  },
  {
    presence: 'break',
    after: { distribution: 'uniform', min: '5h30m', max: '6h30m' },
    length: '15m',
  },
  {
    presence: 'comfortBreak',
    after: { distribution: 'uniform', min: '1h', max: '7h' },
    length: { distribution: 'lognormal', median: '5m', p90: '9m' },
    chance: 0.5,
  },
];

/** Agents log in up to 5 minutes either side of their shift's start… */
export const LOGIN_SPREAD_MS = 5 * 60_000;
/** …and log out up to 10 minutes after its end. */
export const LOGOUT_SPREAD_MS = 10 * 60_000;
/** An agent works at least this long between two breaks, even when one was late. */
export const MIN_WORK_BETWEEN_BREAKS_MS = 15 * 60_000;
