import type { ChannelNotification } from '../../contract/index.js';
import type {
  BadSignatureKind,
  ChaosOptions,
  DeliverySummary,
  GiveUpReason,
  RetryPolicy,
  Speed,
} from '../../delivery-core/index.js';
import type { Scenario, SimulateOptions } from '../../engine/types.js';
import type { FetchLike } from './route-fetch.js';

/** A VCC region (`REGIONS` lists them all). */
export type Region = 'emea' | 'nam' | 'apac';

/** API credentials the twin's token endpoint accepts, as an admin creates them in VCC. */
export type TwinClient = {
  clientId: string;
  clientSecret: string;
  /** The scopes the credentials hold; a token request may ask for any of them. */
  scopes: readonly string[];
};

/** A subscription as the Webhooks API shows it (`GET /subscriptions`). */
export type Subscription = {
  /** A KSUID. */
  subscriptionId: string;
  name: string;
  /** Where notifications go. */
  url: string;
  /** Event type names, `*` wildcards allowed. */
  events: string[];
  /** Only enabled subscriptions receive notifications. */
  enabled: boolean;
};

/** A subscription as a test sees it: the API's view, its region and its signing secret. */
export type TwinSubscription = Subscription & {
  region: Region;
  /** Base64 signing secret. The API shows it only in the create response; a test always can. */
  secret: string;
};

/** A subscription to seed the twin with directly (same rules as `POST /subscriptions`). */
export type NewSubscription = {
  name: string;
  url: string;
  events: readonly string[];
  enabled?: boolean;
  /** Base64, at least 32 bytes; generated when absent. */
  secret?: string;
  /** Default: the twin's first region. */
  region?: Region;
};

/** The routes of the twin, named as MSW users write them. */
export type TwinRoute =
  | 'POST /Auth/connect/token'
  | 'GET /event-types'
  | 'GET /subscriptions'
  | 'POST /subscriptions'
  | 'GET /subscriptions/:subscriptionId'
  | 'PATCH /subscriptions/:subscriptionId'
  | 'DELETE /subscriptions/:subscriptionId';

/** Milliseconds: fixed, or drawn uniformly between `min` and `max` from the twin's random source. */
export type Latency = number | { min: number; max: number };

/**
 * A failure or a delay injected into the twin's API. Without `status` or `networkError` it only
 * delays (with `latency`). Without `times` or `rate` it fires on every matching request until
 * removed or the twin is reset.
 */
export type Fault = {
  /** Answer with this status instead (body `{"message": <reason phrase>}` unless `body` is given). */
  status?: number;
  /** A JSON body for `status`. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Fail at the network level: `fetch` rejects, as when a connection is reset. */
  networkError?: boolean;
  /** Delay before answering (the fault's or the normal answer). */
  latency?: Latency;
  /** Fire on the next N matching requests only. */
  times?: number;
  /** Fire on this share of matching requests (0–1), drawn from the twin's random source. */
  rate?: number;
  /** Only in this region. */
  region?: Region;
};

/** A fault once added: how often it fired, and a way to take it back. */
export interface FaultHandle {
  /** How many requests it has fired on. */
  readonly hits: number;
  /** How many more it will fire on (`undefined`: no limit). */
  readonly remaining: number | undefined;
  remove(): void;
}

/** One request the twin's API answered, for assertions. */
export type ApiCall = {
  region: Region;
  route: TwinRoute;
  method: string;
  url: string;
  /** The status answered, or `'network-error'` for an injected network failure. */
  status: number | 'network-error';
  /** The API client whose token authorized it, when one did. */
  clientId?: string;
  /** Twin clock, milliseconds since 1970. */
  at: number;
};

/** Options of {@link issueToken}. */
export interface IssueTokenOptions {
  /** Default: the twin's first client. */
  clientId?: string;
  /** Default: every scope the client holds. */
  scopes?: readonly string[];
}

export type { ChaosOptions } from '../../delivery-core/index.js';

/** One try at delivering a notification to a subscription. */
export type DeliveryAttempt = {
  /** When it started (twin clock, plus back-off skipped at `speed: 'max'`). */
  at: number;
  /** The status answered; absent when there was no answer. */
  status?: number;
  /** Why there was no answer (connection refused, timeout, a handler that threw). */
  error?: string;
  /** How long the answer took (twin clock). */
  latencyMs?: number;
  /** Set when chaos sent this attempt with a bad signature. */
  badSignature?: BadSignatureKind;
  /** The back-off before the next attempt, when there is one. */
  retryInMs?: number;
};

/** A notification's delivery to one subscription, every attempt included. */
export type Delivery = {
  subscriptionId: string;
  region: Region;
  url: string;
  notification: ChannelNotification;
  /** The exact bytes sent (and signed) on every attempt. */
  body: string;
  /** A second delivery of a notification already delivered (`chaos.duplicate`). */
  duplicate: boolean;
  /** Sent after a notification that came after it (`chaos.reorder`). */
  reordered: boolean;
  /** Delivered on a 200–205; dead-lettered when the retry policy gave up. */
  outcome: 'delivered' | 'dead-lettered';
  /** Why it was given up, when it was dead-lettered. */
  giveUpReason?: GiveUpReason;
  attempts: DeliveryAttempt[];
};

/** One notification sent to every enabled subscription that wants it. */
export type DeliveryStep = {
  notification: ChannelNotification;
  duplicate: boolean;
  reordered: boolean;
  /** One per subscription, in the order the subscriptions were created. */
  deliveries: Delivery[];
};

/**
 * What a run delivered, in the words `pushNotifications()` reports in (`delivered`,
 * `deadLettered`, `requests`, `outcomes`, `latencyMs`, `chaos`…), counted per delivery (a
 * notification to one subscription). Nothing is dropped silently: every delivery is listed.
 */
export type DeliveryReport = DeliverySummary & {
  /** Notifications sent (each to one or more subscriptions), duplicates included. */
  sent: number;
  /** Every delivery, in the order they were made. */
  deliveries: Delivery[];
  /** @deprecated The same as `deadLettered`. */
  failed: number;
  /** @deprecated The same as `requests`. */
  attempts: number;
  /**
   * @deprecated Attempts by status, `"timeout"` or `"error"`; `outcomes` names each error kind.
   */
  byStatus: Record<string, number>;
};

/** Options of `twin.run()` and `twin.stream()`: the same delivery rules as `vcc-sim push`. */
export interface DeliveryOptions {
  /**
   * How requests are sent (default: the global `fetch`, past MSW). Use {@link routeFetch} to reach
   * a fetch-style handler in-process, or to send an https subscription URL to a local server.
   */
  fetch?: FetchLike;
  /** Retry policy overrides (default: the core's development policy, eight attempts). */
  retry?: Partial<RetryPolicy>;
  /** How long to wait for an answer (default 10 s, as VCC). */
  timeoutMs?: number;
  /**
   * `'max'` (default): no pacing, and back-off is not waited out (it is recorded). A number plays
   * the scenario clock that many times faster than real time and waits back-off likewise.
   */
  speed?: Speed;
  /**
   * Chaos, as `vcc-sim push` has it: the same seed and rates choose the same notifications.
   * Bad signatures spoil a delivery's first attempt; a delay holds a notification back on the
   * scenario clock, so it arrives after those sent up to `delayMaxMs` after it.
   */
  chaos?: ChaosOptions;
  /**
   * Seed of chaos decisions and back-off jitter. Default: the twin's random source (so a twin
   * created with `random` repeats its runs too).
   */
  seed?: number;
  /** Sign deliveries (default true, as VCC always does). */
  sign?: boolean;
  /** Only subscriptions in these regions (default all of the twin's). */
  regions?: readonly Region[];
  /**
   * For a scenario source: options of `simulate()`. `events` defaults to the patterns of the
   * enabled subscriptions, so every notification any of them wants is generated.
   */
  simulate?: SimulateOptions;
}

/** Notifications to deliver: a scenario (or a built-in scenario's name), or notifications. */
export type NotificationSource =
  Scenario | string | Iterable<ChannelNotification> | AsyncIterable<ChannelNotification>;

/**
 * A run delivered step by step, so a test can assert between notifications. An async iterator of
 * steps (`for await (const step of stream)`), with shortcuts.
 */
export interface DeliveryStream extends AsyncIterableIterator<DeliveryStep> {
  /** Delivers the next notification; `undefined` when there are no more. */
  deliverNext(): Promise<DeliveryStep | undefined>;
  /** The notification the next step will deliver, without delivering it. */
  peek(): Promise<ChannelNotification | undefined>;
  /** Delivers the rest and returns the report of the whole run. */
  deliverAll(): Promise<DeliveryReport>;
  /** The report so far. */
  readonly report: DeliveryReport;
}
