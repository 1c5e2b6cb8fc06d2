import {
  VCC_TIMEOUT_MS,
  retryPolicy,
  type RetryPolicy,
  type SignatureCrypto,
} from '../../../contract/index.js';
import { VccSimError } from '../../../errors.js';
import { nodeCrypto } from '../node-crypto.js';
import type { PushOptions, Speed } from '../types.js';
import { parseWebhookUrl } from './webhook-url.js';

/** A push's options, checked, with their defaults. */
export type PushSettings = {
  url: URL;
  speed: Speed;
  rate: number | undefined;
  concurrency: number;
  timeoutMs: number;
  ordered: boolean;
  policy: RetryPolicy;
  drainTimeoutMs: number;
  seed: number;
  /** The share of first attempts chaos signs badly, in all. */
  badSignatureRate: number;
  crypto: SignatureCrypto;
  now: () => number;
};

/** Wall-clock milliseconds with sub-millisecond resolution. */
const defaultNow = () => performance.timeOrigin + performance.now();

function positive(name: string, value: number | undefined, fallback: number, integer = false) {
  if (value === undefined) return fallback;
  if (!(value > 0) || (integer && !Number.isInteger(value)) || !Number.isFinite(value)) {
    throw new VccSimError(
      'usage',
      `${name} must be a ${integer ? 'whole number' : 'number'} > 0 (got ${value}).`,
    );
  }
  return value;
}

/**
 * Checks a push's options and fills in defaults.
 * @throws {VccSimError} code `usage` naming the option and the value.
 */
export function pushSettings(options: PushOptions): PushSettings {
  const url = parseWebhookUrl(options.url);
  const speed = options.speed ?? 'max';
  if (speed !== 'max') positive('The speed', speed, 1);
  const ordered = options.ordered === true;
  const chaos = options.chaos ?? {};
  if (ordered && ((chaos.reorder ?? 0) > 0 || (chaos.delay ?? 0) > 0)) {
    throw new VccSimError(
      'usage',
      'Ordered delivery contradicts chaos reorder and delay; use one or the other.',
    );
  }
  const badSignatureRate =
    (chaos.unsigned ?? 0) + (chaos.staleSignature ?? 0) + (chaos.wrongSignature ?? 0);
  if (badSignatureRate > 0 && options.secret === undefined) {
    throw new VccSimError('usage', 'Chaos with bad signatures needs signing (a secret).');
  }
  return {
    url,
    speed,
    rate: options.rate === undefined ? undefined : positive('The rate', options.rate, 1),
    concurrency: positive('The concurrency', options.concurrency, 32, true),
    timeoutMs: positive('The timeout', options.timeoutMs, VCC_TIMEOUT_MS),
    ordered,
    policy: retryPolicy(options.retry),
    drainTimeoutMs: options.drainTimeoutMs ?? 5_000,
    seed: options.seed ?? 1,
    badSignatureRate,
    crypto: options.crypto ?? nodeCrypto,
    now: options.now ?? defaultNow,
  };
}
