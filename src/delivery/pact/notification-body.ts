import {
  AGENT_ROLES,
  PARTY_ROLES,
  PRESENCE_CATEGORIES,
  PRESENCE_CATEGORY_DESCRIPTIONS,
  eventTypeInfo,
  type EventType,
  type EventTypeInfo,
  type PartyRole,
  type VccNotification,
} from '../../contract/index.js';
import { CHANNEL_EXAMPLE, PRESENCE_EXAMPLE, exampleId } from '../../contract/examples.js';
import { VccSimError } from '../../errors.js';
import { PATTERNS, isPactMatcher, like, oneOf, regex, type PactTemplate } from './matchers.js';
import type { NotificationBodyOptions } from './types.js';

/**
 * Spec-faithful notification bodies with Pact matchers. The examples are VCC's own
 * (`contract/examples.ts`), re-typed per event, version and role, with `time` as the version means
 * it (sent on v0, the event's instant on v1) and a KSUID minted in the second of `time`, so every
 * example passes `validateNotification` even in strict mode.
 */

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
    party['agentId'] = regex(PATTERNS.agentId, CHANNEL_EXAMPLE.agents[role].agentId);
    party['userId'] = regex(PATTERNS.guid, CHANNEL_EXAMPLE.agents[role].userId);
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
