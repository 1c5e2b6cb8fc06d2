import {
  VCC_TIMEOUT_MS,
  createWebhookSigner,
  retryPolicy,
  type ChannelNotification,
  type SignatureCrypto,
  type WebhookSigner,
} from '../../../contract/index.js';
import { builtInScenario, eventPatterns, simulate, type Scenario } from '../../../engine/index.js';
import { randomStream } from '../../../engine/random.js';
import { VccSimError } from '../../../errors.js';
import { ChaosPlanner } from './chaos.js';
import type { DeliverContext } from './deliver.js';
import { TwinDeliveryStream } from './delivery-stream.js';
import { subscriptionFilter } from './event-patterns.js';
import { networkFetch } from '../route-fetch.js';
import type { TwinRandom } from './random.js';
import type { Region } from '../vcc.js';
import type { SubscriptionStore } from './subscription-store.js';
import type { DeliveryOptions, DeliveryStream, NotificationSource } from '../types.js';

/** What the delivery half of a twin needs. */
export interface TwinDeliverySettings {
  store: SubscriptionStore;
  regions: readonly Region[];
  now: () => number;
  random: TwinRandom;
  sleep: (ms: number) => Promise<void>;
  crypto: SignatureCrypto;
  /** The twin's default delivery options. */
  defaults: DeliveryOptions;
}

function checkRate(name: string, rate: number | undefined): void {
  if (rate !== undefined && !(rate >= 0 && rate <= 1)) {
    throw new VccSimError('usage', `${name} must be a rate between 0 and 1 (got ${rate}).`);
  }
}

function checkSpeed(speed: number | 'max'): void {
  if (speed !== 'max' && !(typeof speed === 'number' && speed > 0)) {
    throw new VccSimError('usage', `speed must be a positive number or 'max' (got ${speed}).`);
  }
}

function isScenario(source: NotificationSource): source is Scenario {
  return typeof source === 'object' && 'definition' in source && 'source' in source;
}

/**
 * The notifications of a source, as an iterator. A scenario runs through `simulate()`; unless the
 * run names its events, it generates every type an enabled subscription wants.
 */
function iterate(
  source: NotificationSource,
  options: DeliveryOptions,
  wanted: () => string[],
): AsyncIterator<ChannelNotification> | Iterator<ChannelNotification> {
  if (typeof source === 'string' || isScenario(source)) {
    const scenario = typeof source === 'string' ? builtInScenario(source) : source;
    const events = options.simulate?.events ?? wanted();
    if (eventPatterns(events).length === 0) return [][Symbol.iterator]();
    // Agent notifications travel like channel ones (the delivery reads only the envelope).
    return simulate(scenario, { ...options.simulate, events })[
      Symbol.iterator
    ]() as Iterator<ChannelNotification>;
  }
  if (Symbol.asyncIterator in source) return source[Symbol.asyncIterator]();
  if (Symbol.iterator in source) return source[Symbol.iterator]();
  throw new VccSimError(
    'usage',
    'twin.run() and twin.stream() take a scenario, a built-in scenario name, or an iterable of notifications.',
  );
}

/** Starts a delivery run from the twin's subscriptions. */
export function startDelivery(
  settings: TwinDeliverySettings,
  source: NotificationSource,
  overrides: DeliveryOptions = {},
): DeliveryStream {
  const options = { ...settings.defaults, ...overrides };
  checkRate('chaos.duplicate', options.chaos?.duplicate);
  checkRate('chaos.reorder', options.chaos?.reorder);
  const speed = options.speed ?? 'max';
  checkSpeed(speed);
  const regions = options.regions ?? settings.regions;
  const { now, sleep } = settings;
  const chaosRandom =
    options.seed === undefined ? settings.random : randomStream(options.seed, 'chaos');
  const jitterRandom =
    options.seed === undefined ? settings.random : randomStream(options.seed, 'jitter');

  const signers = new Map<string, WebhookSigner>();
  const context: DeliverContext = {
    fetch: options.fetch ?? networkFetch,
    signer(subscription) {
      if (options.sign === false) return undefined;
      let signer = signers.get(subscription.secret);
      if (!signer) {
        signer = createWebhookSigner(subscription.secret, { now, crypto: settings.crypto });
        signers.set(subscription.secret, signer);
      }
      return signer;
    },
    policy: retryPolicy(options.retry),
    timeoutMs: options.timeoutMs ?? VCC_TIMEOUT_MS,
    now,
    random: jitterRandom.next,
    async wait(ms) {
      if (speed === 'max') return ms;
      await sleep(ms / speed);
      return ms - ms / speed;
    },
  };

  const enabled = () =>
    regions
      .flatMap((region) => settings.store.list(region))
      .filter((subscription) => subscription.enabled);
  let clockStart: { wall: number; scenario: number } | undefined;
  return new TwinDeliveryStream({
    source: iterate(source, options, () => [
      ...new Set(enabled().flatMap((subscription) => subscription.events)),
    ]),
    targets: (type) =>
      enabled().filter((subscription) => subscriptionFilter(subscription.events)(type)),
    context,
    planner: new ChaosPlanner(options.chaos ?? {}, chaosRandom.next),
    async pace(notification) {
      if (speed === 'max') return;
      const scenarioTime = Date.parse(notification.time);
      if (Number.isNaN(scenarioTime)) return;
      clockStart ??= { wall: now(), scenario: scenarioTime };
      const due = clockStart.wall + (scenarioTime - clockStart.scenario) / speed;
      const wait = due - now();
      if (wait > 0) await sleep(wait);
    },
  });
}
