import type { EventType, PartyRole } from '../../contract/index.js';
import type { PactTemplate } from './matchers.js';
import type { NotificationSource } from './notification-source.js';

/** How {@link notificationBody} shapes a body. */
export interface NotificationBodyOptions {
  /**
   * Channel events only: the party role of the example (default `agent`), which decides
   * `agentId`/`userId` and the example role. Agent events (`agent.presencechanged`) have no party.
   */
  role?: PartyRole;
  /**
   * Channel events only: the roles the consumer accepts (default: just `role`). The role matcher
   * accepts any of them; the provider still sends a notification about `role`.
   */
  roles?: readonly PartyRole[];
  /** Dotted paths of fields the consumer does not rely on, such as `data.timestamp`. */
  omit?: readonly string[];
  /** Fields to add or replace, deep-merged into the body (values or Pact matchers). */
  extend?: Record<string, unknown>;
}

/** A notification a consumer relies on: which type, about whom, in which situation. */
export interface NotificationExpectation<
  T extends EventType = EventType,
> extends NotificationBodyOptions {
  type: T;
  /**
   * The provider state: one of {@link PROVIDER_STATES} (or a built-in scenario name). Without
   * one, the provider picks the first state that sends this notification.
   */
  state?: string;
  /**
   * The interaction's description (default: `a channel.connected.v0 notification about an agent
   * party`, or `an agent.presencechanged.v1 notification`).
   */
  description?: string;
}

/** One interaction, ready for Pact: what {@link notificationInteraction} returns. */
export interface NotificationInteraction {
  description: string;
  /** The provider state, when the expectation names one. */
  providerState?: string;
  /** The message body with matchers, for `withJSONContent`. */
  body: Record<string, PactTemplate>;
  /** Message metadata, for `withMetadata`. */
  metadata: Record<string, string>;
}

/** A provider state vcc-sim understands, and the built-in scenario it plays. */
export interface ProviderStateInfo {
  readonly name: string;
  readonly scenario: string;
  readonly description: string;
}

/** A Pact matching rule, as pact files store it. */
export interface MatchingRule {
  match: string;
  regex?: string;
  [key: string]: unknown;
}

/** A message interaction read from a pact file (V4 asynchronous message or V3 message). */
export interface MessageInteraction {
  description: string;
  providerStates: { name: string; params?: Record<string, unknown> }[];
  /** The expected body (matchers' examples in place). */
  content: unknown;
  contentType: string;
  /** Body matching rules by path (`$.data.timestamp`). */
  bodyRules: Record<string, MatchingRule[]>;
  metadata: Record<string, unknown>;
  pending: boolean;
}

/** A pact file's parties and its message interactions. */
export interface PactDocument {
  consumer: string;
  provider: string;
  specification: string;
  interactions: MessageInteraction[];
  /** Interactions vcc-sim cannot verify (HTTP or synchronous), by description. */
  unsupported: { description: string; type: string }[];
  /** Links of a pact fetched from a broker. */
  links: Record<string, { href: string }>;
}

/** How to reach a Pact Broker; unset fields fall back to the `PACT_BROKER_*` variables. */
export interface BrokerOptions {
  /** Base URL (`PACT_BROKER_BASE_URL`). */
  url?: string;
  /** Bearer token, as PactFlow uses (`PACT_BROKER_TOKEN`). */
  token?: string;
  /** Basic-auth user, as the open-source broker uses (`PACT_BROKER_USERNAME`). */
  username?: string;
  /** Basic-auth password (`PACT_BROKER_PASSWORD`). */
  password?: string;
}

/** A resolved broker: its base URL without credentials, and how to authenticate. */
export interface BrokerConnection {
  baseUrl: string;
  auth?: { type: 'bearer'; token: string } | { type: 'basic'; username: string; password: string };
}

/** How broker requests are made; every field has a default. */
export interface BrokerRequestOptions {
  /** The `fetch` to use (default: the global one). */
  fetch?: typeof fetch;
  /** Retries after a 5xx, 408, 429 or network failure (default 3). */
  retries?: number;
  /** Waits between retries (default: real timers); tests pass a recorder. */
  sleep?: (milliseconds: number) => Promise<void>;
  /**
   * How long one broker request may take, its answer read whole, before it counts as failed (and
   * is retried); default 30,000 ms. Pact's verifier gets it as its request timeout.
   */
  timeoutMs?: number;
}

/** A notice the broker returns for people to read, with its kind (`success`, `warning`, …). */
export interface BrokerNotice {
  type: string;
  text: string;
}

/**
 * Which consumer versions' pacts to verify, as the broker's pacts-for-verification API takes them
 * (see Pact's "consumer version selectors").
 */
export interface ConsumerVersionSelector {
  mainBranch?: true;
  branch?: string;
  fallbackBranch?: string;
  matchingBranch?: true;
  tag?: string;
  fallbackTag?: string;
  latest?: boolean;
  deployed?: true;
  released?: true;
  deployedOrReleased?: true;
  environment?: string;
  consumer?: string;
}

/** The verdict on one interaction. */
export interface InteractionVerdict {
  description: string;
  providerStates: string[];
  type?: EventType;
  role?: PartyRole;
  /** The provider state vcc-sim played (given, or picked) and its built-in scenario. */
  playedState?: string;
  scenario?: string;
  /** `pending`: it failed, but in a pending pact, which does not fail the build. */
  status: 'passed' | 'failed' | 'pending';
  /** vcc-sim's reasons why VCC cannot send what the consumer expects. */
  reasons: string[];
  /** What Pact's comparison found. */
  mismatches: string[];
}

/** The verdict on one pact. */
export interface PactVerdict {
  consumer: string;
  provider: string;
  /** A file path or URL. */
  source: string;
  /** Why the broker selected it, when it came from a broker. */
  selection?: string;
  pending: boolean;
  interactions: InteractionVerdict[];
  /** Interactions vcc-sim cannot verify: HTTP or synchronous ones. */
  unsupported: { description: string; type: string }[];
}

/** The outcome of {@link verifyPacts}. */
export interface VerificationReport {
  success: boolean;
  provider: string;
  pacts: PactVerdict[];
  /** Pacts skipped because they are for another provider or consumer, by source. */
  skipped: string[];
  /** Whether Pact published the results to the broker. */
  published: boolean;
  /** The verifier's own text output, line by line. */
  output: string[];
}

/** What to verify and what to do with the results. */
export interface VerifyPactsOptions extends BrokerRequestOptions {
  /** Pact files, directories of them, or pact URLs. */
  pacts?: readonly string[];
  /**
   * A broker to fetch pacts from with {@link consumerVersionSelectors}; when `pacts` are given
   * too, only its credentials are used, for pact URLs.
   */
  broker?: BrokerConnection;
  /** The provider name in the pacts (default `vcc-webhooks`). */
  provider?: string;
  /** Default: the main branch and what is deployed or released, as Pact recommends. */
  consumerVersionSelectors?: readonly ConsumerVersionSelector[];
  /** Only these consumers' pacts. */
  consumers?: readonly string[];
  enablePending?: boolean;
  includeWipPactsSince?: string;
  /** Publish the results to the broker (needs `providerVersion`). */
  publishVerificationResults?: boolean;
  providerVersion?: string;
  providerBranch?: string;
  providerTags?: readonly string[];
  buildUrl?: string;
  /** Fail when there is nothing to verify (default true, as Pact does). */
  failIfNoPactsFound?: boolean;
  /** The seed of every scenario run (default: each scenario's own). */
  seed?: number;
  /** Where notifications come from (default: the engine's built-in scenarios). */
  source?: NotificationSource;
  /** Pact's log level (default `error`). */
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error';
}
