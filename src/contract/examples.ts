import { eventTypeInfo, type EventType } from './catalogue.js';
import { encodeKsuid } from './ksuid.js';
import { DEFAULT_PRESENCE_STATES, presenceData } from './presence.js';
import type { VccNotification } from './types.js';

/**
 * The values of VCC's own example notifications (the `channel.connected.v0` reference page, the
 * `agent.presencechanged.v0` page), shared by everything that shows an example: the Pact bodies'
 * examples and the AsyncAPI document's message examples. `time` follows the version (sent on v0,
 * the event's instant on v1) and each id is minted in the second of `time`, so every example
 * passes `validateNotification` in strict mode.
 */

/** VCC's channel example. */
export const CHANNEL_EXAMPLE = {
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
  /** The agent of VCC's example, and a supervisor for `monitor` parties. */
  agents: {
    agent: { agentId: '1544', userId: 'ef71f453-556a-3abc-7769-bc678ef6e090' },
    monitor: { agentId: '2001', userId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' },
  },
} as const;

/** VCC's presence example. */
export const PRESENCE_EXAMPLE = {
  sent: '2023-09-20T09:49:06.6134321Z',
  happened: '2023-09-20T09:49:05.9464952Z',
  user: { agentId: '1', userId: 'e56a3bb6-1881-46cc-9e26-0191c7b1187f' },
  /** The state without a subcategory, so any presence of the same shape satisfies a Pact body. */
  state: DEFAULT_PRESENCE_STATES.ready,
} as const;

const EXAMPLE_PAYLOAD = Uint8Array.from({ length: 16 }, (_, i) => (i * 37 + 11) % 256);

/**
 * An example id minted in the second of the example's `time`: when it was sent on a v0, and on a
 * v1 (whose `time` is the event's instant) as if sent within that same second.
 */
export function exampleId(time: string): string {
  return encodeKsuid(Math.floor(Date.parse(time) / 1000), EXAMPLE_PAYLOAD);
}

/** The example notification of a type: about VCC's example agent, `time` as its version means it. */
export function exampleNotification<T extends EventType>(type: T): VccNotification<T> {
  const info = eventTypeInfo(type);
  if (!info) throw new Error(`${type} is not in the catalogue.`);
  const agent = info.entity === 'agent';
  const time = (agent ? PRESENCE_EXAMPLE : CHANNEL_EXAMPLE)[info.time];
  const envelope = {
    specversion: '1.0',
    type,
    id: exampleId(time),
    source: info.source,
    subject: agent ? PRESENCE_EXAMPLE.user.agentId : CHANNEL_EXAMPLE.channel.channelId,
    time,
    datacontenttype: 'application/json',
  };
  const data = agent
    ? {
        timestamp: PRESENCE_EXAMPLE.happened,
        presence: presenceData(PRESENCE_EXAMPLE.state),
        user: { ...PRESENCE_EXAMPLE.user },
      }
    : {
        timestamp: CHANNEL_EXAMPLE.timestamp,
        channel: {
          ...CHANNEL_EXAMPLE.channel,
          party: { role: 'agent', ...CHANNEL_EXAMPLE.agents.agent },
        },
        ...(info.reasons ? { reason: info.reasons[0] } : {}),
      };
  return { ...envelope, data } as VccNotification<T>;
}
