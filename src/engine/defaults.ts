import type { DistributionDefinition, TimingsDefinition } from './types.js';

/**
 * What a scenario gets for each timing it does not set: typical contact-centre figures, stated as
 * medians and 90th percentiles. Kept together so they are easy to find and to revisit.
 */
export const DEFAULT_TIMINGS: Required<TimingsDefinition> = {
  routing: { distribution: 'uniform', min: '1s', max: '4s' },
  ring: { distribution: 'lognormal', median: '6s', p90: '15s' },
  ringTimeout: '20s',
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
