import type { HttpHandler } from 'msw';
import type { SignatureCrypto } from '../../contract/index.js';
import { platformCrypto } from '../../delivery-core/index.js';
import { randomUuid, twinRandom, type TwinRandom } from './internal/random.js';
import { DEFAULT_CLIENT, REGIONS, type Region } from './vcc.js';
import { TwinApi } from './internal/twin-api.js';
import { startDelivery } from './internal/twin-delivery.js';
import type {
  ApiCall,
  DeliveryOptions,
  DeliveryReport,
  DeliveryStream,
  NotificationSource,
  Fault,
  FaultHandle,
  IssueTokenOptions,
  Latency,
  NewSubscription,
  TwinClient,
  TwinRoute,
  TwinSubscription,
} from './types.js';

/** Options of {@link createVccTwin}. Every source of nondeterminism is one of them. */
export interface VccTwinOptions {
  /** The regions to answer for (default all: `emea`, `nam`, `apac`); the first is the default. */
  regions?: readonly Region[];
  /** API credentials the token endpoint accepts (default {@link DEFAULT_CLIENT}). */
  clients?: readonly TwinClient[];
  /** Subscriptions the twin starts with, and returns to on `reset()`. */
  subscriptions?: readonly NewSubscription[];
  /** Latency of every API answer (default none). Per-route latency: `twin.inject()`. */
  latency?: Latency;
  /**
   * Accept `http:` subscription URLs (VCC requires https). For receivers on a local port; with
   * {@link routeFetch} an https URL can reach a local server instead.
   */
  allowInsecureUrls?: boolean;
  /** The clock, milliseconds since 1970 (default `Date.now`): token expiry, KSUIDs, signatures. */
  now?: () => number;
  /** A `Math.random`-shaped source (default `crypto.getRandomValues`): ids, secrets, rates. */
  random?: () => number;
  /** How the twin waits (default `setTimeout`); pass one that resolves at once to skip waits. */
  sleep?: (ms: number) => Promise<void>;
  /** Default options of every `run()` and `stream()`. */
  delivery?: DeliveryOptions;
}

/** An in-memory twin of VCC: its APIs as MSW handlers, its state to inspect, its deliveries. */
export interface VccTwin {
  /** MSW handlers for every route in every region: `setupServer(...twin.handlers)`. */
  readonly handlers: HttpHandler[];
  /** The regions the twin answers for. */
  readonly regions: readonly Region[];
  /** The API credentials it accepts. */
  readonly clients: TwinClient[];
  /** A copy of the log of API requests it answered, oldest first (cleared by `reset()`). */
  readonly calls: ApiCall[];
  /** Subscriptions, with their secrets, in creation order (in one region, or all). */
  subscriptions(region?: Region): TwinSubscription[];
  /** One subscription by id, in any region. */
  subscription(subscriptionId: string): TwinSubscription | undefined;
  /** Creates a subscription directly, with the API's rules. */
  addSubscription(subscription: NewSubscription): TwinSubscription;
  /** Changes a subscription directly (enable, disable, rename…), with the API's rules. */
  updateSubscription(
    subscriptionId: string,
    patch: Partial<Omit<NewSubscription, 'region'>>,
  ): TwinSubscription;
  /** Accepts more API credentials. */
  addClient(client: TwinClient): void;
  /** A valid bearer token without the OAuth round trip (default: first client, all its scopes). */
  issueToken(options?: IssueTokenOptions & { region?: Region }): string;
  /**
   * Injects a failure or latency into routes (`'*'` for all).
   * @example
   * twin.inject('POST /subscriptions', { status: 503, times: 1 });
   * twin.inject('*', { latency: { min: 20, max: 80 } });
   */
  inject(routes: TwinRoute | readonly TwinRoute[] | '*', fault: Fault): FaultHandle;
  /** Back to the state the twin was created with: clients, subscriptions; no tokens, faults, calls. */
  reset(): void;
  /**
   * Delivers notifications to every enabled subscription whose events match, signed with its
   * secret, as VCC would; resolves with the report once all are delivered or given up.
   * @example
   * const report = await twin.run(notifications, { duplicates: 0.1 });
   * expect(report.failed).toBe(0);
   */
  run(source: NotificationSource, options?: DeliveryOptions): Promise<DeliveryReport>;
  /**
   * The same run, one notification at a time, for tests that assert between notifications.
   * @example
   * const stream = twin.stream(notifications);
   * const step = await stream.deliverNext();
   * expect(received).toHaveLength(1);
   */
  stream(source: NotificationSource, options?: DeliveryOptions): DeliveryStream;
}

function sleepFor(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The platform's crypto (synchronous `node:crypto` in Node, WebCrypto elsewhere), with the twin's
 * random source for `jti`s and secrets when one is injected.
 */
function signatureCrypto(random: TwinRandom | undefined): SignatureCrypto {
  const crypto = platformCrypto();
  if (!random) return crypto;
  return {
    ...crypto,
    name: `${crypto.name}+seeded`,
    randomBytes: (length) => random.bytes(length),
    randomUuid: () => randomUuid(random),
  };
}

/**
 * Creates a twin of VCC for tests: the OAuth token endpoint and the Webhooks API of every region
 * as MSW handlers, backed by state a test can inspect and reset.
 * @example
 * const twin = createVccTwin();
 * const server = setupServer(...twin.handlers);
 * beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
 * afterEach(() => { server.resetHandlers(); twin.reset(); });
 * afterAll(() => server.close());
 */
export function createVccTwin(options: VccTwinOptions = {}): VccTwin {
  const regions = [...(options.regions ?? REGIONS)];
  const now = options.now ?? Date.now;
  const random = twinRandom(options.random);
  const sleep = options.sleep ?? sleepFor;
  const crypto = signatureCrypto(options.random ? random : undefined);
  const api = new TwinApi({
    regions,
    clients: options.clients ?? [DEFAULT_CLIENT],
    subscriptions: options.subscriptions ?? [],
    latency: options.latency,
    rules: { allowInsecureUrls: options.allowInsecureUrls ?? false },
    now,
    random,
    sleep,
    crypto,
  });
  const delivery = {
    store: api.store,
    regions,
    now,
    random,
    sleep,
    crypto,
    defaults: options.delivery ?? {},
  };
  return {
    handlers: api.handlers,
    regions,
    get clients() {
      return api.clients;
    },
    get calls() {
      return api.calls;
    },
    subscriptions: (region) => api.store.list(region),
    subscription: (subscriptionId) => api.store.find(subscriptionId),
    addSubscription: (subscription) => api.addSubscription(subscription),
    updateSubscription: (subscriptionId, patch) => api.updateSubscription(subscriptionId, patch),
    addClient: (client) => api.addClient(client),
    issueToken: (tokenOptions) => api.issueToken(tokenOptions),
    inject: (routes, fault) => api.inject(routes, fault),
    reset: () => api.reset(),
    run: async (source, runOptions) => startDelivery(delivery, source, runOptions).deliverAll(),
    stream: (source, runOptions) => startDelivery(delivery, source, runOptions),
  };
}
