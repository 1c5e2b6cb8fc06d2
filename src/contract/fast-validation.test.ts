import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AGENT_ROLES,
  EVENT_TYPES,
  PARTY_ROLES,
  eventTypeInfo,
  type EventTypeInfo,
} from './catalogue.js';
import { isPlainlyValid } from './fast-validation.js';
import { encodeKsuid } from './ksuid.js';
import { DEFAULT_PRESENCE_STATES, presenceData } from './presence.js';
import { formatMillis } from './utc-time.js';
import { explain, validateNotification } from './validator.js';

/**
 * The deciding pass is hand-written for speed; the explaining pass is the schemas compiled by ajv.
 * They must agree on every notification: valid ones (random ids, times and parties of every type
 * of the catalogue), and the same after one random mutation (a value replaced by a near miss or
 * any JSON, a field removed, a field added), in default and strict mode.
 */

type Json = Record<string, unknown>;

const hex = (length: number) =>
  fc.string({
    unit: fc.constantFrom(...'0123456789abcdefABCDEF'),
    minLength: length,
    maxLength: length,
  });
const guid = fc.tuple(hex(8), hex(4), hex(4), hex(4), hex(12)).map((parts) => parts.join('-'));
const agentId = fc.integer({ min: 0, max: 99_999 }).map(String);
/** Milliseconds within a few years, so that calendar edges (month ends, leap days) come up. */
const millis = fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2028, 11, 31) });

/** `YYYY-MM-DDTHH:MM:SS` plus `digits` fractional digits (0 means none). */
function utc(ms: number, extraTicks: number, digits: number): string {
  const base = formatMillis(ms); // …SS.mmmZ
  const fraction = `${base.slice(20, 23)}${String(extraTicks).padStart(6, '0')}`.slice(0, digits);
  return `${base.slice(0, 19)}${digits === 0 ? '' : `.${fraction}`}Z`;
}

interface Draw {
  info: EventTypeInfo;
  role: (typeof PARTY_ROLES)[number];
  eventMs: number;
  lagMs: number;
  ticks: number;
  timeDigits: number;
  stampDigits: number;
  ids: string[];
  agentId: string;
  payload: Uint8Array;
  mintSkew: number;
  userOnCustomer: boolean;
  presence: keyof typeof DEFAULT_PRESENCE_STATES;
  v1TimeIsEvent: boolean;
}

const draws: fc.Arbitrary<Draw> = fc.record({
  info: fc.constantFrom(...EVENT_TYPES),
  role: fc.constantFrom(...PARTY_ROLES),
  eventMs: millis,
  lagMs: fc.integer({ min: 0, max: 3_000 }),
  ticks: fc.integer({ min: 0, max: 999_999 }),
  // `time` never truncates below `data.timestamp`'s milliseconds, so the draw stays valid.
  timeDigits: fc.constantFrom(7, 7, 7, 9),
  stampDigits: fc.constantFrom(3, 7, 3, 0),
  ids: fc.array(guid, { minLength: 5, maxLength: 5 }),
  agentId,
  payload: fc.uint8Array({ minLength: 16, maxLength: 16 }),
  mintSkew: fc.constantFrom(0, 0, 0, -1, 1),
  userOnCustomer: fc.boolean(),
  presence: fc.constantFrom(
    ...(Object.keys(DEFAULT_PRESENCE_STATES) as (keyof typeof DEFAULT_PRESENCE_STATES)[]),
  ),
  v1TimeIsEvent: fc.boolean(),
});

/** A notification built from a draw: valid by default, and mostly valid in strict mode too. */
function build(draw: Draw): Json {
  const { info } = draw;
  const agent = info.entity === 'agent';
  const sentMs = info.version >= 1 && draw.v1TimeIsEvent ? draw.eventMs : draw.eventMs + draw.lagMs;
  const time = utc(
    sentMs,
    info.version >= 1 && draw.v1TimeIsEvent ? 0 : draw.ticks,
    draw.timeDigits,
  );
  const timestamp = utc(draw.eventMs, 0, agent ? 7 : draw.stampDigits);
  const mintedSecond = Math.floor((draw.eventMs + draw.lagMs) / 1000) + draw.mintSkew;
  const [conversationId, interactionId, channelId, userId, presenceId] = draw.ids as [
    string,
    string,
    string,
    string,
    string,
  ];
  const identified = (AGENT_ROLES as readonly string[]).includes(draw.role);
  const data: Json = agent
    ? {
        timestamp,
        presence: { ...presenceData(DEFAULT_PRESENCE_STATES[draw.presence]), presenceId },
        user: { agentId: draw.agentId, userId },
      }
    : {
        timestamp,
        channel: {
          conversationId,
          interactionId,
          channelId,
          party: identified
            ? { role: draw.role, agentId: draw.agentId, userId }
            : draw.userOnCustomer
              ? { role: draw.role, userId }
              : { role: draw.role },
        },
        ...(info.reasons ? { reason: info.reasons[0] } : {}),
      };
  return {
    specversion: '1.0',
    type: info.type,
    id: encodeKsuid(mintedSecond, draw.payload),
    source: info.source,
    subject: agent ? draw.agentId : channelId,
    time,
    datacontenttype: 'application/json',
    data,
  };
}

/** Every path to a value in a notification, as keys. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  return [
    prefix,
    ...Object.entries(value).flatMap(([key, child]) => paths(child, [...prefix, key])),
  ];
}

/** Values that are almost right somewhere: the edges of each format. */
const nearMisses = fc.constantFrom<unknown>(
  '',
  '1',
  '01',
  '1a',
  ' 1',
  '1.0',
  '/channel',
  '/agent',
  'application/json',
  'released',
  'agent',
  'monitor',
  'external',
  'voicemail',
  'ready',
  'awayy',
  'channel.connected.v0',
  'channel.ended.v1',
  'agent.presencechanged.v1',
  'channel.nothing.v0',
  '3e71f453-116a-3abc-7769-bc678ef6e080',
  '3E71F453-116A-3ABC-7769-BC678EF6E080',
  '3e71f453-116a-3abc-7769-bc678ef6e08',
  '3e71f453_116a-3abc-7769-bc678ef6e080',
  '3e71f453-116a-3abc-7769-bc678ef6e08g',
  '2VejGqWZPqHXHVNcfUPUO8IASAp',
  'aWgEPTl1tmebfsQzFP4bxwgy80V',
  'aWgEPTl1tmebfsQzFP4bxwgy80W',
  '2VejGqWZPqHXHVNcfUPUO8IASA',
  '2VejGqWZPqHXHVNcfUPUO8IASA-',
  '2024-02-29T12:00:00.000Z',
  '2023-02-29T12:00:00.000Z',
  '2024-04-31T12:00:00.000Z',
  '2024-12-31T23:59:60.000Z',
  '2024-12-31T22:59:60.000Z',
  '2024-12-31T24:00:00.000Z',
  '2024-12-31T23:59:59Z',
  '2024-12-31T23:59:59.Z',
  '2024-12-31T23:59:59.1234567890Z',
  '2024-12-31t23:59:59.123Z',
  '2024-12-31T23:59:59.123z',
  '2024-12-31T23:59:59.123+00:00',
  '2024-1-31T23:59:59.123Z',
  '2022-08-30T14:34:36.6134321Z',
  '2022-08-30T14:34:36.088Z',
  0,
  1,
  -1,
  2_147_483_648,
  1.5,
  true,
  null,
  [],
  {},
);

type Mutation =
  | { kind: 'set'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'add'; at: number; key: string; value: unknown };

const mutations: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('set' as const),
    at: fc.nat(),
    value: fc.oneof(nearMisses, fc.jsonValue({ maxDepth: 2 })),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('add' as const),
    at: fc.nat(),
    key: fc.constantFrom('queue', 'tenant', 'reason', 'agentId', 'userId', 'Tenant', 'x-y', 'role'),
    value: fc.oneof(nearMisses, fc.jsonValue({ maxDepth: 1 })),
  }),
);

function mutate(notification: Json, mutation: Mutation): void {
  const all = paths(notification);
  const path = all[mutation.at % all.length]!;
  if (mutation.kind === 'add') {
    const objects = all.filter((candidate) => {
      const value = candidate.reduce<unknown>((node, key) => (node as Json)[key], notification);
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    });
    const target = objects[mutation.at % objects.length]!.reduce<unknown>(
      (node, key) => (node as Json)[key],
      notification,
    ) as Json;
    target[mutation.key] = mutation.value;
    return;
  }
  if (path.length === 0) return;
  const parent = path
    .slice(0, -1)
    .reduce<unknown>((node, key) => (node as Json)[key], notification) as Json;
  const key = path.at(-1)!;
  if (mutation.kind === 'delete') delete parent[key];
  else parent[key] = structuredClone(mutation.value);
}

/** What the explaining pass says, in the deciding pass's terms. */
function explainedPlain(notification: Json, info: EventTypeInfo, strict: boolean): boolean {
  const result = explain(notification, info, strict);
  return result.valid && result.warnings.length === 0;
}

describe('the deciding pass agrees with the compiled schemas', () => {
  it('on valid notifications of every type, in default and strict mode', () => {
    fc.assert(
      fc.property(draws, (draw) => {
        const notification = build(draw);
        expect(isPlainlyValid(notification, draw.info, false)).toBe(true);
        expect(explainedPlain(notification, draw.info, false)).toBe(true);
        expect(isPlainlyValid(notification, draw.info, true)).toBe(
          explainedPlain(notification, draw.info, true),
        );
      }),
      { numRuns: 3_000 },
    );
  });

  it('on mutated notifications of every type, in default and strict mode', () => {
    fc.assert(
      fc.property(draws, mutations, fc.boolean(), (draw, mutation, strict) => {
        const notification = build(draw);
        mutate(notification, mutation);
        // As validateNotification does: the catalogue entry of the type it now has, if any.
        const type = notification['type'];
        const info = typeof type === 'string' ? eventTypeInfo(type) : undefined;
        if (info) {
          expect(isPlainlyValid(notification, info, strict)).toBe(
            explainedPlain(notification, info, strict),
          );
        }
        // And the public verdict is the explaining pass's.
        const result = validateNotification(notification, { strict });
        expect(result).toEqual(explain(notification, info, strict));
      }),
      { numRuns: 8_000 },
    );
  });

  it('accepts what every default presence state makes, strictly', () => {
    const info = EVENT_TYPES.find((candidate) => candidate.entity === 'agent')!;
    for (const state of Object.values(DEFAULT_PRESENCE_STATES)) {
      const notification = build({
        info,
        role: 'agent',
        eventMs: Date.UTC(2026, 0, 5, 9),
        lagMs: 500,
        ticks: 0,
        timeDigits: 7,
        stampDigits: 7,
        ids: ['', '', '', 'e56a3bb6-1881-46cc-9e26-0191c7b1187f', state.presenceId],
        agentId: '1',
        payload: new Uint8Array(16),
        mintSkew: 0,
        userOnCustomer: false,
        presence: 'ready',
        v1TimeIsEvent: false,
      });
      (notification['data'] as Json)['presence'] = presenceData(state);
      expect(validateNotification(notification, { strict: true })).toEqual({
        valid: true,
        warnings: [],
      });
    }
  });
});
