import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_SCENARIOS,
  DEFAULT_PRESENCE_STATES,
  EVENT_TYPES,
  builtInScenario,
  compareUtc,
  runStatistics,
  simulate,
  type AgentSpan,
  type CallSummary,
  type ChannelNotification,
  type DefaultPresenceKey,
  type Scenario,
  type VccNotification,
} from '../src/index.js';
import { step, type Phase, type Step } from '../src/engine/lifecycle.js';
import { withOverrides } from '../src/engine/overrides.js';
import { shiftsForStaffing } from '../src/engine/roster.js';

/**
 * The workforce's promises, checked from what a consumer sees (the notifications) over many seeds
 * and scenarios drawn by fast-check. The engine's observer supplies only what notifications cannot
 * say: which team an agent or a call belongs to, and each agent's presence when the run starts.
 */

const TICKS_PER_MS = 10_000;
const RING_TIMEOUT_MS = 20_000; // every built-in keeps the default ring timeout
const PRESENCE_BY_ID = new Map<string, DefaultPresenceKey>(
  Object.entries(DEFAULT_PRESENCE_STATES).map(([key, state]) => [
    state.presenceId,
    key as DefaultPresenceKey,
  ]),
);

/** 100 ns ticks since 1970 of a UTC date-time with up to 7 fractional digits, as a bigint. */
function ticksOf(value: string): bigint {
  const millis = Date.parse(value);
  const fraction = /\.(\d+)Z$/.exec(value)?.[1] ?? '';
  const subMillis = Number(fraction.slice(3).padEnd(4, '0'));
  return BigInt(millis) * BigInt(TICKS_PER_MS) + BigInt(subMillis);
}

interface Run {
  notifications: VccNotification[];
  spans: AgentSpan[];
  calls: CallSummary[];
  startMs: number;
}

function play(scenario: Scenario, options: Parameters<typeof simulate>[1] = {}): Run {
  const spans: AgentSpan[] = [];
  const calls: CallSummary[] = [];
  let startMs = 0;
  const notifications = [
    ...simulate(scenario, {
      events: '*',
      ...options,
      observer: {
        start: (run) => (startMs = run.startMs),
        agent: (span) => spans.push(span),
        call: (call) => calls.push(call),
      },
    }),
  ];
  return { notifications, spans, calls, startMs };
}

const isChannel = (notification: VccNotification): notification is ChannelNotification =>
  notification.source === '/channel';

/** What a run says about each agent: presence over time, and when they held a channel. */
class Timeline {
  readonly presence = new Map<string, { at: bigint; presence: DefaultPresenceKey }[]>();
  readonly open = new Map<string, { from: bigint; to: bigint; channelId: string }[]>();
  readonly teamOf = new Map<string, string>();
  /** v0 channel notifications by channel, in send order. */
  readonly channels = new Map<string, ChannelNotification[]>();
  /** The first channel of each interaction. */
  readonly firstChannel = new Map<string, ChannelNotification>();

  constructor(run: Run) {
    for (const span of run.spans) {
      this.teamOf.set(span.agentId, span.team);
      if (span.kind === 'busy' || span.from !== 0) continue;
      this.presence.set(span.agentId, [{ at: -1n, presence: span.kind }]);
    }
    for (const notification of run.notifications) {
      if (!notification.type.endsWith('.v0')) continue;
      if (!isChannel(notification)) {
        const list = this.presence.get(notification.subject)!;
        list.push({
          at: ticksOf(notification.data.timestamp),
          presence: PRESENCE_BY_ID.get(notification.data.presence.presenceId)!,
        });
        continue;
      }
      const list = this.channels.get(notification.subject) ?? [];
      list.push(notification);
      this.channels.set(notification.subject, list);
      // The first channel by when it happened (notifications may be sent out of that order).
      const { interactionId } = notification.data.channel;
      const first = this.firstChannel.get(interactionId);
      if (!first || compareUtc(notification.data.timestamp, first.data.timestamp) < 0) {
        this.firstChannel.set(interactionId, notification);
      }
    }
    for (const [channelId, events] of this.channels) {
      const party = events[0]!.data.channel.party;
      if (party.role !== 'agent') continue;
      const spans = this.open.get(party.agentId) ?? [];
      const last = events[events.length - 1]!;
      spans.push({
        from: ticksOf(events[0]!.data.timestamp),
        to: last.type.startsWith('channel.ended') ? ticksOf(last.data.timestamp) : 1n << 62n,
        channelId,
      });
      this.open.set(party.agentId, spans);
    }
  }

  presenceAt(agentId: string, at: bigint): DefaultPresenceKey {
    let current: DefaultPresenceKey = 'ready';
    for (const change of this.presence.get(agentId) ?? []) {
      if (change.at > at) break;
      current = change.presence;
    }
    return current;
  }

  busyAt(agentId: string, at: bigint): boolean {
    return (this.open.get(agentId) ?? []).some((span) => span.from <= at && at < span.to);
  }

  agentsOf(team: string): string[] {
    return [...this.teamOf].filter(([, name]) => name === team).map(([agentId]) => agentId);
  }

  isOutbound(notification: ChannelNotification): boolean {
    return (
      this.firstChannel.get(notification.data.channel.interactionId)?.data.channel.party.role ===
      'agent'
    );
  }
}

/** Every promise of the workforce, as a list of what breaks it (empty when it holds). */
function problems(run: Run, diallingHours = { from: 8, to: 20 }): string[] {
  const timeline = new Timeline(run);
  const found: string[] = [];

  // A caller abandons only when no agent of their team is Ready and idle.
  for (const call of run.calls) {
    if (call.outcome !== 'abandoned') continue;
    const customer = timeline.firstChannel.get(call.interactionId)!;
    const events = timeline.channels.get(customer.subject)!;
    const at = ticksOf(events[events.length - 1]!.data.timestamp);
    for (const agentId of timeline.agentsOf(call.team)) {
      if (timeline.presenceAt(agentId, at) === 'ready' && !timeline.busyAt(agentId, at)) {
        found.push(`call ${call.index} abandoned while ${agentId} was Ready and idle`);
      }
    }
  }

  for (const [channelId, events] of timeline.channels) {
    const [alerted, next] = events;
    const party = alerted!.data.channel.party;
    // Ring time never exceeds the ring timeout.
    if (next && next.type !== 'channel.alerted.v0') {
      const ring =
        (ticksOf(next.data.timestamp) - ticksOf(alerted!.data.timestamp)) / BigInt(TICKS_PER_MS);
      if (ring > RING_TIMEOUT_MS) found.push(`${channelId} rang ${ring} ms`);
    }
    if (party.role !== 'agent') continue;
    const at = ticksOf(alerted!.data.timestamp);
    const outbound = timeline.isOutbound(alerted!);
    const needed = outbound ? 'readyOutbound' : 'ready';
    const presence = timeline.presenceAt(party.agentId, at);
    // An agent's channel alerts only when they are Ready (Ready (Outbound) to dial).
    if (presence !== needed) {
      found.push(
        `${channelId} alerted ${party.agentId} in ${presence} (${outbound ? 'outbound' : 'inbound'})`,
      );
    }
    // Outbound calls are dialled only within dialling hours.
    if (outbound && timeline.firstChannel.get(alerted!.data.channel.interactionId) === alerted) {
      const hour = new Date(alerted!.data.timestamp).getUTCHours();
      if (hour < diallingHours.from || hour >= diallingHours.to) {
        found.push(`${channelId} dialled at ${alerted!.data.timestamp}`);
      }
    }
  }

  for (const [agentId, changes] of timeline.presence) {
    for (let i = 1; i < changes.length; i++) {
      const change = changes[i]!;
      // Presence never changes while the agent holds a channel…
      if (timeline.busyAt(agentId, change.at)) {
        found.push(`${agentId} changed to ${change.presence} during a call`);
      }
      // …and each change follows the previous one in time.
      if (i > 1 && change.at <= changes[i - 1]!.at) {
        found.push(`${agentId}'s presence went back in time`);
      }
      if (change.presence === changes[i - 1]!.presence) {
        found.push(`${agentId} "changed" to the presence they had (${change.presence})`);
      }
    }
  }
  return found;
}

/** Every built-in but the day, which has a test of its own. */
const SMALL_SCENARIOS = BUILT_IN_SCENARIOS.map((scenario) => scenario.name).filter(
  (name) => name !== 'contact-centre-day',
);

describe('the workforce, over many seeds (fast-check)', () => {
  it('keeps every promise in every built-in scenario', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SMALL_SCENARIOS),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 10, max: 60 }),
        (name, seed, calls) => {
          const scenario = builtInScenario(name);
          const run = play(scenario, {
            seed,
            ...(scenario.definition.duration ? {} : { calls }),
          });
          expect(problems(run)).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('keeps every promise through a contact-centre day, from any hour', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 0, max: 23 }),
        (seed, hour) => {
          const start = `2026-01-05T${String(hour).padStart(2, '0')}:00:00Z`;
          const run = play(builtInScenario('contact-centre-day'), { seed, start, duration: '5h' });
          expect(run.notifications.length).toBeGreaterThan(100);
          expect(problems(run)).toEqual([]);
        },
      ),
      { numRuns: 24 },
    );
  });

  it('holds when missed calls leave agents Ready but unexpected, and under voicemail rules', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const scenario = withOverrides(builtInScenario('agent-shift'), [
          'missedCall.then=unexpected',
          'voicemail.maxWait=90s',
          'arrivals.perHour=30',
        ]);
        const run = play(scenario, { seed });
        // Unexpected agents are Ready but not offered calls: the abandonment promise is about
        // agents routing may use, so only the others are checked here.
        expect(problems(run).filter((problem) => !problem.includes('abandoned'))).toEqual([]);
        expect(
          run.notifications.filter(
            (notification) =>
              notification.source === '/agent' && notification.data.presence.description === 'Away',
          ),
        ).toEqual([]);
      }),
      { numRuns: 8 },
    );
  });
});

/** The lifecycle table as a grammar: from each phase, which events (at one instant) lead where. */
const STEPS: Step[] = [
  'alert',
  'connect',
  'fail',
  'hold',
  'retrieve',
  'park',
  'unpark',
  'interrupt',
  'resume',
  'disconnect',
  'end',
];

function transitions(phase: Phase, role: 'agent' | 'external') {
  return STEPS.flatMap((action) => {
    try {
      return [step(phase, action, role)];
    } catch {
      return [];
    }
  });
}

/** Whether a sequence of event names is a walk of the lifecycle from `new` to `done`. */
function legalWalk(events: string[], role: 'agent' | 'external'): boolean {
  // Transitions may share a first event (disconnected+wrapstarted, disconnected+ended): keep
  // every reading of the sequence so far.
  const next = (phase: Phase, at: number): Array<[Phase, number]> =>
    transitions(phase, role)
      .filter((transition) =>
        transition.events.every((event, offset) => events[at + offset] === event),
      )
      .map((transition) => [transition.to, at + transition.events.length]);
  let frontier: Array<[Phase, number]> = [['new', 0]];
  while (frontier.some(([, at]) => at < events.length)) {
    frontier = frontier.flatMap(([phase, at]) =>
      at < events.length ? next(phase, at) : [[phase, at] as [Phase, number]],
    );
    if (frontier.length === 0) return false;
  }
  return frontier.some(([phase]) => phase === 'done');
}

const V1_EVENTS = new Set<string>(
  EVENT_TYPES.filter((info) => info.version === 1).map((info) => info.name),
);
const CHANNEL_EVENT_NAMES = new Set<string>(
  EVENT_TYPES.filter((info) => info.entity === 'channel').map((info) => info.name),
);
const EVERY_CHANNEL_EVENT_HAS_V1 = [...CHANNEL_EVENT_NAMES].every((name) => V1_EVENTS.has(name));

describe('v1 streams', () => {
  const runs = [1, 2].map((seed) =>
    play(builtInScenario('contact-centre-day'), {
      seed,
      duration: '6h',
      start: '2026-01-05T08:00:00Z',
    }),
  );

  it('the v0 lifecycle walks are legal against the lifecycle table', () => {
    for (const run of runs) {
      for (const events of new Timeline(run).channels.values()) {
        const role = events[0]!.data.channel.party.role === 'agent' ? 'agent' : 'external';
        const names = events.map((notification) => notification.type.replace(/\.v0$/, ''));
        if (!legalWalk(names, role)) expect.fail(`${events[0]!.subject}: ${names.join(' ')}`);
      }
    }
  });

  it('a v1-only subscriber sees each channel’s v0 walk, limited to the events that have a v1, at the same instants', () => {
    for (const run of runs) {
      const v1 = new Map<string, string[]>();
      for (const notification of run.notifications) {
        if (!isChannel(notification) || !notification.type.endsWith('.v1')) continue;
        const list = v1.get(notification.subject) ?? [];
        list.push(`${notification.type.replace(/\.v1$/, '')}@${notification.data.timestamp}`);
        v1.set(notification.subject, list);
      }
      for (const [channelId, events] of new Timeline(run).channels) {
        const expected = events
          .map((notification) => notification.type.replace(/\.v0$/, ''))
          .map((name, index) => `${name}@${events[index]!.data.timestamp}`)
          .filter((entry) => V1_EVENTS.has(entry.split('@')[0]!));
        expect(v1.get(channelId) ?? [], channelId).toEqual(expected);
      }
    }
  });

  it('a v1-only stream walks the lifecycle legally', () => {
    expect(EVERY_CHANNEL_EVENT_HAS_V1).toBe(true);
    for (const run of runs) {
      const byChannel = new Map<string, ChannelNotification[]>();
      for (const notification of run.notifications) {
        if (!isChannel(notification) || !notification.type.endsWith('.v1')) continue;
        byChannel.set(notification.subject, [
          ...(byChannel.get(notification.subject) ?? []),
          notification,
        ]);
      }
      for (const [channelId, events] of byChannel) {
        const role = events[0]!.data.channel.party.role === 'agent' ? 'agent' : 'external';
        const names = events.map((notification) => notification.type.replace(/\.v1$/, ''));
        if (!legalWalk(names, role)) expect.fail(`${channelId}: ${names.join(' ')}`);
      }
    }
  });

  it('v1 time is the instant the event happened; v0 time is when it was sent, never before it', () => {
    for (const run of runs) {
      for (const notification of run.notifications) {
        const happened = ticksOf(notification.data.timestamp);
        const time = ticksOf(notification.time);
        if (notification.type.endsWith('.v1')) expect(time).toBe(happened);
        else expect(time >= happened).toBe(true);
      }
    }
    // Still in send order: by the send instant the KSUID carries, never by v1's earlier `time`.
    expect(runs[0]!.notifications.some((n) => n.type.endsWith('.v1'))).toBe(true);
  });
});

describe('presence notifications', () => {
  const run = play(builtInScenario('agent-shift'), { seed: 3 });
  const presence = run.notifications.filter(
    (notification) => notification.source === '/agent' && notification.type.endsWith('.v0'),
  );

  it('show a day of logins, breaks, lunch and logouts', () => {
    const seen = new Set(
      presence.map((notification) =>
        isChannel(notification) ? '' : notification.data.presence.description,
      ),
    );
    for (const description of ['Ready', 'Break', 'Lunch', 'Logged Out'])
      expect(seen).toContain(description);
  });

  it('come from /agent about the agent, with 7 fractional digits, in each agent’s order', () => {
    const last = new Map<string, string>();
    for (const notification of presence) {
      if (isChannel(notification)) continue;
      expect(notification.subject).toBe(notification.data.user.agentId);
      expect(notification.data.timestamp).toMatch(/\.\d{7}Z$/);
      const previous = last.get(notification.subject);
      if (previous) expect(compareUtc(previous, notification.data.timestamp)).toBeLessThan(0);
      last.set(notification.subject, notification.data.timestamp);
    }
  });
});

describe('contact-centre-day', () => {
  const days = [1, 2, 3, 4, 5].map((seed) =>
    runStatistics(builtInScenario('contact-centre-day'), { seed }),
  );

  it.each([1, 2, 3, 4, 5])('seed %i looks like a well-run centre', (seed) => {
    const { service } = days[seed - 1]!;
    const day = service.all.total;
    expect(day.serviceLevel).toBeGreaterThanOrEqual(0.7);
    expect(day.serviceLevel).toBeLessThanOrEqual(0.9);
    expect(day.abandonmentRate).toBeLessThan(0.08);
    expect(service.peakOccupancy).toBeGreaterThanOrEqual(0.75);
    expect(service.peakOccupancy).toBeLessThanOrEqual(0.9);
    // Night staffing follows night traffic: a handful of agents, not the day's crowd.
    const at = (hour: number) => service.all.hours.find((figures) => figures.hour === hour)!;
    expect(at(3).agentsLoggedIn).toBeLessThanOrEqual(5);
    expect(at(10).agentsLoggedIn).toBeGreaterThan(6 * at(3).agentsLoggedIn);
    expect(at(3).offered * 8).toBeLessThan(at(10).offered);
  });

  it('dials only in dialling hours, and carries the night’s outbound contacts to the morning', () => {
    const sales = days[0]!.service.teams.find((team) => team.team === 'sales')!;
    for (const hour of sales.hours) {
      if (hour.hour < 8 || hour.hour >= 20) expect(hour.dialled, `hour ${hour.hour}`).toBe(0);
    }
    expect(sales.total.dialled).toBeGreaterThan(300);
  });
});

describe('hourly staffing', () => {
  it('is covered by shifts everywhere, and the day is not staffed like the peak', () => {
    const staffing = [
      2, 2, 2, 2, 2, 3, 7, 14, 18, 20, 20, 19, 17, 18, 18, 16, 14, 11, 9, 7, 5, 4, 3, 2,
    ];
    for (const hours of [6, 8]) {
      const starts = shiftsForStaffing(staffing, hours * 3_600_000);
      const covered = new Array<number>(24).fill(0);
      for (const start of starts) for (let h = 0; h < hours; h++) covered[(start + h) % 24]!++;
      staffing.forEach((needed, hour) =>
        expect(covered[hour], `${hours}h, ${hour}:00`).toBeGreaterThanOrEqual(needed),
      );
      expect(covered[3]).toBeLessThanOrEqual(6);
    }
  });
});
