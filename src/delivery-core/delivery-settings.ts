import { VccSimError } from '../errors.js';
import { badSignatureRate, chaosSettings, type ChaosSettings } from './chaos.js';
import { checkDuration, checkPositive, checkSpeed } from './option-values.js';
import { DELIVERY_DEFAULTS } from './defaults.js';
import { MAX_TIMER_DELAY_MS, retryPolicy, type RetryPolicy } from './retry-policy.js';
import type { DeliveryOptions, Speed } from './types.js';

/** The most requests in flight a delivery allows. */
const MAX_CONCURRENCY = 10_000;

/** Delivery options, checked, with their defaults. */
export type DeliverySettings = {
  speed: Speed;
  rate: number | undefined;
  concurrency: number;
  timeoutMs: number;
  policy: RetryPolicy;
  ordered: boolean;
  /** `undefined` when every chaos rate is 0. */
  chaos: ChaosSettings | undefined;
  seed: number;
  drainTimeoutMs: number;
};

/**
 * Checks delivery options and fills in defaults. `signed` says whether requests will carry a
 * signature at all, which chaos's bad signatures need.
 * @throws {VccSimError} code `usage` naming the option and the value.
 */
export function deliverySettings(
  options: DeliveryOptions,
  { signed }: { signed: boolean },
): DeliverySettings {
  const chaos = chaosSettings(options.chaos);
  const ordered = options.ordered === true;
  if (ordered && chaos && (chaos.reorder > 0 || chaos.delay > 0)) {
    throw new VccSimError(
      'usage',
      'Ordered delivery contradicts chaos reorder and delay; use one or the other.',
    );
  }
  if (badSignatureRate(chaos) > 0 && !signed) {
    throw new VccSimError('usage', 'Chaos with bad signatures needs signing (a secret).');
  }
  const defaults = DELIVERY_DEFAULTS;
  return {
    speed: checkSpeed('The speed', options.speed ?? defaults.speed),
    rate: options.rate === undefined ? undefined : checkPositive('The rate', options.rate),
    // More requests in flight than sockets a process may open helps nobody.
    concurrency: checkPositive('The concurrency', options.concurrency ?? defaults.concurrency, {
      integer: true,
      max: MAX_CONCURRENCY,
    }),
    // One timer's reach (~24.8 days): longer is no timeout at all.
    timeoutMs: checkPositive('The timeout', options.timeoutMs ?? defaults.timeoutMs, {
      max: MAX_TIMER_DELAY_MS,
      unit: ' ms',
    }),
    policy: retryPolicy(options.retry),
    ordered,
    chaos,
    seed: options.seed ?? defaults.seed,
    drainTimeoutMs: checkDuration(
      'The drain timeout',
      options.drainTimeoutMs ?? defaults.drainTimeoutMs,
    ),
  };
}
