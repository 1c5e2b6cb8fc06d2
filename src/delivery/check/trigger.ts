import {
  PARTY_ROLES,
  createWebhookSigner,
  eventTypeInfo,
  isEventType,
  type EventType,
  type PartyRole,
  type VccNotification,
} from '../../contract/index.js';
import {
  DELIVERY_DEFAULTS,
  checkPositive,
  isSuccessStatus,
  parseWebhookUrl,
  platformCrypto,
  type CloudEventMode,
  type FetchHandler,
} from '../../delivery-core/index.js';
import { BUILT_IN_SCENARIOS, builtInScenario, eventFilter, simulate } from '../../engine/index.js';
import type { Scenario } from '../../engine/types.js';
import { VccSimError } from '../../errors.js';
import { withNotificationOverrides } from './internal/notification-overrides.js';
import { NotificationPool } from './internal/notification-pool.js';
import { postNotification } from './internal/post.js';
import { retimed, sentAt } from './internal/retime.js';
import { handlerTransport, networkTransport } from './internal/transport.js';
import type { Exchange } from './types.js';

/** Options of {@link triggerNotification} and {@link triggerNotifications}. */
export type TriggerOptions = {
  /** The event type to send, e.g. `channel.connected.v0`. */
  type: string;
  /** The party role of a channel event (default: any the scenarios send it for). */
  role?: PartyRole;
  /** `path=value` changes, e.g. `data.channel.party.agentId=42`; the result must stay valid. */
  overrides?: readonly string[];
  /** Send the whole lifecycle of a channel that has this event, in order. */
  lifecycle?: boolean;
  /** With `lifecycle`: the types to include, `*` wildcards allowed (default: the type's version). */
  events?: string | readonly string[];
  /** Where the notification is drawn from (default: the built-in scenarios, in order). */
  scenario?: Scenario | string;
  /** Seed of the run it is drawn from (default: a new one each time: fresh ids). */
  seed?: number;
  /** Milliseconds since 1970: when it is sent (default `Date.now`). */
  now?: () => number;
};

/** Options of {@link triggerNotifications}: where to send and how. */
export type TriggerSendOptions = TriggerOptions & {
  url?: string | URL;
  /** A fetch-style handler to send to in-process (then `url` is what the request carries). */
  fetch?: FetchHandler;
  /** The subscription secret; without it the request goes unsigned. */
  secret?: string;
  mode?: CloudEventMode;
  timeoutMs?: number;
  ca?: string | Uint8Array;
  insecure?: boolean;
};

/** What a trigger sent and what came back, one entry per notification. */
export type TriggerResult = {
  sent: Array<{ notification: VccNotification; exchange: Exchange }>;
  /** Every notification was answered 200–205. */
  delivered: boolean;
};

/** How many notifications of a scenario a trigger reads looking for its event. */
const SEARCH_LIMIT = 20_000;

function usage(message: string): VccSimError {
  return new VccSimError('usage', message);
}

function checkType(type: string): EventType {
  if (!isEventType(type)) {
    throw usage(
      `No event type "${type}"; event types look like "channel.connected.v0" (see contracts/).`,
    );
  }
  return type;
}

function checkRole(type: EventType, role: PartyRole | undefined): void {
  if (role === undefined) return;
  if (!PARTY_ROLES.includes(role)) {
    throw usage(`No party role "${role}"; roles: ${PARTY_ROLES.join(', ')}.`);
  }
  if (eventTypeInfo(type)?.entity !== 'channel') {
    throw usage(`${type} is not a channel event: it has no party role.`);
  }
}

function hasRole(notification: VccNotification, role: PartyRole | undefined): boolean {
  if (role === undefined) return true;
  return 'channel' in notification.data && notification.data.channel.party.role === role;
}

function scenariosOf(scenario: Scenario | string | undefined): Scenario[] {
  if (typeof scenario === 'object') return [scenario];
  if (typeof scenario === 'string') return [builtInScenario(scenario)];
  return BUILT_IN_SCENARIOS.map(({ name }) => builtInScenario(name));
}

/** Where the notifications come from: the first scenario run that has the type (and role). */
function drawn(options: TriggerOptions, type: EventType): VccNotification[] | undefined {
  const seed =
    options.seed ??
    platformCrypto()
      .randomBytes(3)
      .reduce((a, b) => a * 256 + b, 0);
  const version = eventTypeInfo(type)!.version;
  const keep = eventFilter(options.events ?? `channel.*.v${version}`);
  for (const scenario of scenariosOf(options.scenario)) {
    const run = simulate(scenario, { seed, events: '*' });
    if (!options.lifecycle) {
      let read = 0;
      for (const notification of run) {
        if (++read > SEARCH_LIMIT) break;
        if (notification.type === type && hasRole(notification, options.role))
          return [notification];
      }
      continue;
    }
    const pool = new NotificationPool(run);
    const events = pool.takeLifecycle(
      (notification) =>
        notification.source === '/channel' &&
        (keep(notification.type) || notification.type === type),
    );
    if (events?.some((event) => event.type === type) && hasRole(events[0]!, options.role)) {
      return events;
    }
  }
  return undefined;
}

/**
 * The notifications a trigger sends, ready: drawn from a scenario run (real ids and a realistic
 * party), moved in time so the last is sent now, with the overrides applied and validated. A
 * `lifecycle` is a whole channel's events in order.
 * @throws {VccSimError} code `usage` for an unknown type or role, a role the scenarios never send
 *   the type for, or overrides that make the notification invalid.
 */
function triggerNotifications(options: TriggerOptions): VccNotification[] {
  const type = checkType(options.type);
  checkRole(type, options.role);
  if (options.lifecycle && eventTypeInfo(type)?.entity !== 'channel') {
    throw usage(`--lifecycle is a channel’s lifecycle; ${type} is not a channel event.`);
  }
  const source = drawn(options, type);
  if (!source) {
    const role = options.role ? ` for a party of role ${options.role}` : '';
    throw usage(
      `No scenario sends ${type}${role}${options.lifecycle ? ' in a whole lifecycle' : ''}.`,
    );
  }
  const now = (options.now ?? Date.now)();
  const shift = now - sentAt(source.at(-1)!);
  return source.map((notification) =>
    withNotificationOverrides(retimed(notification, shift), options.overrides ?? []),
  );
}

/**
 * Sends one notification now (or a whole channel lifecycle with `lifecycle`), signed as VCC signs,
 * and resolves with what came back: `vcc-sim trigger`. No scenario clock to wait for.
 * @example
 * const result = await triggerNotification({ type: 'channel.connected.v0', role: 'external', url, secret });
 * console.log(result.sent[0].exchange.answer);
 */
export async function triggerNotification(options: TriggerSendOptions): Promise<TriggerResult> {
  const timeoutMs =
    options.timeoutMs === undefined
      ? DELIVERY_DEFAULTS.timeoutMs
      : checkPositive('timeoutMs', options.timeoutMs);
  if (options.url === undefined && options.fetch === undefined) {
    throw usage('Say where to send it: a URL, e.g. http://127.0.0.1:4000/.');
  }
  const url = parseWebhookUrl(options.url ?? 'https://webhook.vcc-sim.test/');
  const notifications = triggerNotifications(options);
  const transport = options.fetch
    ? handlerTransport(options.fetch)
    : await networkTransport({
        ...(options.ca === undefined ? {} : { ca: options.ca }),
        insecure: options.insecure === true,
        connections: 1,
        connectTimeoutMs: timeoutMs,
      });
  const crypto = platformCrypto();
  const signer =
    options.secret === undefined ? undefined : createWebhookSigner(options.secret, { crypto });
  const sent: TriggerResult['sent'] = [];
  try {
    for (const notification of notifications) {
      const exchange = await postNotification(transport, url, notification, {
        signer,
        mode: options.mode ?? 'structured',
        timeoutMs,
      });
      sent.push({ notification, exchange });
    }
  } finally {
    await transport.close();
  }
  return {
    sent,
    delivered: sent.every(
      ({ exchange: { answer } }) => 'status' in answer && isSuccessStatus(answer.status),
    ),
  };
}
