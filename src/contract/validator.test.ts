import { describe, expect, it } from 'vitest';
import seed from '../../test/fixtures/seed-channel-connected.v0.json' with { type: 'json' };
import {
  SAMPLE_PARTIES,
  sampleNotification,
  samplePresenceNotification,
} from '../../test/support/notifications.js';
import vccPresence from '../../test/fixtures/vcc-agent.presencechanged.v0.json' with { type: 'json' };
import { EVENT_TYPES, PARTY_ROLES, type ChannelEventType } from './catalogue.js';
import { encodeKsuid } from './ksuid.js';
import { validateNotification } from './validator.js';

type Mutable = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Mutation {
  breaks: string;
  /** Starts from a valid strict-mode channel.connected.v0 agent notification unless `from` says. */
  from?: () => Mutable;
  mutate: (notification: Mutable) => void;
  path: string;
  message?: RegExp;
  strict?: boolean;
}

const connected = () => sampleNotification('channel.connected.v0') as Mutable;
const ended = () => sampleNotification('channel.ended.v0', 'external') as Mutable;

/** Each mutation breaks exactly one rule of the contract, and must be reported at one path. */
const MUTATIONS: Mutation[] = [
  {
    breaks: 'specversion is not 1.0',
    mutate: (n) => (n.specversion = '0.3'),
    path: '/specversion',
    message: /must be "1.0"/,
  },
  {
    breaks: 'specversion is missing',
    mutate: (n) => delete n.specversion,
    path: '/specversion',
    message: /is required/,
  },
  {
    breaks: 'type is unknown',
    mutate: (n) => (n.type = 'channel.teleported.v0'),
    path: '/type',
    message: /not a known event type/,
  },
  {
    breaks: 'type has an unknown version',
    mutate: (n) => (n.type = 'channel.connected.v7'),
    path: '/type',
    message: /channel.connected exists as channel.connected.v0, channel.connected.v1/,
  },
  {
    breaks: 'type is not a channel type name',
    mutate: (n) => (n.type = 'Channel.Connected'),
    path: '/type',
    message: /channel event type/,
  },
  {
    breaks: 'type is a number',
    mutate: (n) => (n.type = 7),
    path: '/type',
    message: /must be a string \(got integer\)/,
  },
  {
    breaks: 'type is missing',
    mutate: (n) => delete n.type,
    path: '/type',
    message: /is required/,
  },
  {
    breaks: 'id is too short for a KSUID',
    mutate: (n) => (n.id = '2VejGqWZPqHXHVNcfUPUO8IASA'),
    path: '/id',
    message: /KSUID/,
  },
  {
    breaks: 'id has a character outside base62',
    mutate: (n) => (n.id = '2VejGqWZPqHXHVNcfUPUO8IAS-p'),
    path: '/id',
    message: /KSUID/,
  },
  {
    breaks: 'id overflows 160 bits',
    mutate: (n) => (n.id = 'zzzzzzzzzzzzzzzzzzzzzzzzzzz'),
    path: '/id',
    message: /exceeds 160 bits/,
  },
  {
    breaks: 'id is a number',
    mutate: (n) => (n.id = 12),
    path: '/id',
    message: /must be a string/,
  },
  { breaks: 'id is missing', mutate: (n) => delete n.id, path: '/id' },
  {
    breaks: 'source is not /channel',
    mutate: (n) => (n.source = '/agent'),
    path: '/source',
    message: /must be "\/channel"/,
  },
  {
    breaks: 'subject is not a GUID',
    mutate: (n) => (n.subject = 'channel-1'),
    path: '/subject',
    message: /GUID/,
  },
  {
    breaks: 'subject differs from channelId',
    mutate: (n) => (n.subject = '11111111-2222-3333-4444-555555555555'),
    path: '/subject',
    message: /must equal data.channel.channelId/,
  },
  {
    breaks: 'time is before data.timestamp',
    mutate: (n) => (n.time = '2022-08-30T14:34:36.0870000Z'),
    path: '/time',
    message: /is before data.timestamp/,
  },
  {
    breaks: 'time has an offset instead of Z',
    mutate: (n) => (n.time = '2022-08-30T15:34:36.6134321+01:00'),
    path: '/time',
    message: /UTC date-time/,
  },
  {
    breaks: 'time is not a calendar date',
    mutate: (n) => (n.time = '2022-02-30T14:34:36.6134321Z'),
    path: '/time',
    message: /UTC date-time/,
  },
  {
    breaks: 'time separates date and time with a space',
    mutate: (n) => (n.time = '2022-08-30 14:34:36.6134321Z'),
    path: '/time',
  },
  { breaks: 'time is missing', mutate: (n) => delete n.time, path: '/time' },
  {
    breaks: 'datacontenttype is not JSON',
    mutate: (n) => (n.datacontenttype = 'text/plain'),
    path: '/datacontenttype',
  },
  {
    breaks: 'data is missing',
    mutate: (n) => delete n.data,
    path: '/data',
    message: /is required/,
  },
  {
    breaks: 'data is an array',
    mutate: (n) => (n.data = []),
    path: '/data',
    message: /must be an object \(got array\)/,
  },
  {
    breaks: 'data.timestamp is missing',
    mutate: (n) => delete n.data.timestamp,
    path: '/data/timestamp',
  },
  {
    breaks: 'data.timestamp is not a date-time',
    mutate: (n) => (n.data.timestamp = 'yesterday'),
    path: '/data/timestamp',
    message: /UTC date-time/,
  },
  {
    breaks: 'data.timestamp has hour 24',
    mutate: (n) => (n.data.timestamp = '2022-08-30T24:34:36.088Z'),
    path: '/data/timestamp',
  },
  {
    breaks: 'data has an unknown field',
    mutate: (n) => (n.data.queue = 'sales'),
    path: '/data/queue',
    message: /not a known field \(allowed here: timestamp, channel\)/,
  },
  {
    breaks: 'data.channel is missing',
    mutate: (n) => delete n.data.channel,
    path: '/data/channel',
  },
  {
    breaks: 'conversationId is not a GUID',
    mutate: (n) => (n.data.channel.conversationId = '3e71f453116a3abc7769bc678ef6e080'),
    path: '/data/channel/conversationId',
    message: /GUID/,
  },
  {
    breaks: 'interactionId is missing',
    mutate: (n) => delete n.data.channel.interactionId,
    path: '/data/channel/interactionId',
  },
  {
    breaks: 'channelId is not a GUID',
    mutate: (n) => (n.data.channel.channelId = '740109c1-12d5-430f-9543-131fe5c4edcZ'),
    path: '/data/channel/channelId',
  },
  {
    breaks: 'party is missing',
    mutate: (n) => delete n.data.channel.party,
    path: '/data/channel/party',
  },
  {
    breaks: 'role is unknown',
    mutate: (n) => (n.data.channel.party.role = 'customer'),
    path: '/data/channel/party/role',
    message: /must be one of "external", "agent", "monitor", "voicemail" \(got "customer"\)/,
  },
  {
    breaks: 'role is missing',
    mutate: (n) => delete n.data.channel.party.role,
    path: '/data/channel/party/role',
  },
  {
    breaks: 'an agent has no agentId',
    mutate: (n) => delete n.data.channel.party.agentId,
    path: '/data/channel/party/agentId',
    message: /^required when role is "agent"$/,
  },
  {
    breaks: 'an agent has no userId',
    mutate: (n) => delete n.data.channel.party.userId,
    path: '/data/channel/party/userId',
    message: /required when role is "agent"/,
  },
  {
    breaks: 'a monitor has no agentId',
    from: () => sampleNotification('channel.connected.v0', 'monitor') as Mutable,
    mutate: (n) => delete n.data.channel.party.agentId,
    path: '/data/channel/party/agentId',
    message: /required when role is "monitor"/,
  },
  {
    breaks: 'a customer has an agentId',
    from: () => sampleNotification('channel.connected.v0', 'external') as Mutable,
    mutate: (n) => (n.data.channel.party.agentId = '1544'),
    path: '/data/channel/party/agentId',
    message: /only agent and monitor parties have an agentId \(role is "external"\)/,
  },
  {
    breaks: 'agentId is not numeric',
    mutate: (n) => (n.data.channel.party.agentId = 'A1544'),
    path: '/data/channel/party/agentId',
    message: /numeric string/,
  },
  {
    breaks: 'agentId is a number',
    mutate: (n) => (n.data.channel.party.agentId = 1544),
    path: '/data/channel/party/agentId',
    message: /must be a string/,
  },
  {
    breaks: 'userId is not a GUID',
    mutate: (n) => (n.data.channel.party.userId = 'ef71f453'),
    path: '/data/channel/party/userId',
  },
  {
    breaks: 'party has an unknown field',
    mutate: (n) => (n.data.channel.party.queueName = 'sales'),
    path: '/data/channel/party/queueName',
    message: /allowed here: role, agentId, userId/,
  },
  {
    breaks: 'channel has an unknown field',
    mutate: (n) => (n.data.channel.queueId = 'q1'),
    path: '/data/channel/queueId',
  },
  {
    breaks: 'an extension name has upper case',
    mutate: (n) => (n.traceParent = 'x'),
    path: '/traceParent',
    message: /CloudEvents attribute name/,
  },
  {
    breaks: 'an extension name has a hyphen',
    mutate: (n) => (n['trace-id'] = 'x'),
    path: '/trace-id',
    message: /CloudEvents attribute name/,
  },
  {
    breaks: 'an extension value is an object',
    mutate: (n) => (n.tenant = { id: 1 }),
    path: '/tenant',
    message: /string, boolean or integer \(got object\)/,
  },
  {
    breaks: 'an extension value is null',
    mutate: (n) => (n.tenant = null),
    path: '/tenant',
    message: /got null/,
  },
  {
    breaks: 'an extension value is a fraction',
    mutate: (n) => (n.weight = 0.5),
    path: '/weight',
    message: /got number/,
  },
  {
    breaks: 'an integer extension value exceeds 32 bits',
    mutate: (n) => (n.sequence = 2 ** 31),
    path: '/sequence',
    message: /32 bits/,
  },
  {
    breaks: 'channel.ended has no reason',
    from: ended,
    mutate: (n) => delete n.data.reason,
    path: '/data/reason',
    message: /is required/,
  },
  {
    breaks: 'channel.ended has an undocumented reason',
    from: ended,
    mutate: (n) => (n.data.reason = 'timeout'),
    path: '/data/reason',
    message: /must be one of "released"/,
  },
  {
    breaks: 'channel.connected has a reason',
    mutate: (n) => (n.data.reason = 'released'),
    path: '/data/reason',
    message: /not a known field/,
  },
  {
    breaks: 'the KSUID second differs from time (strict)',
    strict: true,
    mutate: (n) => (n.id = encodeKsuid(1661870075, new Uint8Array(16))),
    path: '/id',
    message:
      /was minted at 2022-08-30T14:34:35Z, not in the second of time \(2022-08-30T14:34:36Z\)/,
  },
  {
    breaks: 'time has 3 fractional digits (strict)',
    strict: true,
    mutate: (n) => (n.time = '2022-08-30T14:34:36.613Z'),
    path: '/time',
    message: /7 fractional digits/,
  },
  {
    breaks: 'data.timestamp has 7 fractional digits (strict)',
    strict: true,
    mutate: (n) => (n.data.timestamp = '2022-08-30T14:34:36.0880000Z'),
    path: '/data/timestamp',
    message: /3 fractional digits/,
  },
];

describe('validateNotification', () => {
  it('accepts the seed’s own example notification', () => {
    expect(validateNotification(seed)).toEqual({ valid: true });
  });

  it('rejects the seed’s example only in strict mode, whose id was minted in 2023', () => {
    expect(validateNotification(seed, { strict: true })).toEqual({
      valid: false,
      errors: [
        {
          path: '/id',
          message:
            'was minted at 2023-09-20T09:49:06Z, not in the second of time (2022-08-30T14:34:36Z) [strict]',
        },
      ],
    });
  });

  it.each(
    EVENT_TYPES.filter((info) => info.entity === 'channel').flatMap((info) =>
      PARTY_ROLES.map((role) => [info.type as ChannelEventType, role] as const),
    ),
  )('accepts %s for a party with role %s, in strict mode too', (type, role) => {
    expect(validateNotification(sampleNotification(type, role), { strict: true })).toEqual({
      valid: true,
    });
  });

  it('accepts a userId on a customer party, which VCC’s docs do not forbid', () => {
    const notification = sampleNotification('channel.connected.v0', 'external') as Mutable;
    notification.data.channel.party.userId =
      SAMPLE_PARTIES.agent.role === 'agent' ? SAMPLE_PARTIES.agent.userId : '';
    expect(validateNotification(notification)).toEqual({ valid: true });
  });

  it('accepts CloudEvents extension attributes with scalar values', () => {
    const notification = {
      ...sampleNotification('channel.alerted.v1'),
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      partition: 3,
      replayed: false,
      tenant2: 'acme',
    };
    expect(validateNotification(notification)).toEqual({ valid: true });
  });

  it('accepts GUIDs of any version and case, and time without a fraction or with 9 digits', () => {
    const notification = sampleNotification('channel.held.v0') as Mutable;
    notification.data.channel.conversationId = '3E71F453-116A-3ABC-7769-BC678EF6E080';
    notification.time = '2022-08-30T14:34:37Z';
    expect(validateNotification(notification)).toEqual({ valid: true });
    notification.time = '2022-08-30T14:34:36.613432100Z';
    expect(validateNotification(notification)).toEqual({ valid: true });
  });

  it('never throws, whatever it is given', () => {
    for (const value of [
      undefined,
      null,
      0,
      'x',
      1n,
      Symbol('s'),
      [],
      [seed],
      () => 1,
      new Date(0),
    ]) {
      const result = validateNotification(value);
      expect(result.valid).toBe(false);
    }
    expect(validateNotification([seed])).toEqual({
      valid: false,
      errors: [{ path: '', message: 'must be a JSON object (a CloudEvent) (got an array)' }],
    });
  });

  it('reports every problem of a notification that breaks many rules', () => {
    const notification = connected();
    delete notification.data.channel.party.agentId;
    notification.subject = 'x';
    notification.Tenant = 1;
    const result = validateNotification(notification);
    expect(result.valid).toBe(false);
    expect(result.valid ? [] : result.errors.map((error) => error.path).sort()).toEqual([
      '/Tenant',
      '/data/channel/party/agentId',
      '/subject',
    ]);
  });

  it(`has a corpus of ${MUTATIONS.length} distinct single-rule mutations`, () => {
    expect(MUTATIONS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(MUTATIONS.map((mutation) => mutation.breaks)).size).toBe(MUTATIONS.length);
  });

  it.each(MUTATIONS)('rejects a notification where $breaks, at $path', (mutation) => {
    const notification = (mutation.from ?? connected)();
    expect(validateNotification(notification, { strict: true })).toEqual({ valid: true });
    mutation.mutate(notification);
    const result = validateNotification(notification, { strict: mutation.strict === true });
    if (result.valid) expect.fail('the mutation was accepted');
    expect(result.errors.map((error) => error.path)).toEqual([mutation.path]);
    if (mutation.message) expect(result.errors[0]!.message).toMatch(mutation.message);
    if (mutation.strict) expect(validateNotification(notification)).toEqual({ valid: true });
  });
});

describe('validateNotification: agent presence', () => {
  it('accepts VCC’s own agent.presencechanged.v0 example (its missing comma restored), strict too', () => {
    expect(validateNotification(vccPresence)).toEqual({ valid: true });
    expect(validateNotification(vccPresence, { strict: true })).toEqual({ valid: true });
  });

  it('accepts the v1 of the same notification', () => {
    expect(validateNotification(samplePresenceNotification('agent.presencechanged.v1'))).toEqual({
      valid: true,
    });
  });

  it('accepts a state without a subcategory, and a custom state of an admin', () => {
    const notification = samplePresenceNotification();
    notification.data.presence = {
      presenceId: '1e2d3c4b-5a69-4788-9766-554433221100',
      category: { type: 'extendedAway', description: 'Extended away' },
      description: 'Training',
    };
    expect(validateNotification(notification)).toEqual({ valid: true });
  });

  it('requires subject to equal data.user.agentId', () => {
    const notification = samplePresenceNotification();
    notification.subject = '2';
    expect(validateNotification(notification)).toEqual({
      valid: false,
      errors: [{ path: '/subject', message: 'must equal data.user.agentId "1" (got "2")' }],
    });
  });

  it('requires the /agent source, a known category and the user’s GUID', () => {
    const notification = samplePresenceNotification() as Mutable;
    notification.source = '/channel';
    notification.data.presence.category.type = 'lunch';
    notification.data.user.userId = 'nobody';
    const result = validateNotification(notification);
    expect(result.valid).toBe(false);
    const paths = result.valid ? [] : result.errors.map((error) => error.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/source', '/data/presence/category/type', '/data/user/userId']),
    );
  });

  it('reports a missing presence and user, each by name', () => {
    const notification = samplePresenceNotification() as Mutable;
    delete notification.data.presence;
    delete notification.data.user;
    const result = validateNotification(notification);
    const paths = result.valid ? [] : result.errors.map((error) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['/data/presence', '/data/user']));
  });

  it('holds data.timestamp to 7 fractional digits in strict mode, as VCC’s example writes it', () => {
    const notification = samplePresenceNotification();
    notification.data.timestamp = '2023-09-20T09:49:05.946Z';
    expect(validateNotification(notification)).toEqual({ valid: true });
    expect(validateNotification(notification, { strict: true })).toEqual({
      valid: false,
      errors: [
        {
          path: '/data/timestamp',
          message:
            'must have 7 fractional digits, as VCC sends (got "2023-09-20T09:49:05.946Z") [strict]',
        },
      ],
    });
  });

  it('checks an unknown agent event type against the agent envelope and names the known ones', () => {
    const notification = { ...samplePresenceNotification(), type: 'agent.statechanged.v0' };
    const result = validateNotification(notification);
    expect(result.valid).toBe(false);
    const errors = result.valid ? [] : result.errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe('/type');
    expect(errors[0]!.message).toContain('agent.presencechanged');
  });
});
