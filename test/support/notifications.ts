import {
  eventTypeInfo,
  isChannelEventType,
  type AgentEventType,
  type AgentNotification,
  type VccNotification,
  type ChannelEventType,
  type ChannelNotification,
  type EventType,
  type Party,
  type PartyRole,
} from '../../src/contract/index.js';
import { encodeKsuid } from '../../src/contract/ksuid.js';

/** The parties of the samples: the seed's agent, and one of each other role. */
export const SAMPLE_PARTIES: Record<PartyRole, Party> = {
  agent: { role: 'agent', agentId: '1544', userId: 'ef71f453-556a-3abc-7769-bc678ef6e090' },
  monitor: { role: 'monitor', agentId: '2001', userId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' },
  external: { role: 'external' },
  voicemail: { role: 'voicemail' },
};

/**
 * A valid notification (strict mode included) of any type and role, built like the seed's example:
 * same ids and timestamps, with a KSUID minted in the second of `time`.
 */
export function sampleNotification<T extends ChannelEventType>(
  type: T,
  role: PartyRole = 'agent',
): ChannelNotification<T> {
  const time = '2022-08-30T14:34:36.6134321Z';
  const payload = new Uint8Array(16).map((_, i) => i * 17);
  const reasons = eventTypeInfo(type)?.reasons;
  return {
    specversion: '1.0',
    type,
    id: encodeKsuid(Math.floor(Date.parse(time) / 1000), payload),
    source: '/channel',
    subject: '740109c1-12d5-430f-9543-131fe5c4edcb',
    time,
    datacontenttype: 'application/json',
    data: {
      timestamp: '2022-08-30T14:34:36.088Z',
      channel: {
        conversationId: '3e71f453-116a-3abc-7769-bc678ef6e080',
        interactionId: '1371f451-116a-4abc-8869-bc678ef67070',
        channelId: '740109c1-12d5-430f-9543-131fe5c4edcb',
        party: structuredClone(SAMPLE_PARTIES[role]),
      },
      ...(reasons ? { reason: reasons[0] } : {}),
    },
  } as ChannelNotification<T>;
}

/**
 * `count` distinct valid notifications of the given types (cycled), each with its own KSUID and
 * one millisecond later than the one before, for delivery tests that must tell them apart.
 */
export function sampleNotifications(
  count: number,
  types: readonly ChannelEventType[] = ['channel.connected.v0'],
): ChannelNotification[] {
  return Array.from({ length: count }, (_, index) => {
    const notification = sampleNotification(types[index % types.length]!);
    const millis = Date.parse(notification.data.timestamp) + index;
    notification.data.timestamp = new Date(millis).toISOString();
    notification.time = `${new Date(millis + 500).toISOString().slice(0, 23)}0000Z`;
    const payload = new Uint8Array(16);
    new DataView(payload.buffer).setUint32(12, index);
    notification.id = encodeKsuid(Math.floor(Date.parse(notification.time) / 1000), payload);
    return notification;
  });
}

/**
 * A valid presence notification (strict mode included): VCC's own `agent.presencechanged.v0`
 * example (its missing comma restored), as the type asked for.
 */
export function samplePresenceNotification<T extends AgentEventType>(
  type: T = 'agent.presencechanged.v0' as T,
): AgentNotification<T> {
  return {
    specversion: '1.0',
    type,
    id: '2VejGqWZPqHXHVNcfUPUO8IASAp',
    source: '/agent',
    subject: '1',
    time: '2023-09-20T09:49:06.6134321Z',
    datacontenttype: 'application/json',
    data: {
      timestamp: '2023-09-20T09:49:05.9464952Z',
      presence: {
        presenceId: '3bf05984-1957-4e56-9c2c-ce04fa9b3ffc',
        category: { type: 'ready', description: 'Ready', subcategory: 'readyOutbound' },
        description: 'Ready (Outbound)',
      },
      user: { agentId: '1', userId: 'e56a3bb6-1881-46cc-9e26-0191c7b1187f' },
    },
  } as AgentNotification<T>;
}

/** A valid notification of any type: a channel sample about `role`, or a presence sample. */
export function sampleAnyNotification(type: EventType, role: PartyRole = 'agent'): VccNotification {
  return isChannelEventType(type)
    ? sampleNotification(type, role)
    : samplePresenceNotification(type as AgentEventType);
}
