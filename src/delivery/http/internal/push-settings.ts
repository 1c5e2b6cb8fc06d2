import type { SignatureCrypto } from '../../../contract/index.js';
import {
  checkInstant,
  checkStart,
  deliverySettings,
  type DeliverySettings,
} from '../../../delivery-core/index.js';
import { nodeCrypto } from '../node-crypto.js';
import type { DeliveryMode, PushOptions } from '../types.js';
import { parseWebhookUrl } from './webhook-url.js';

/** A push's options, checked, with their defaults. */
export type PushSettings = DeliverySettings & {
  url: URL;
  mode: DeliveryMode;
  crypto: SignatureCrypto;
  now: () => number;
  /** Wait until then before sending (wall clock, ms). */
  startAtMs: number | undefined;
  /** The scenario instant (ms) due at the start, when not the first notification's. */
  paceFromMs: number | undefined;
};

/** Wall-clock milliseconds with sub-millisecond resolution. */
const defaultNow = () => performance.timeOrigin + performance.now();

/**
 * Checks a push's options and fills in defaults: the core's delivery options, plus what only
 * HTTP has (the URL, the mode, the crypto and the clock).
 * @throws {VccSimError} code `usage` naming the option and the value.
 */
export function pushSettings(options: PushOptions): PushSettings {
  const url = parseWebhookUrl(options.url);
  const now = options.now ?? defaultNow;
  const startAtMs =
    options.startAt === undefined ? undefined : checkStart('startAt', options.startAt, now());
  return {
    ...deliverySettings(options, { signed: options.secret !== undefined }),
    url,
    mode: options.mode ?? 'structured',
    crypto: options.crypto ?? nodeCrypto,
    now,
    startAtMs,
    paceFromMs:
      options.paceFrom === undefined ? undefined : checkInstant('paceFrom', options.paceFrom),
  };
}
