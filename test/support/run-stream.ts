import {
  DEFAULT_PRESENCE_STATES,
  formatMillis,
  formatTicks,
  type AgentNotification,
  type ChannelEventName as QualifiedChannelEventName,
  type ChannelNotification,
  type DefaultPresenceKey,
  type Party,
  type VccNotification,
} from '../../src/contract/index.js';
import { encodeKsuid } from '../../src/contract/ksuid.js';
import { presenceData } from '../../src/contract/presence.js';

/** A channel event's short name: `connected` in `channel.connected.v0`. */
type ChannelEventName = QualifiedChannelEventName extends `channel.${infer Name}` ? Name : never;

/** The instant hand-made runs start at: a Monday, 09:00 UTC. */
export const RUN_START_MS = Date.parse('2026-01-05T09:00:00.000Z');

/**
 * Builds small, valid runs by hand, as a contact centre would send them: each event at `seconds`
 * after {@link RUN_START_MS}, sent half a second later, with distinct KSUIDs. Ids are readable
 * GUIDs made from short names (`call(1)` → interaction `00000000-…-000000000001`).
 */
export class RunStream {
  readonly notifications: VccNotification[] = [];
  #sequence = 0;

  #id(timeMs: number): string {
    const payload = new Uint8Array(16);
    new DataView(payload.buffer).setUint32(12, ++this.#sequence);
    return encodeKsuid(Math.floor(timeMs / 1000), payload);
  }

  /** A channel event; `v1` adds the same event's v1 after it, as VCC sends both. */
  channel(
    name: ChannelEventName,
    seconds: number,
    ids: { interaction: number; channel: number; party: Party },
    { v1 = false }: { v1?: boolean } = {},
  ): this {
    const at = RUN_START_MS + Math.round(seconds * 1000);
    const time = formatTicks(at + 500, 0);
    const withReason = name === 'connectionfailed' || name === 'ended';
    for (const version of v1 ? ['v0', 'v1'] : ['v0']) {
      this.notifications.push({
        specversion: '1.0',
        type: `channel.${name}.${version}`,
        id: this.#id(at + 500),
        source: '/channel',
        subject: guid('c', ids.channel),
        time,
        datacontenttype: 'application/json',
        data: {
          timestamp: formatMillis(at),
          channel: {
            conversationId: guid('a', ids.interaction),
            interactionId: guid('b', ids.interaction),
            channelId: guid('c', ids.channel),
            party: ids.party,
          },
          ...(withReason ? { reason: 'released' } : {}),
        },
      } as ChannelNotification);
    }
    return this;
  }

  /** An `agent.presencechanged.v0` for agent `agentId` at `seconds`. */
  presence(agentId: string, seconds: number, state: DefaultPresenceKey): this {
    const at = RUN_START_MS + Math.round(seconds * 1000);
    const notification: AgentNotification = {
      specversion: '1.0',
      type: 'agent.presencechanged.v0',
      id: this.#id(at + 500),
      source: '/agent',
      subject: agentId,
      time: formatTicks(at + 500, 0),
      datacontenttype: 'application/json',
      data: {
        timestamp: formatTicks(at, 0),
        presence: presenceData(DEFAULT_PRESENCE_STATES[state]),
        user: { agentId, userId: guid('d', Number(agentId)) },
      },
    };
    this.notifications.push(notification);
    return this;
  }

  /**
   * An inbound call answered by `agentId`: the customer connects at `arrive` (zero alerting), the
   * agent's phone rings at `ring` and they answer at `answer`; both hang up at `end`, wrap until
   * `wrapEnd`.
   */
  answeredCall(
    call: number,
    agentId: string,
    t: { arrive: number; ring: number; answer: number; end: number; wrapEnd: number },
  ): this {
    const customer = {
      interaction: call,
      channel: call * 10,
      party: { role: 'external' } as Party,
    };
    const agent = { interaction: call, channel: call * 10 + 1, party: agentParty(agentId) };
    return this.channel('alerted', t.arrive, customer)
      .channel('connected', t.arrive, customer)
      .channel('alerted', t.ring, agent)
      .channel('connected', t.answer, agent)
      .channel('disconnected', t.end, customer)
      .channel('ended', t.end, customer)
      .channel('disconnected', t.end, agent)
      .channel('wrapstarted', t.end, agent)
      .channel('ended', t.wrapEnd, agent);
  }

  /** An inbound call whose customer hangs up at `leave`, never answered. */
  abandonedCall(call: number, t: { arrive: number; leave: number }): this {
    const customer = {
      interaction: call,
      channel: call * 10,
      party: { role: 'external' } as Party,
    };
    return this.channel('alerted', t.arrive, customer)
      .channel('connected', t.arrive, customer)
      .channel('disconnected', t.leave, customer)
      .channel('ended', t.leave, customer);
  }
}

/** An agent party with a user GUID made from the id. */
function agentParty(agentId: string, role: 'agent' | 'monitor' = 'agent'): Party {
  return { role, agentId, userId: guid('d', Number(agentId)) };
}

/** A GUID from a letter and a number: `guid('b', 1)` = `b0000000-0000-4000-8000-000000000001`. */
function guid(letter: string, value: number): string {
  return `${letter}0000000-0000-4000-8000-${String(value).padStart(12, '0')}`;
}
