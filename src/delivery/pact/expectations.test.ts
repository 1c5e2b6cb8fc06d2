import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, PARTY_ROLES } from '../../contract/index.js';
import { readExpectedBody } from './expectations.js';
import { notificationBody } from './notification-body.js';
import { splitTemplate } from './pact-file.js';
import type { NotificationBodyOptions } from './types.js';
import type { EventType } from '../../contract/index.js';

function read(type: EventType, options: NotificationBodyOptions = {}) {
  const { content, rules } = splitTemplate(notificationBody(type, options));
  return readExpectedBody(content, rules);
}

describe('readExpectedBody', () => {
  it('finds nothing wrong with vcc-sim’s own bodies, for every type and role', () => {
    for (const info of EVENT_TYPES.filter((type) => type.entity === 'channel')) {
      for (const role of PARTY_ROLES) {
        expect(read(info.type, { role })).toEqual({ type: info.type, role, problems: [] });
      }
    }
  });

  it('finds nothing wrong with vcc-sim’s own presence bodies, which have no party role', () => {
    for (const info of EVENT_TYPES.filter((type) => type.entity === 'agent')) {
      expect(read(info.type)).toEqual({ type: info.type, problems: [] });
    }
  });

  it('explains presence expectations VCC cannot meet: a category it does not have, a party', () => {
    const reading = read('agent.presencechanged.v1', {
      extend: {
        data: {
          presence: { category: { type: 'busy' } },
          channel: { channelId: '740109c1-12d5-430f-9543-131fe5c4edcb' },
        },
      },
    });
    expect(reading.problems).toEqual([
      'the consumer expects `data.presence.category.type` to be "busy", which VCC never sends there (it sends "ready", "away", "extendedAway", "loggedOut")',
      'the consumer expects `data.channel`, which agent.presencechanged.v1 does not have (`data` has `timestamp`, `presence`, `user`)',
    ]);
  });

  it('names a field the type does not have', () => {
    const reading = read('channel.connected.v0', {
      extend: { data: { channel: { party: { queueName: 'sales' } } } },
    });
    expect(reading.problems).toEqual([
      'the consumer expects `data.channel.party.queueName`, which channel.connected.v0 does not have (`data.channel.party` has `role`, `agentId`, `userId`)',
    ]);
  });

  it('names a reason on a type without one, and an extension attribute VCC does not send', () => {
    expect(
      read('channel.disconnected.v0', { extend: { data: { reason: 'released' } } }).problems,
    ).toEqual([
      'the consumer expects `data.reason`, which channel.disconnected.v0 does not have (`data` has `timestamp`, `channel`)',
    ]);
    expect(read('channel.held.v0', { extend: { traceparent: 'x' } }).problems).toEqual([
      'the consumer expects `traceparent`, a CloudEvents extension attribute VCC does not send',
    ]);
  });

  it('explains values of the wrong kind and literals no notification can repeat', () => {
    const reading = read('channel.connected.v0', {
      extend: {
        id: '2VejGqWZPqHXHVNcfUPUO8IASAp',
        source: '/agent',
        data: { channel: { party: { agentId: 1544 } } },
      },
    });
    expect(reading.problems).toEqual([
      'the consumer expects `id` to be exactly "2VejGqWZPqHXHVNcfUPUO8IASAp", but every notification has a new KSUID: match it with a regex (vcc-sim/pact\'s notificationBody does)',
      'the consumer expects `source` to be "/agent", but channel.connected.v0 always has "/channel"',
      'the consumer expects `data.channel.party.agentId` to be a number (1544), but channel.connected.v0 has a string there',
    ]);
  });

  it('lets a type matcher stand for every value beneath it', () => {
    const { content } = splitTemplate(notificationBody('channel.connected.v0'));
    const rules = { '$.data': [{ match: 'type' }] };
    const reading = readExpectedBody(content, rules);
    // id, subject and time are literals outside the type matcher; everything under data is fine.
    expect(reading.problems.map((problem) => problem.split(' ')[3])).toEqual([
      '`id`',
      '`subject`',
      '`time`',
    ]);
  });

  it('refuses roles VCC never sends, by literal or by a regex none of them matches', () => {
    const literal = read('channel.connected.v0', {
      extend: { data: { channel: { party: { role: 'supervisor' } } } },
    });
    expect(literal.problems).toContain(
      'the consumer expects `data.channel.party.role` to be "supervisor", which VCC never sends there (it sends "external", "agent", "monitor", "voicemail")',
    );
    const pattern = read('channel.connected.v0', {
      extend: {
        data: {
          channel: {
            party: {
              role: { 'pact:matcher:type': 'regex', regex: '^sup.*$', value: 'supervisor' },
            },
          },
        },
      },
    });
    expect(pattern.problems[0]).toMatch(
      /to match \^sup\.\*\$, which no value VCC sends there does/,
    );
  });

  it('refuses an agentId on parties VCC does not identify', () => {
    const reading = read('channel.ended.v0', {
      role: 'external',
      extend: {
        data: {
          channel: {
            party: { agentId: { 'pact:matcher:type': 'regex', regex: '^[0-9]+$', value: '1' } },
          },
        },
      },
    });
    expect(reading.problems).toEqual([
      'the consumer expects `data.channel.party.agentId` for an external party, but VCC sends an agentId only for agent and monitor parties',
    ]);
  });

  it('says when it cannot tell the type, or the type does not exist', () => {
    expect(readExpectedBody({ data: {} }, {}).problems).toEqual([
      'the expected body has no `type`, so vcc-sim cannot tell which notification to send',
    ]);
    expect(readExpectedBody({ type: 'channel.ended.v2' }, {}).problems).toEqual([
      'the consumer expects a channel.ended.v2 notification, which VCC does not send (channel.ended exists as channel.ended.v0, channel.ended.v1)',
    ]);
    expect(readExpectedBody('hello', {}, 'text/plain').problems[0]).toBe(
      'the consumer expects a text/plain message, but VCC notifications are JSON (CloudEvents)',
    );
  });
});
