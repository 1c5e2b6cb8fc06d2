import { describe, expect, it } from 'vitest';
import {
  AGENT_ROLES,
  EVENT_TYPES,
  PARTY_ROLES,
  type ChannelEventType,
  type EventType,
} from './catalogue.js';
import {
  DEFAULT_PRESENCE_STATES,
  PRESENCE_CATEGORIES,
  type PresenceCategoryType,
} from './presence.js';
import { AGENT_DEFS, CHANNEL_DEFS, eventSchemaDocument } from './schema-documents.js';
import type {
  AgentNotification,
  AgentParty,
  AnonymousParty,
  ChannelEventData,
  ChannelInfo,
  ChannelNotification,
  PartyRole,
  Presence as PresenceInfo,
  PresenceCategory,
  PresenceChangedData,
  PresenceUser,
} from './types.js';

/**
 * The TypeScript types and the JSON Schemas are both derived from the catalogue; these tests prove
 * they agree. Each `Presence<T>` literal below is checked by the compiler against the type (a
 * missing, extra or wrongly optional key fails to compile) and by the test against the schema.
 */
type Presence<T> = { [K in keyof T]-?: object extends Pick<T, K> ? 'optional' : 'required' };
type Schema = { properties?: Record<string, unknown>; required?: readonly string[] };

function presenceOf(schema: Schema, required: readonly string[] = schema.required ?? []) {
  return Object.fromEntries(
    Object.keys(schema.properties ?? {}).map((key) => [
      key,
      required.includes(key) ? 'required' : 'optional',
    ]),
  );
}

describe('TypeScript types agree with the schemas', () => {
  it('the envelope', () => {
    const envelope: Presence<ChannelNotification<'channel.connected.v0'>> = {
      specversion: 'required',
      type: 'required',
      id: 'required',
      source: 'required',
      subject: 'required',
      time: 'required',
      datacontenttype: 'required',
      data: 'required',
    };
    expect(presenceOf(CHANNEL_DEFS.channelEnvelope)).toEqual(envelope);
  });

  it('the constant envelope attributes', () => {
    const constants: Pick<ChannelNotification, 'specversion' | 'source' | 'datacontenttype'> = {
      specversion: '1.0',
      source: '/channel',
      datacontenttype: 'application/json',
    };
    const properties = CHANNEL_DEFS.channelEnvelope.properties;
    expect({
      specversion: properties.specversion.const,
      source: properties.source.const,
      datacontenttype: properties.datacontenttype.const,
    }).toEqual(constants);
  });

  it('data.channel', () => {
    const channel: Presence<ChannelInfo> = {
      conversationId: 'required',
      interactionId: 'required',
      channelId: 'required',
      party: 'required',
    };
    expect(presenceOf(CHANNEL_DEFS.channel)).toEqual(channel);
  });

  it('the party of an agent or monitor, and of a customer or voicemail', () => {
    const party = CHANNEL_DEFS.party;
    const agent: Presence<AgentParty> = {
      role: 'required',
      agentId: 'required',
      userId: 'required',
    };
    const agentRule = party.allOf[0];
    expect(agentRule.if.properties.role.enum).toEqual([...AGENT_ROLES]);
    expect(presenceOf(party, [...party.required, ...agentRule.then.required])).toEqual(agent);

    const anonymous: Presence<AnonymousParty> = { role: 'required', userId: 'optional' };
    const anonymousRule = party.allOf[1];
    const forbidden = anonymousRule.then.not.required;
    const { [forbidden[0]]: _agentId, ...allowed } = presenceOf(party);
    expect(allowed).toEqual(anonymous);
    expect(anonymousRule.if.properties.role.enum).toEqual(
      PARTY_ROLES.filter((role) => !AGENT_ROLES.includes(role as never)),
    );
  });

  it('the roles', () => {
    const roles: Record<PartyRole, true> = {
      external: true,
      agent: true,
      monitor: true,
      voicemail: true,
    };
    expect(CHANNEL_DEFS.party.properties.role.enum).toEqual(Object.keys(roles));
  });

  it('data of every event type, reason included where the type has one', () => {
    const data: {
      [T in EventType]: T extends ChannelEventType
        ? Presence<ChannelEventData<T>>
        : Presence<PresenceChangedData>;
    } = {
      'channel.alerted.v0': { timestamp: 'required', channel: 'required' },
      'channel.alerted.v1': { timestamp: 'required', channel: 'required' },
      'channel.connected.v0': { timestamp: 'required', channel: 'required' },
      'channel.connected.v1': { timestamp: 'required', channel: 'required' },
      'channel.connectionfailed.v0': {
        timestamp: 'required',
        channel: 'required',
        reason: 'required',
      },
      'channel.connectionfailed.v1': {
        timestamp: 'required',
        channel: 'required',
        reason: 'required',
      },
      'channel.held.v0': { timestamp: 'required', channel: 'required' },
      'channel.held.v1': { timestamp: 'required', channel: 'required' },
      'channel.retrieved.v0': { timestamp: 'required', channel: 'required' },
      'channel.retrieved.v1': { timestamp: 'required', channel: 'required' },
      'channel.parked.v0': { timestamp: 'required', channel: 'required' },
      'channel.parked.v1': { timestamp: 'required', channel: 'required' },
      'channel.unparked.v0': { timestamp: 'required', channel: 'required' },
      'channel.unparked.v1': { timestamp: 'required', channel: 'required' },
      'channel.interrupted.v0': { timestamp: 'required', channel: 'required' },
      'channel.interrupted.v1': { timestamp: 'required', channel: 'required' },
      'channel.resumed.v0': { timestamp: 'required', channel: 'required' },
      'channel.resumed.v1': { timestamp: 'required', channel: 'required' },
      'channel.disconnected.v0': { timestamp: 'required', channel: 'required' },
      'channel.disconnected.v1': { timestamp: 'required', channel: 'required' },
      'channel.wrapstarted.v0': { timestamp: 'required', channel: 'required' },
      'channel.wrapstarted.v1': { timestamp: 'required', channel: 'required' },
      'channel.ended.v0': { timestamp: 'required', channel: 'required', reason: 'required' },
      'channel.ended.v1': { timestamp: 'required', channel: 'required', reason: 'required' },
      'agent.presencechanged.v0': { timestamp: 'required', presence: 'required', user: 'required' },
      'agent.presencechanged.v1': { timestamp: 'required', presence: 'required', user: 'required' },
    };
    expect(Object.keys(data).sort()).toEqual(EVENT_TYPES.map((info) => info.type).sort());
    for (const info of EVENT_TYPES) {
      const properties = eventSchemaDocument(info)['properties'] as { data: Schema };
      expect(presenceOf(properties.data), info.type).toEqual(data[info.type]);
    }
  });
});

describe('TypeScript types agree with the schemas: presence', () => {
  it('the agent envelope and its constants', () => {
    const envelope: Presence<AgentNotification> = {
      specversion: 'required',
      type: 'required',
      id: 'required',
      source: 'required',
      subject: 'required',
      time: 'required',
      datacontenttype: 'required',
      data: 'required',
    };
    expect(presenceOf(AGENT_DEFS.agentEnvelope)).toEqual(envelope);
    const source: AgentNotification['source'] = '/agent';
    expect(AGENT_DEFS.agentEnvelope.properties.source.const).toBe(source);
  });

  it('data.presence, its category and data.user', () => {
    const presence: Presence<PresenceInfo> = {
      presenceId: 'required',
      category: 'required',
      description: 'required',
    };
    const category: Presence<PresenceCategory> = {
      type: 'required',
      description: 'required',
      subcategory: 'optional',
    };
    const user: Presence<PresenceUser> = { agentId: 'required', userId: 'required' };
    expect(presenceOf(AGENT_DEFS.presence)).toEqual(presence);
    expect(presenceOf(AGENT_DEFS.presence.properties.category)).toEqual(category);
    expect(presenceOf(AGENT_DEFS.user)).toEqual(user);
  });

  it('the categories, and every default state belongs to one', () => {
    const categories: Record<PresenceCategoryType, true> = {
      ready: true,
      away: true,
      extendedAway: true,
      loggedOut: true,
    };
    expect(AGENT_DEFS.presence.properties.category.properties.type.enum).toEqual(
      Object.keys(categories),
    );
    for (const state of Object.values(DEFAULT_PRESENCE_STATES)) {
      expect(PRESENCE_CATEGORIES).toContain(state.category);
    }
  });
});
