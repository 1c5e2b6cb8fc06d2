import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_SCENARIOS,
  StatisticsCollector,
  builtInScenario,
  compareUtc,
  simulate,
  simulateJson,
  simulateNdjson,
  validateNotification,
  type ChannelNotification,
} from '../src/index.js';
import { percentile } from '../src/engine/statistics.js';

/**
 * Properties every run must have, checked over large runs (well over 100,000 notifications across
 * several seeds) of the scenario that mixes every flow. The lifecycle grammar below is written out
 * independently of the engine's own table, so a bug in that table would be caught here.
 */
const SEEDS = [1, 2, 3];
const runs = SEEDS.map((seed) => ({
  seed,
  notifications: [
    ...simulate(builtInScenario('contact-centre-day'), { seed, events: 'channel.*' }),
  ].filter(
    (notification): notification is ChannelNotification => notification.source === '/channel',
  ),
}));

/** A channel's v0 events, one letter each, must spell a word of this language. */
const LETTER: Record<string, string> = {
  alerted: 'A',
  connected: 'C',
  connectionfailed: 'F',
  held: 'H',
  retrieved: 'R',
  parked: 'P',
  unparked: 'U',
  interrupted: 'I',
  resumed: 'M',
  disconnected: 'D',
  wrapstarted: 'W',
  ended: 'E',
};
const AGENT_PATH = /^A(C(HR|PU|IM)*DWE|FE)$/;
const OTHER_PATH = /^A(C(HR|PU|IM)*DE|FE)$/;

function eventName(notification: ChannelNotification): string {
  return notification.type.split('.')[1]!;
}

function byChannel(notifications: readonly ChannelNotification[]) {
  const channels = new Map<string, ChannelNotification[]>();
  for (const notification of notifications) {
    if (!notification.type.endsWith('.v0')) continue;
    const list = channels.get(notification.subject) ?? [];
    list.push(notification);
    channels.set(notification.subject, list);
  }
  return channels;
}

describe('every run of the engine', () => {
  it('is large enough to mean something', () => {
    expect(runs.reduce((sum, run) => sum + run.notifications.length, 0)).toBeGreaterThan(100_000);
  });

  it.each(SEEDS)('seed %i: every notification validates in strict mode', (seed) => {
    const invalid = runs[seed - 1]!.notifications.filter(
      (notification) => !validateNotification(notification, { strict: true }).valid,
    );
    expect(invalid).toEqual([]);
  });

  it.each(SEEDS)('seed %i: is ordered by time (v0: when sent), with unique ids', (seed) => {
    const { notifications: all } = runs[seed - 1]!;
    const notifications = all.filter((notification) => notification.type.endsWith('.v0'));
    const backwards = notifications.filter(
      (notification, i) => i > 0 && compareUtc(notifications[i - 1]!.time, notification.time) > 0,
    );
    expect(backwards).toEqual([]);
    // v1's `time` is when the event happened: the instant of its data.timestamp.
    const v1 = all.filter((notification) => !notification.type.endsWith('.v0'));
    expect(v1.filter((n) => compareUtc(n.time, n.data.timestamp) !== 0)).toEqual([]);
    expect(new Set(all.map((notification) => notification.id)).size).toBe(all.length);
  });

  it.each(SEEDS)(
    'seed %i: each channel walks a legal path of the lifecycle, in send order',
    (seed) => {
      for (const [channelId, events] of byChannel(runs[seed - 1]!.notifications)) {
        const word = events.map((notification) => LETTER[eventName(notification)]).join('');
        const role = events[0]!.data.channel.party.role;
        const grammar = role === 'agent' ? AGENT_PATH : OTHER_PATH;
        if (!grammar.test(word)) expect.fail(`channel ${channelId} (${role}) went ${word}`);
      }
    },
  );

  it.each(SEEDS)(
    'seed %i: per channel, timestamps never go backwards and coincident events share their instant',
    (seed) => {
      const problems: string[] = [];
      for (const events of byChannel(runs[seed - 1]!.notifications).values()) {
        for (let i = 1; i < events.length; i++) {
          const [before, after] = [events[i - 1]!, events[i]!];
          const pair = `${eventName(before)}+${eventName(after)}`;
          if (compareUtc(before.data.timestamp, after.data.timestamp) > 0)
            problems.push(`${pair} goes back`);
          const coincident = [
            'disconnected+wrapstarted',
            'disconnected+ended',
            'connectionfailed+ended',
          ];
          if (coincident.includes(pair) && after.data.timestamp !== before.data.timestamp) {
            problems.push(`${pair} at different instants on ${after.subject}`);
          }
        }
      }
      expect(problems).toEqual([]);
    },
  );

  it.each(SEEDS)('seed %i: the first channel of every interaction alerts for zero time', (seed) => {
    const first = new Map<string, ChannelNotification[]>();
    for (const events of byChannel(runs[seed - 1]!.notifications).values()) {
      const interaction = events[0]!.data.channel.interactionId;
      const current = first.get(interaction);
      if (!current || compareUtc(events[0]!.data.timestamp, current[0]!.data.timestamp) < 0) {
        first.set(interaction, events);
      }
    }
    for (const events of first.values()) {
      expect(eventName(events[1]!)).toBe('connected');
      expect(events[1]!.data.timestamp).toBe(events[0]!.data.timestamp);
    }
  });

  it.each(SEEDS)(
    'seed %i: ids and roles are consistent within channels and interactions',
    (seed) => {
      const conversationOf = new Map<string, string>();
      const partyOf = new Map<string, string>();
      const interactionOf = new Map<string, string>();
      const problems: string[] = [];
      const check = (ok: boolean, problem: string) => ok || problems.push(problem);
      for (const notification of runs[seed - 1]!.notifications) {
        const { conversationId, interactionId, channelId, party } = notification.data.channel;
        check(notification.subject === channelId, `subject of ${notification.id}`);
        check(
          (conversationOf.get(interactionId) ?? conversationId) === conversationId,
          `conversation of ${interactionId}`,
        );
        conversationOf.set(interactionId, conversationId);
        check(
          (interactionOf.get(channelId) ?? interactionId) === interactionId,
          `interaction of ${channelId}`,
        );
        interactionOf.set(channelId, interactionId);
        const partyText = JSON.stringify(party);
        check((partyOf.get(channelId) ?? partyText) === partyText, `party of ${channelId}`);
        partyOf.set(channelId, partyText);
      }
      expect(problems).toEqual([]);
      expect(partyOf.size).toBeGreaterThan(1_000);
    },
  );

  it.each(SEEDS)('seed %i: sends each v1 notification beside a v0 of the same event', (seed) => {
    const v0 = new Set<string>();
    const v1: string[] = [];
    for (const notification of runs[seed - 1]!.notifications) {
      const [entity, event, version] = notification.type.split('.');
      const key = `${entity}.${event}|${notification.subject}|${notification.data.timestamp}`;
      (version === 'v0' ? v0 : { add: (k: string) => v1.push(k) }).add(key);
    }
    expect(v1.length).toBeGreaterThan(0);
    expect(v1.filter((key) => !v0.has(key))).toEqual([]);
  });

  it.each(SEEDS)('seed %i: no agent or supervisor is on two calls at once', (seed) => {
    // A person is busy on a channel from alerted to ended, except while it is interrupted.
    const busy = new Map<string, Array<[number, number, string]>>();
    for (const [channelId, events] of byChannel(runs[seed - 1]!.notifications)) {
      const party = events[0]!.data.channel.party;
      if (party.role !== 'agent' && party.role !== 'monitor') continue;
      let from = Date.parse(events[0]!.data.timestamp);
      const spans = busy.get(party.agentId) ?? [];
      for (const notification of events.slice(1)) {
        const at = Date.parse(notification.data.timestamp);
        const name = eventName(notification);
        if (name === 'interrupted' || name === 'ended') spans.push([from, at, channelId]);
        if (name === 'resumed') from = at;
      }
      busy.set(party.agentId, spans);
    }
    for (const [agentId, spans] of busy) {
      spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      for (let i = 1; i < spans.length; i++) {
        if (spans[i]![0] < spans[i - 1]![1]) {
          expect.fail(`agent ${agentId} is on ${spans[i - 1]![2]} and ${spans[i]![2]} at once`);
        }
      }
    }
  });

  it('draws durations whose percentiles match the scenario (talk: median 4m, p90 11m)', () => {
    const statistics = new StatisticsCollector();
    for (const _ of simulate(builtInScenario('contact-centre-day'), {
      seed: 9,
      duration: '5d',
      observer: statistics,
    }))
      void _;
    const talk = statistics.report().durations.talk!;
    expect(talk.count).toBeGreaterThan(5_000);
    expect(talk.p50 / 240_000).toBeCloseTo(1, 1);
    expect(talk.p90 / 660_000).toBeCloseTo(1, 1);
  });
});

describe('reproducibility', () => {
  it('gives byte-identical output for the same scenario and seed, and different output for another seed', () => {
    const text = (seed: number) =>
      [...simulateJson(builtInScenario('contact-centre-day'), { seed, events: 'channel.*' })].join(
        '\n',
      );
    expect(text(1)).toBe(
      runs[0]!.notifications.map((notification) => JSON.stringify(notification)).join('\n'),
    );
    expect(text(1)).toBe(text(1));
    expect(text(2)).not.toBe(text(1));
  });

  it('serialises exactly as JSON.stringify does, for every built-in scenario', () => {
    for (const { name } of BUILT_IN_SCENARIOS) {
      const objects = [...simulate(builtInScenario(name), { events: '*', seed: 4 })];
      const lines = [...simulateJson(builtInScenario(name), { events: '*', seed: 4 })];
      expect(lines).toEqual(objects.map((notification) => JSON.stringify(notification)));
    }
  });

  it('writes NDJSON bytes that are exactly the UTF-8 of those JSON lines, whatever the chunk size', () => {
    const decoder = new TextDecoder();
    for (const { name } of BUILT_IN_SCENARIOS) {
      const lines = [...simulateJson(builtInScenario(name), { events: '*', seed: 6 })];
      for (const chunkBytes of [100, 700, 64 * 1024]) {
        const chunks = [
          ...simulateNdjson(builtInScenario(name), { events: '*', seed: 6 }, chunkBytes),
        ];
        expect(chunks.reduce((sum, chunk) => sum + chunk.count, 0)).toBe(lines.length);
        expect(chunks.map((chunk) => decoder.decode(chunk.bytes)).join('')).toBe(
          lines.map((line) => `${line}\n`).join(''),
        );
      }
    }
  });

  it('emits the same notifications of a type whatever else the filter selects', () => {
    const scenario = builtInScenario('contact-centre-day');
    const connectedOnly = [...simulateJson(scenario, { seed: 3 })];
    const fromAll = [...simulate(scenario, { seed: 3, events: '*' })]
      .filter((notification) => notification.type === 'channel.connected.v0')
      .map((notification) => JSON.stringify(notification));
    expect(connectedOnly).toEqual(fromAll);
  });

  it('splits into team shards whose union is exactly the single run, presence included', () => {
    const scenario = builtInScenario('contact-centre-day');
    const whole = [...simulateJson(scenario, { seed: 5, events: '*' })];
    expect(whole.some((line) => line.includes('"source":"/agent"'))).toBe(true);
    const shards = [['sales'], ['support', 'billing']].map((teams) => [
      ...simulate(scenario, { seed: 5, events: '*', teams }),
    ]);
    expect(shards[0]!.length).toBeGreaterThan(0);
    expect(shards[1]!.length).toBeGreaterThan(0);
    // Together the shards are the whole run…
    const merged = shards.flat().map((notification) => JSON.stringify(notification));
    expect(merged.length).toBe(whole.length);
    expect(merged.sort()).toEqual([...whole].sort());
    // …and each shard sends its notifications in the order the whole run does.
    for (const shard of shards) {
      const lines = shard.map((notification) => JSON.stringify(notification));
      const mine = new Set(lines);
      expect(lines).toEqual(whole.filter((line) => mine.has(line)));
    }
  });

  it('plays every flow of every built-in scenario', () => {
    for (const { name } of BUILT_IN_SCENARIOS) {
      const statistics = new StatisticsCollector();
      const count = [
        ...simulate(builtInScenario(name), { events: 'channel.*', observer: statistics }),
      ].length;
      expect(count, name).toBeGreaterThan(0);
      const flows = Object.keys(statistics.report().flows);
      for (const entry of builtInScenario(name).definition.mix)
        expect(flows, name).toContain(entry.flow);
    }
  });

  it('keeps the arrival process: a Poisson rate of 120/h gives about 120 calls an hour', () => {
    const statistics = new StatisticsCollector();
    const scenario = builtInScenario('inbound-answered');
    for (const _ of simulate(scenario, { rate: 120, duration: '50h', observer: statistics }))
      void _;
    expect(statistics.report().calls / (50 * 120)).toBeCloseTo(1, 1);
  });

  it('follows a daily profile: busy hours get their share of calls', () => {
    const hours = new Array<number>(24).fill(0);
    const scenario = builtInScenario('contact-centre-day');
    for (const notification of simulate(scenario, {
      duration: '10d',
      events: 'channel.alerted.v0',
    })) {
      hours[new Date(notification.data.timestamp).getUTCHours()]!++;
    }
    const weights = (scenario.definition.arrivals as { hourly: number[] }).hourly;
    const total = hours.reduce((sum, value) => sum + value, 0);
    const weightTotal = weights.reduce((sum, value) => sum + value, 0);
    // Peak hours (weight ≥ 12) each get their share within 20%, the night far less.
    weights.forEach((weight, hour) => {
      if (weight >= 12) expect(hours[hour]! / total / (weight / weightTotal)).toBeGreaterThan(0.8);
    });
    expect(hours[3]! / total).toBeLessThan(0.01);
    expect(percentile([1, 2, 3], 0.5)).toBe(2);
  });
});
