import {
  AGENT_ROLES,
  PARTY_ROLES,
  encodeKsuid,
  eventTypeInfo,
  type ChannelEventType,
  type ChannelNotification,
  type EventType,
  type PartyRole,
} from '../../contract/index.js';
import { VccSimError } from '../../errors.js';
import { PATTERNS, isPactMatcher, oneOf, regex, type PactTemplate } from './matchers.js';
import type { NotificationBodyOptions } from './types.js';

/**
 * Spec-faithful notification bodies with Pact matchers. The examples are VCC's own example
 * notification (the `channel.connected.v0` reference page), re-typed per event and role, with a
 * KSUID minted in the second of `time`, so every example passes `validateNotification` even in
 * strict mode.
 */

const EXAMPLE_TIME = '2022-08-30T14:34:36.6134321Z';
const EXAMPLE_TIMESTAMP = '2022-08-30T14:34:36.088Z';
const EXAMPLE_ID = encodeKsuid(
  Math.floor(Date.parse(EXAMPLE_TIME) / 1000),
  Uint8Array.from({ length: 16 }, (_, i) => (i * 37 + 11) % 256),
);
const EXAMPLE_CHANNEL = {
  conversationId: '3e71f453-116a-3abc-7769-bc678ef6e080',
  interactionId: '1371f451-116a-4abc-8869-bc678ef67070',
  channelId: '740109c1-12d5-430f-9543-131fe5c4edcb',
} as const;
const EXAMPLE_AGENTS = {
  agent: { agentId: '1544', userId: 'ef71f453-556a-3abc-7769-bc678ef6e090' },
  monitor: { agentId: '2001', userId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' },
} as const;

function isAgentRole(role: PartyRole): role is (typeof AGENT_ROLES)[number] {
  return (AGENT_ROLES as readonly string[]).includes(role);
}

function checkRole(role: string, what: string): asserts role is PartyRole {
  if (!(PARTY_ROLES as readonly string[]).includes(role)) {
    throw new VccSimError(
      'usage',
      `${what} ${JSON.stringify(role)} is not a party role; VCC sends ${PARTY_ROLES.join(', ')}.`,
    );
  }
}

function partyTemplate(role: PartyRole, roles: readonly PartyRole[]): PactTemplate {
  const party: Record<string, PactTemplate> = { role: oneOf(roles, role) };
  if (isAgentRole(role)) {
    party['agentId'] = regex(PATTERNS.agentId, EXAMPLE_AGENTS[role].agentId);
    party['userId'] = regex(PATTERNS.guid, EXAMPLE_AGENTS[role].userId);
  }
  return party;
}

/** Splits `data.channel.party` into keys; throws on an empty segment. */
function pathKeys(path: string): string[] {
  const keys = path.split('.');
  if (keys.some((key) => key === '')) {
    throw new VccSimError('usage', `"${path}" is not a dotted path such as "data.timestamp".`);
  }
  return keys;
}

function omitPath(body: Record<string, PactTemplate>, path: string, type: EventType): void {
  const keys = pathKeys(path);
  if (keys.length === 1 && keys[0] === 'type') {
    throw new VccSimError(
      'usage',
      'Cannot omit "type": the provider needs it to know which notification to send.',
    );
  }
  let node: unknown = body;
  for (const key of keys.slice(0, -1)) {
    node =
      node !== null && typeof node === 'object'
        ? (node as Record<string, unknown>)[key]
        : undefined;
  }
  const last = keys[keys.length - 1] as string;
  if (node === null || typeof node !== 'object' || isPactMatcher(node) || !(last in node)) {
    throw new VccSimError('usage', `Cannot omit "${path}": ${type} has no such field.`);
  }
  delete (node as Record<string, unknown>)[last];
}

function isPlainObject(value: unknown): value is Record<string, PactTemplate> {
  return (
    value !== null && typeof value === 'object' && !Array.isArray(value) && !isPactMatcher(value)
  );
}

/** Deep-merges `extra` into `target`: objects merge, anything else (matchers too) replaces. */
function extendTemplate(
  target: Record<string, PactTemplate>,
  extra: Record<string, unknown>,
): void {
  for (const [key, value] of Object.entries(extra)) {
    const current = target[key];
    if (isPlainObject(current) && isPlainObject(value)) extendTemplate(current, value);
    else target[key] = value as PactTemplate;
  }
}

/**
 * The body of a notification of `type` about a party of `options.role`, with a Pact matcher on
 * every value that differs from one notification to the next: the KSUID `id`, the GUIDs, `time`
 * (7 fractional digits) and `data.timestamp` (3), the agent's ids, and the role and `reason` as
 * enums. Constant fields (`specversion`, `type`, `source`, `datacontenttype`) are matched exactly.
 * Pass the result to Pact's `withJSONContent`.
 *
 * @example
 * const body = notificationBody('channel.ended.v0', { role: 'external', omit: ['data.timestamp'] });
 */
export function notificationBody(
  type: EventType,
  options: NotificationBodyOptions = {},
): Record<string, PactTemplate> {
  const info = eventTypeInfo(type);
  if (!info) {
    throw new VccSimError('usage', `${JSON.stringify(type)} is not an event type VCC sends.`);
  }
  const role = options.role ?? 'agent';
  checkRole(role, 'The role');
  const roles = options.roles ?? [role];
  for (const accepted of roles) checkRole(accepted, 'The accepted role');
  if (!roles.includes(role)) {
    throw new VccSimError(
      'usage',
      `The example role ${JSON.stringify(role)} is not among the accepted roles (${roles.join(', ')}).`,
    );
  }
  const data: Record<string, PactTemplate> = {
    timestamp: regex(PATTERNS.timestamp, EXAMPLE_TIMESTAMP),
    channel: {
      conversationId: regex(PATTERNS.guid, EXAMPLE_CHANNEL.conversationId),
      interactionId: regex(PATTERNS.guid, EXAMPLE_CHANNEL.interactionId),
      channelId: regex(PATTERNS.guid, EXAMPLE_CHANNEL.channelId),
      party: partyTemplate(role, roles),
    },
  };
  if (info.reasons) data['reason'] = oneOf(info.reasons);
  const body: Record<string, PactTemplate> = {
    specversion: '1.0',
    type,
    id: regex(PATTERNS.ksuid, EXAMPLE_ID),
    source: info.source,
    subject: regex(PATTERNS.guid, EXAMPLE_CHANNEL.channelId),
    time: regex(PATTERNS.time, EXAMPLE_TIME),
    datacontenttype: 'application/json',
    data,
  };
  for (const path of options.omit ?? []) omitPath(body, path, type);
  if (options.extend) extendTemplate(body, options.extend);
  return body;
}

/** The example a template stands for: every matcher replaced by its example value. */
export function reify(template: PactTemplate): unknown {
  if (isPactMatcher(template)) return template.value;
  if (Array.isArray(template)) return template.map(reify);
  if (template !== null && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([key, value]) => [key, reify(value)]));
  }
  return template;
}

/**
 * The example notification of {@link notificationBody}, without matchers: what a consumer's
 * handler receives in its Pact test.
 */
export function notificationExample<T extends ChannelEventType>(
  type: T,
  options: Omit<NotificationBodyOptions, 'omit' | 'extend'> = {},
): ChannelNotification<T> {
  return reify(notificationBody(type, options)) as ChannelNotification<T>;
}
