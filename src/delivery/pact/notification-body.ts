import {
  AGENT_ROLES,
  DEFAULT_PRESENCE_STATES,
  PARTY_ROLES,
  PRESENCE_CATEGORIES,
  PRESENCE_CATEGORY_DESCRIPTIONS,
  encodeKsuid,
  eventTypeInfo,
  type EventType,
  type EventTypeInfo,
  type PartyRole,
  type VccNotification,
} from '../../contract/index.js';
import { VccSimError } from '../../errors.js';
import { PATTERNS, isPactMatcher, like, oneOf, regex, type PactTemplate } from './matchers.js';
import type { NotificationBodyOptions } from './types.js';

/**
 * Spec-faithful notification bodies with Pact matchers. The examples are VCC's own examples (the
 * `channel.connected.v0` reference page for channel events, the `agent.presencechanged.v0` page
 * for presence), re-typed per event, version and role, with `time` as the version means it (sent
 * on v0, the event's instant on v1) and a KSUID minted in the second of `time`, so every example
 * passes `validateNotification` even in strict mode.
 */

const CHANNEL_EXAMPLE = {
  /** `time` of VCC's example: when it was sent. */
  sent: '2022-08-30T14:34:36.6134321Z',
  timestamp: '2022-08-30T14:34:36.088Z',
  /** `data.timestamp` written with 7 digits: `time` of a v1 type. */
  happened: '2022-08-30T14:34:36.0880000Z',
  channel: {
    conversationId: '3e71f453-116a-3abc-7769-bc678ef6e080',
    interactionId: '1371f451-116a-4abc-8869-bc678ef67070',
    channelId: '740109c1-12d5-430f-9543-131fe5c4edcb',
  },
} as const;
const EXAMPLE_PAYLOAD = Uint8Array.from({ length: 16 }, (_, i) => (i * 37 + 11) % 256);

/**
 * An example id minted in the second of the example's `time`: when it was sent on a v0, and on a
 * v1 (whose `time` is the event's instant) as if sent within that same second.
 */
function exampleId(time: string): string {
  return encodeKsuid(Math.floor(Date.parse(time) / 1000), EXAMPLE_PAYLOAD);
}
const EXAMPLE_AGENTS = {
  agent: { agentId: '1544', userId: 'ef71f453-556a-3abc-7769-bc678ef6e090' },
  monitor: { agentId: '2001', userId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' },
} as const;
/** VCC's presence example. */
const PRESENCE_EXAMPLE = {
  sent: '2023-09-20T09:49:06.6134321Z',
  happened: '2023-09-20T09:49:05.9464952Z',
  user: { agentId: '1', userId: 'e56a3bb6-1881-46cc-9e26-0191c7b1187f' },
  /** The state without a subcategory, so any presence of the same shape satisfies the body. */
  state: DEFAULT_PRESENCE_STATES.ready,
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

function channelParts(info: EventTypeInfo, options: NotificationBodyOptions) {
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
  const { channel } = CHANNEL_EXAMPLE;
  const data: Record<string, PactTemplate> = {
    timestamp: regex(PATTERNS.timestamp, CHANNEL_EXAMPLE.timestamp),
    channel: {
      conversationId: regex(PATTERNS.guid, channel.conversationId),
      interactionId: regex(PATTERNS.guid, channel.interactionId),
      channelId: regex(PATTERNS.guid, channel.channelId),
      party: partyTemplate(role, roles),
    },
  };
  if (info.reasons) data['reason'] = oneOf(info.reasons);
  return { subject: regex(PATTERNS.guid, channel.channelId), data };
}

/**
 * `data` of a presence change: the category is an enum, the descriptions match by type (admins
 * name their own states), and `subcategory` is left out because only some states have one (a
 * consumer that relies on it adds it with `extend`).
 */
function presenceParts(info: EventTypeInfo, options: NotificationBodyOptions) {
  if (options.role !== undefined || options.roles !== undefined) {
    throw new VccSimError(
      'usage',
      `${info.type} is about an agent, not a channel party: "role" and "roles" apply to channel events only.`,
    );
  }
  const { state, user } = PRESENCE_EXAMPLE;
  const data: Record<string, PactTemplate> = {
    timestamp: regex(PATTERNS.presenceTimestamp, PRESENCE_EXAMPLE.happened),
    presence: {
      presenceId: regex(PATTERNS.guid, state.presenceId),
      category: {
        type: oneOf(PRESENCE_CATEGORIES, state.category),
        description: like(PRESENCE_CATEGORY_DESCRIPTIONS[state.category]),
      },
      description: like(state.description),
    },
    user: {
      agentId: regex(PATTERNS.agentId, user.agentId),
      userId: regex(PATTERNS.guid, user.userId),
    },
  };
  return { subject: regex(PATTERNS.agentId, user.agentId), data };
}

/**
 * The body of a notification of `type` (about a party of `options.role`, for channel events), with
 * a Pact matcher on every value that differs from one notification to the next: the KSUID `id`,
 * the GUIDs, `time` (7 fractional digits) and `data.timestamp` (3 on channel events, 7 on presence),
 * the agent's ids, the role, `reason` and presence category as enums, and presence descriptions by
 * type. Constant fields (`specversion`, `type`, `source`, `datacontenttype`) are matched exactly.
 * Pass the result to Pact's `withJSONContent`.
 *
 * @example
 * const body = notificationBody('channel.ended.v0', { role: 'external', omit: ['data.timestamp'] });
 * const presence = notificationBody('agent.presencechanged.v1');
 */
export function notificationBody(
  type: EventType,
  options: NotificationBodyOptions = {},
): Record<string, PactTemplate> {
  const info = eventTypeInfo(type);
  if (!info) {
    throw new VccSimError('usage', `${JSON.stringify(type)} is not an event type VCC sends.`);
  }
  const agent = info.entity === 'agent';
  const { subject, data } = agent ? presenceParts(info, options) : channelParts(info, options);
  const time = (agent ? PRESENCE_EXAMPLE : CHANNEL_EXAMPLE)[info.time];
  const body: Record<string, PactTemplate> = {
    specversion: '1.0',
    type,
    id: regex(PATTERNS.ksuid, exampleId(time)),
    source: info.source,
    subject,
    time: regex(PATTERNS.time, time),
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
export function notificationExample<T extends EventType>(
  type: T,
  options: Omit<NotificationBodyOptions, 'omit' | 'extend'> = {},
): VccNotification<T> {
  return reify(notificationBody(type, options)) as VccNotification<T>;
}
