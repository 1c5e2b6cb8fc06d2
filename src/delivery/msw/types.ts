import type { Region } from './regions.js';

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
