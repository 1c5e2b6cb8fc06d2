/**
 * What `checkWebhook` uses when not told otherwise. A module of its own, so `vcc-sim check --help`
 * can show the defaults without loading the checks.
 */
export const CHECK_DEFAULTS = Object.freeze({
  scenario: 'contact-centre-day',
  events: 'channel.*',
  burstFactor: 10,
  burstDurationMs: 5_000,
  rampMaxRate: 1_000,
  rampStepMs: 1_000,
  concurrency: 64,
  /** Where requests go when only a fetch handler is given. */
  inProcessUrl: 'https://webhook.vcc-sim.test/',
});
