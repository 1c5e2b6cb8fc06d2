import { describe, expect, it } from 'vitest';
import {
  EVENT_TYPES,
  PARTY_ROLES,
  validateNotification,
  type ChannelEventType,
} from '../../contract/index.js';
import { PATTERNS, enumPattern, regex } from './matchers.js';
import { notificationBody, notificationExample, reify } from './notification-body.js';

/** A loosely typed view of a body or example, for reaching into it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

const matches = (pattern: string, value: string) => new RegExp(pattern).test(value);

describe('notificationExample', () => {
  it.each(
    EVENT_TYPES.filter((info) => info.entity === 'channel').flatMap((info) =>
      PARTY_ROLES.map((role) => [info.type as ChannelEventType, role] as const),
    ),
  )('is a strictly valid %s about a %s party', (type, role) => {
    const example = notificationExample(type, { role });
    expect(validateNotification(example, { strict: true })).toEqual({ valid: true, warnings: [] });
    expect(example.type).toBe(type);
    expect(example.data.channel.party.role).toBe(role);
  });
});

describe('notificationExample of an agent event', () => {
  it.each(['agent.presencechanged.v0', 'agent.presencechanged.v1'] as const)(
    'is a strictly valid %s, about an agent and no party',
    (type) => {
      const example = notificationExample(type);
      expect(validateNotification(example, { strict: true })).toEqual({
        valid: true,
        warnings: [],
      });
      expect(example).toMatchObject({ type, source: '/agent', subject: '1' });
      expect(example.data.user.agentId).toBe(example.subject);
      expect(example.data.timestamp).toMatch(new RegExp(PATTERNS.presenceTimestamp));
    },
  );
});

describe('time, per version', () => {
  it('is when the notification was sent on v0, the instant of data.timestamp on v1', () => {
    const v0 = notificationExample('channel.retrieved.v0');
    const v1 = notificationExample('channel.retrieved.v1');
    expect(v0.time).toBe('2022-08-30T14:34:36.6134321Z');
    expect(v1.time).toBe('2022-08-30T14:34:36.0880000Z');
    expect(Date.parse(v1.time)).toBe(Date.parse(v1.data.timestamp));
    const presence = notificationExample('agent.presencechanged.v1');
    expect(presence.time).toBe(presence.data.timestamp);
    expect(notificationExample('agent.presencechanged.v0').time).toBe(
      '2023-09-20T09:49:06.6134321Z',
    );
  });
});

describe('notificationBody of an agent event', () => {
  it('matches ids, times, the category and the descriptions, and leaves out the subcategory', () => {
    const body = notificationBody('agent.presencechanged.v1');
    expect(body).toMatchObject({
      specversion: '1.0',
      type: 'agent.presencechanged.v1',
      source: '/agent',
      datacontenttype: 'application/json',
      id: { regex: PATTERNS.ksuid },
      subject: { regex: PATTERNS.agentId, value: '1' },
      time: { regex: PATTERNS.time },
      data: {
        timestamp: { regex: PATTERNS.presenceTimestamp },
        presence: {
          presenceId: { regex: PATTERNS.guid },
          category: {
            type: { regex: '^(ready|away|extendedAway|loggedOut)$', value: 'ready' },
            description: { 'pact:matcher:type': 'type', value: 'Ready' },
          },
          description: { 'pact:matcher:type': 'type', value: 'Ready' },
        },
        user: { agentId: { regex: PATTERNS.agentId }, userId: { regex: PATTERNS.guid } },
      },
    });
    expect((body.data as Loose).presence.category).not.toHaveProperty('subcategory');
    const extended = notificationBody('agent.presencechanged.v1', {
      extend: { data: { presence: { category: { subcategory: 'readyOutbound' } } } },
    });
    expect((reify(extended) as Loose).data.presence.category.subcategory).toBe('readyOutbound');
  });

  it('refuses a party role: presence is about an agent, not a channel party', () => {
    expect(() => notificationBody('agent.presencechanged.v0', { role: 'agent' })).toThrow(
      'agent.presencechanged.v0 is about an agent, not a channel party',
    );
  });
});

describe('notificationBody', () => {
  it('matches every value that differs between notifications by regex, and constants exactly', () => {
    const body = notificationBody('channel.connected.v0', { role: 'agent' });
    expect(body).toMatchObject({
      specversion: '1.0',
      type: 'channel.connected.v0',
      source: '/channel',
      datacontenttype: 'application/json',
      id: { 'pact:matcher:type': 'regex', regex: PATTERNS.ksuid },
      subject: { 'pact:matcher:type': 'regex', regex: PATTERNS.guid },
      time: { 'pact:matcher:type': 'regex', regex: PATTERNS.time },
      data: {
        timestamp: { 'pact:matcher:type': 'regex', regex: PATTERNS.timestamp },
        channel: {
          conversationId: { regex: PATTERNS.guid },
          interactionId: { regex: PATTERNS.guid },
          channelId: { regex: PATTERNS.guid },
          party: {
            role: { regex: '^(agent)$', value: 'agent' },
            agentId: { regex: PATTERNS.agentId, value: '1544' },
            userId: { regex: PATTERNS.guid },
          },
        },
      },
    });
    expect(Object.keys(body)).toEqual([
      'specversion',
      'type',
      'id',
      'source',
      'subject',
      'time',
      'datacontenttype',
      'data',
    ]);
  });

  it('gives external and voicemail parties no agentId or userId', () => {
    for (const role of ['external', 'voicemail'] as const) {
      const party = (reify(notificationBody('channel.ended.v0', { role })) as Loose).data.channel
        .party;
      expect(party).toEqual({ role });
    }
  });

  it('carries reason as an enum only where the type has one', () => {
    expect(notificationBody('channel.ended.v0').data).toMatchObject({
      reason: { 'pact:matcher:type': 'regex', regex: '^(released)$', value: 'released' },
    });
    expect(notificationBody('channel.connectionfailed.v0').data).toHaveProperty('reason');
    expect(notificationBody('channel.disconnected.v0').data).not.toHaveProperty('reason');
  });

  it('matches any of several accepted roles', () => {
    const body = notificationBody('channel.connected.v0', {
      role: 'monitor',
      roles: ['agent', 'monitor'],
    });
    expect((body.data as Loose).channel.party.role).toEqual({
      'pact:matcher:type': 'regex',
      regex: '^(agent|monitor)$',
      value: 'monitor',
    });
  });

  it('omits fields by dotted path and extends with values or matchers', () => {
    const body = notificationBody('channel.connected.v0', {
      omit: ['data.timestamp', 'data.channel.party.userId'],
      extend: { data: { channel: { party: { agentId: '1544' } } }, partition: 'x' },
    });
    const example = reify(body) as Loose;
    expect(example.data).not.toHaveProperty('timestamp');
    expect(example.data.channel.party).toEqual({ role: 'agent', agentId: '1544' });
    expect((body.data as Loose).channel.party.agentId).toBe('1544');
    expect(example.partition).toBe('x');
  });

  it('refuses unknown paths, omitting type, unknown roles and unknown types', () => {
    expect(() => notificationBody('channel.held.v0', { omit: ['data.queue'] })).toThrow(
      'Cannot omit "data.queue": channel.held.v0 has no such field.',
    );
    expect(() => notificationBody('channel.held.v0', { omit: ['type'] })).toThrow(
      'Cannot omit "type"',
    );
    expect(() => notificationBody('channel.held.v0', { role: 'supervisor' as never })).toThrow(
      'The role "supervisor" is not a party role; VCC sends external, agent, monitor, voicemail.',
    );
    expect(() =>
      notificationBody('channel.held.v0', { role: 'agent', roles: ['external'] }),
    ).toThrow('is not among the accepted roles');
    expect(() => notificationBody('channel.queued.v0' as never)).toThrow(
      'is not an event type VCC sends',
    );
  });
});

describe('patterns', () => {
  it('accept VCC’s time with 7 fractional digits and its timestamp with 3, and nothing else', () => {
    expect(matches(PATTERNS.time, '2022-08-30T14:34:36.6134321Z')).toBe(true);
    expect(matches(PATTERNS.time, '2022-08-30T14:34:36.613Z')).toBe(false);
    expect(matches(PATTERNS.timestamp, '2022-08-30T14:34:36.088Z')).toBe(true);
    expect(matches(PATTERNS.timestamp, '2022-08-30T14:34:36.6134321Z')).toBe(false);
    expect(matches(PATTERNS.presenceTimestamp, '2023-09-20T09:49:05.9464952Z')).toBe(true);
    expect(matches(PATTERNS.presenceTimestamp, '2023-09-20T09:49:05.946Z')).toBe(false);
  });

  it('accept VCC’s non-v4 GUIDs in either case, and KSUIDs', () => {
    expect(matches(PATTERNS.guid, '3e71f453-116a-3abc-7769-bc678ef6e080')).toBe(true);
    expect(matches(PATTERNS.guid, '3E71F453-116A-3ABC-7769-BC678EF6E080')).toBe(true);
    expect(matches(PATTERNS.guid, '3e71f453116a3abc7769bc678ef6e080')).toBe(false);
    expect(matches(PATTERNS.ksuid, '2VejGqWZPqHXHVNcfUPUO8IASAp')).toBe(true);
    expect(matches(PATTERNS.ksuid, '2VejGqWZPqHXHVNcfUPUO8IASA')).toBe(false);
  });

  it('escape enum values and refuse examples their own pattern rejects', () => {
    expect(enumPattern(['a.b', 'c|d'])).toBe('^(a\\.b|c\\|d)$');
    expect(() => regex(PATTERNS.time, '2022-08-30T14:34:36Z')).toThrow(
      'does not match its own pattern',
    );
  });
});
