import type { ChannelNotification, SignatureCrypto } from '../../../contract/index.js';
import {
  chaosPlanner,
  Deadlines,
  createAttemptSigner,
  deliverySettings,
  inProcessRoute,
  scenarioClock,
  scenarioTime,
  type AttemptSigner,
} from '../../../delivery-core/index.js';
import {
  builtInScenario,
  eventPatterns,
  randomStream,
  simulate,
  type Scenario,
} from '../../../engine/index.js';
import { VccSimError } from '../../../errors.js';
import type { DeliverContext, PendingAnswer } from './deliver.js';
import { TwinDeliveryStream } from './delivery-stream.js';
import { subscriptionFilter } from './event-patterns.js';
import { networkFetch } from '../route-fetch.js';
import type { TwinRandom } from './random.js';
import type { Region } from '../vcc.js';
import type { SubscriptionStore } from './subscription-store.js';
import type {
  DeliveryOptions,
  DeliveryStream,
  NotificationSource,
  TwinSubscription,
} from '../types.js';

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
  const signed = options.sign !== false;
  // The core checks what push checks; the twin delivers one at a time, so it takes no
  // concurrency, rate or ordering (order is kept unless chaos says otherwise).
  const { speed, timeoutMs, policy, chaos } = deliverySettings(
    {
      ...(options.speed === undefined ? {} : { speed: options.speed }),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.retry === undefined ? {} : { retry: options.retry }),
      ...(options.chaos === undefined ? {} : { chaos: options.chaos }),
    },
    { signed },
  );
  const regions = options.regions ?? settings.regions;
  const { now, sleep, crypto } = settings;
  const stream = (label: string) =>
    options.seed === undefined ? settings.random.next : randomStream(options.seed, label).next;
  const staleRandom = stream('stale');

  const signers = new Map<string, AttemptSigner>();
  const fetch = options.fetch ?? networkFetch;
  const context: DeliverContext = {
    fetch,
    inProcess: inProcessRoute(fetch),
    signer(subscription) {
      if (!signed) return undefined;
      let signer = signers.get(subscription.secret);
      if (!signer) {
        signer = createAttemptSigner(subscription.secret, {
          crypto,
          now,
          random: staleRandom,
          wrongSignatures: (chaos?.wrongSignature ?? 0) > 0,
        });
        signers.set(subscription.secret, signer);
      }
      return signer;
    },
    timeoutMs,
    // Timeouts run on the timers' clock, whatever clock the run was given.
    deadlines: new Deadlines<PendingAnswer>(() => performance.now()),
    now,
    retry: {
      policy,
      now,
      random: stream('jitter'),
      async wait(ms) {
        if (speed === 'max') return ms;
        await sleep(ms / speed);
        return ms - ms / speed;
      },
    },
  };

  const { store } = settings;
  const enabled = () =>
    regions.flatMap((region) => store.list(region)).filter((subscription) => subscription.enabled);
  // Who wants each type, asked twice per notification: looked up again only once the
  // subscriptions have changed (copying them all each time cost a tenth of a delivery).
  let targetsOf = new Map<string, readonly TwinSubscription[]>();
  let targetsVersion = store.version;
  const targets = (type: string): readonly TwinSubscription[] => {
    if (store.version !== targetsVersion) {
      targetsOf = new Map();
      targetsVersion = store.version;
    }
    let found = targetsOf.get(type);
    if (!found) {
      found = enabled().filter((subscription) => subscriptionFilter(subscription.events)(type));
      targetsOf.set(type, found);
    }
    return found;
  };
  const clock = speed === 'max' ? undefined : scenarioClock(speed, now);
  return new TwinDeliveryStream({
    source: iterate(source, options, () => [
      ...new Set(enabled().flatMap((subscription) => subscription.events)),
    ]),
    targets,
    context,
    planner: chaos && chaosPlanner(chaos, stream('chaos')),
    now,
    pace(notification: ChannelNotification) {
      if (!clock) return undefined;
      const time = scenarioTime(notification);
      if (Number.isNaN(time)) return undefined;
      const wait = clock.dueAt(time) - now();
      return wait > 0 ? sleep(wait) : undefined;
    },
  });
}
