import { countOf, formatCount } from '../internal/count.js';
import { AgentActivity, type ActivitySink } from './agent-activity.js';
import {
  SERVICE_LEVEL_THRESHOLD_MS,
  abandonmentRate,
  channelSegments,
  classifyInteraction,
  isReady,
  occupancy,
  presenceKind,
  serviceLevel,
  type ChannelRecord,
} from './derivations.js';
import { LevelSeries } from './level-series.js';
import {
  PRESENCE_KINDS,
  type AgentTimeline,
  type HourFigures,
  type PresenceKind,
  type RunKpis,
  type RunReport,
  type RunReportOptions,
  type Segment,
} from './types.js';

const HOUR_MS = 3_600_000;
/** An interaction whose channels have all ended is closed this long after its last event… */
const COMPLETE_GRACE_MS = 60_000;
/** …and any interaction this long after it (a stream without `ended`, a call cut off). */
const IDLE_MS = 4 * HOUR_MS;
/** Busy and presence intervals wait this long for late notifications before they count. */
const COMMIT_HORIZON_MS = IDLE_MS + HOUR_MS;
const SWEEP_EVERY = 4096;
/** Bars per agent lane, and agents drawn: what keeps the page small for any run. */
const SEGMENTS_PER_LANE = 1500;
const AGENTS_DRAWN = 200;
const PRESENCE_STATES_KEPT = 64;
/** The finest bucket of the levels chart, and the most buckets it keeps. */
const LEVEL_WIDTH_MS = 10_000;
const LEVEL_BUCKETS = 1500;

type Lane = { waiting: 0; busy: 1; ready: 2 };
const LANE: Lane = { waiting: 0, busy: 1, ready: 2 };

interface OpenChannel extends ChannelRecord {
  ended: boolean;
}

interface OpenInteraction {
  channels: Map<string, OpenChannel>;
  lastMs: number;
}

type HourCounts = Omit<HourFigures, 'startMs' | 'serviceLevel' | 'occupancy' | 'expected'>;

function emptyHour(): HourCounts {
  return {
    inbound: 0,
    outbound: 0,
    answered: 0,
    abandoned: 0,
    voicemail: 0,
    answeredWithinThreshold: 0,
  };
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function text(value: unknown, key: string): string | undefined {
  const found = field(value, key);
  return typeof found === 'string' ? found : undefined;
}

/**
 * Reads a run's notifications one at a time and keeps only aggregates: counts per hour, level
 * series, the interactions still in progress, and each agent's bars (bounded), so a day of a
 * million notifications needs a few megabytes. Tolerant as a consumer must be: any order, repeats
 * (v1 beside v0, duplicate deliveries), and values that are not notifications (counted, skipped).
 * @example
 * const aggregator = new RunAggregator();
 * for (const notification of simulate(scenario, { events: '*' })) aggregator.add(notification);
 * console.log(aggregator.report().kpis);
 */
export class RunAggregator {
  readonly #thresholdMs: number;
  readonly #byType = new Map<string, number>();
  #notifications = 0;
  #ignored = 0;
  #firstMs = Infinity;
  #lastMs = -Infinity;
  #sinceSweep = 0;
  readonly #interactions = new Map<string, OpenInteraction>();
  readonly #agents = new Map<string, AgentActivity>();
  readonly #hours = new Map<number, HourCounts>();
  readonly #levels = new LevelSeries(LEVEL_WIDTH_MS, { maxBuckets: LEVEL_BUCKETS, lanes: 3 });
  readonly #hourLevels = new LevelSeries(HOUR_MS, { maxBuckets: 24 * 366 * 4, lanes: 3 });
  readonly #presenceStates = new Map<string, number>();
  readonly #presenceList: RunReport['presenceStates'] = [];
  readonly #kpis = {
    offered: 0,
    answered: 0,
    abandoned: 0,
    voicemail: 0,
    open: 0,
    answeredWithin: 0,
    answeredWaitMs: 0,
    outbound: 0,
    outboundConnected: 0,
    outboundUnanswered: 0,
  };
  readonly #sink: ActivitySink = {
    busy: (from, to) => {
      this.#levels.interval(from, to, LANE.busy);
      this.#hourLevels.interval(from, to, LANE.busy);
    },
    ready: (from, to) => {
      this.#levels.interval(from, to, LANE.ready);
      this.#hourLevels.interval(from, to, LANE.ready);
    },
  };
  #finished: RunReport | undefined;

  constructor(options: RunReportOptions = {}) {
    this.#thresholdMs = options.serviceLevelThresholdMs ?? SERVICE_LEVEL_THRESHOLD_MS;
  }

  /** Takes one notification (a parsed JSON value). */
  add(notification: unknown): void {
    if (this.#finished) throw new Error('RunAggregator: add() after report()');
    this.#notifications++;
    const type = text(notification, 'type');
    if (type !== undefined) this.#byType.set(type, (this.#byType.get(type) ?? 0) + 1);
    const data = field(notification, 'data');
    const at = Date.parse(text(data, 'timestamp') ?? '');
    // `channel.<name>.v<N>` and `agent.presencechanged.v<N>`, read without allocating.
    const accepted =
      type === undefined || Number.isNaN(at)
        ? false
        : type.startsWith('channel.')
          ? this.#addChannelEvent(at, type.slice(8, type.indexOf('.', 8)), field(data, 'channel'))
          : type.startsWith('agent.presencechanged.')
            ? this.#addPresence(at, data, text(notification, 'subject'))
            : false;
    if (!accepted) {
      this.#ignored++;
      return;
    }
    if (at < this.#firstMs) this.#firstMs = at;
    if (at > this.#lastMs) this.#lastMs = at;
    if (++this.#sinceSweep >= SWEEP_EVERY) this.#sweep(this.#lastMs);
  }

  #addChannelEvent(at: number, name: string, channel: unknown): boolean {
    const interactionId = text(channel, 'interactionId');
    const channelId = text(channel, 'channelId');
    const party = field(channel, 'party');
    const role = text(party, 'role');
    if (interactionId === undefined || channelId === undefined || role === undefined) return false;
    let interaction = this.#interactions.get(interactionId);
    if (!interaction) {
      interaction = { channels: new Map(), lastMs: at };
      this.#interactions.set(interactionId, interaction);
    }
    let record = interaction.channels.get(channelId);
    if (!record) {
      const agentId = text(party, 'agentId');
      record = { role, ...(agentId === undefined ? {} : { agentId }), events: [], ended: false };
      interaction.channels.set(channelId, record);
    }
    if (!record.events.some(([time, seen]) => time === at && seen === name)) {
      record.events.push([at, name]);
    }
    if (name === 'ended') record.ended = true;
    if (at > interaction.lastMs) interaction.lastMs = at;
    return true;
  }

  #addPresence(at: number, data: unknown, subject: string | undefined): boolean {
    const agentId = text(field(data, 'user'), 'agentId') ?? subject;
    const presence = field(data, 'presence');
    const category = field(presence, 'category');
    if (agentId === undefined || presence === undefined) return false;
    const kind = presenceKind(text(category, 'type'), text(category, 'subcategory'));
    const description = text(presence, 'description') ?? kind;
    this.#agent(agentId).addPresence(
      at,
      this.#presenceState(kind, description),
      isReady(kind),
      kind !== 'loggedOut',
    );
    return true;
  }

  /** The index of a presence state; past the limit, states share their kind's entry. */
  #presenceState(kind: PresenceKind, description: string): number {
    const key =
      this.#presenceStates.size < PRESENCE_STATES_KEPT ? `${kind}\u0000${description}` : kind;
    let index = this.#presenceStates.get(key);
    if (index === undefined) {
      index = this.#presenceList.length;
      this.#presenceList.push({ kind, description: key === kind ? kind : description });
      this.#presenceStates.set(key, index);
    }
    return index;
  }

  #agent(agentId: string): AgentActivity {
    let agent = this.#agents.get(agentId);
    if (!agent) {
      agent = new AgentActivity(this.#agents.size < AGENTS_DRAWN ? SEGMENTS_PER_LANE : 0);
      this.#agents.set(agentId, agent);
    }
    return agent;
  }

  #hour(atMs: number): HourCounts {
    const start = Math.floor(atMs / HOUR_MS) * HOUR_MS;
    let hour = this.#hours.get(start);
    if (!hour) this.#hours.set(start, (hour = emptyHour()));
    return hour;
  }

  /** Closes the interactions that are over, and commits agents' intervals old enough. */
  #sweep(watermark: number): void {
    this.#sinceSweep = 0;
    for (const [id, interaction] of this.#interactions) {
      const quiet = watermark - interaction.lastMs;
      const complete = [...interaction.channels.values()].every((channel) => channel.ended);
      if (quiet > IDLE_MS || (complete && quiet > COMPLETE_GRACE_MS)) {
        this.#interactions.delete(id);
        this.#close(interaction);
      }
    }
    for (const agent of this.#agents.values())
      agent.commit(watermark - COMMIT_HORIZON_MS, this.#sink);
  }

  #close(interaction: OpenInteraction): void {
    const verdict = classifyInteraction(interaction.channels.values());
    const kpis = this.#kpis;
    if (verdict.direction === 'inbound') {
      const hour = this.#hour(verdict.arrivedMs);
      hour.inbound++;
      kpis.offered++;
      const settled = verdict.settledMs ?? Math.max(this.#lastMs, verdict.arrivedMs);
      this.#levels.interval(verdict.arrivedMs, settled, LANE.waiting);
      switch (verdict.outcome) {
        case 'answered': {
          const within = verdict.waitMs! <= this.#thresholdMs ? 1 : 0;
          hour.answered++;
          hour.answeredWithinThreshold += within;
          kpis.answered++;
          kpis.answeredWithin += within;
          kpis.answeredWaitMs += verdict.waitMs!;
          break;
        }
        case 'abandoned':
          hour.abandoned++;
          kpis.abandoned++;
          break;
        case 'voicemail':
          hour.voicemail++;
          kpis.voicemail++;
          break;
        case 'open':
          kpis.open++;
          break;
      }
    } else if (verdict.direction === 'outbound') {
      this.#hour(verdict.startedMs).outbound++;
      kpis.outbound++;
      if (verdict.outcome === 'connected') kpis.outboundConnected++;
      if (verdict.outcome === 'unanswered') kpis.outboundUnanswered++;
    }
    for (const channel of interaction.channels.values()) {
      if (
        channel.agentId === undefined ||
        (channel.role !== 'agent' && channel.role !== 'monitor')
      ) {
        continue;
      }
      const agent = this.#agent(channel.agentId);
      agent.roles.add(channel.role);
      const segments = channelSegments(channel);
      for (const segment of segments) agent.channels.add(segment);
      if (channel.role !== 'agent' || segments.length === 0) continue;
      agent.addBusy(segments[0]![0], segments[segments.length - 1]![1]);
      if (channel.events.some(([, name]) => name === 'connected')) agent.handled++;
    }
  }

  /** Finishes the run (closing what is still open) and returns the report. */
  report(): RunReport {
    if (this.#finished) return this.#finished;
    const endMs = this.#lastMs;
    for (const interaction of this.#interactions.values()) this.#close(interaction);
    this.#interactions.clear();
    const agents = [...this.#agents].sort(([a], [b]) =>
      a.localeCompare(b, 'en', { numeric: true }),
    );
    const withPresence = agents.some(([, agent]) => agent.sawPresence);
    const handlers = agents.filter(([, agent]) => agent.roles.has('agent'));
    for (const [, agent] of agents) agent.finish(endMs, this.#sink);
    const runMs = Math.max(0, endMs - this.#firstMs);
    const basis: RunReport['occupancyBasis'] =
      handlers.length === 0 ? 'none' : withPresence ? 'presence' : 'run';
    if (basis === 'run') {
      // Without presence, every agent seen is taken as ready from the first event to the last.
      for (const [, agent] of handlers) {
        agent.readyMs = runMs;
        this.#sink.ready(this.#firstMs, endMs);
      }
    }
    const busyMs = handlers.reduce((sum, [, agent]) => sum + agent.busyMs, 0);
    const readyMs = handlers.reduce((sum, [, agent]) => sum + agent.readyMs, 0);
    const kpis = this.#kpis;
    const summary: RunKpis = {
      offered: kpis.offered,
      answered: kpis.answered,
      abandoned: kpis.abandoned,
      voicemail: kpis.voicemail,
      open: kpis.open,
      abandonmentRate: abandonmentRate(kpis.abandoned, kpis.offered),
      serviceLevel: serviceLevel(kpis.answeredWithin, kpis.answered, kpis.abandoned),
      asaMs: kpis.answered > 0 ? kpis.answeredWaitMs / kpis.answered : null,
      occupancy: basis === 'none' ? null : occupancy(busyMs, readyMs),
      outbound: kpis.outbound,
      outboundConnected: kpis.outboundConnected,
      outboundUnanswered: kpis.outboundUnanswered,
    };
    // Presence states in a fixed order (VCC's categories, then names), whatever order they came in.
    const order = this.#presenceList
      .map((state, index) => ({ state, index }))
      .sort(
        (a, b) =>
          PRESENCE_KINDS.indexOf(a.state.kind) - PRESENCE_KINDS.indexOf(b.state.kind) ||
          a.state.description.localeCompare(b.state.description),
      );
    const renumber = new Map(order.map(({ index }, position) => [index, position]));
    const timelines: AgentTimeline[] = agents
      .filter(
        ([, agent]) => agent.channels.segments().length + agent.presence.segments().length > 0,
      )
      .slice(0, AGENTS_DRAWN)
      .map(([agentId, agent]) => ({
        agentId,
        roles: [...agent.roles].sort(),
        presence: agent.presence
          .segments()
          .map(([from, to, state]): Segment => [from, to, renumber.get(state)!]),
        channels: agent.channels.segments(),
        handled: agent.handled,
        busyMs: agent.busyMs,
        readyMs: agent.readyMs,
      }));
    const resolution = Math.max(
      0,
      ...agents.flatMap(([, agent]) => [agent.channels.resolutionMs, agent.presence.resolutionMs]),
    );
    this.#finished = {
      notifications: this.#notifications,
      byType: Object.fromEntries([...this.#byType].sort(([a], [b]) => a.localeCompare(b))),
      ignored: this.#ignored,
      ...(Number.isFinite(this.#firstMs) ? { firstMs: this.#firstMs, lastMs: endMs } : {}),
      serviceLevelThresholdMs: this.#thresholdMs,
      kpis: summary,
      hours: this.#hourFigures(basis),
      levels: {
        widthMs: this.#levels.widthMs,
        points: this.#levels.means() as Array<[number, number, number, number]>,
      },
      occupancyBasis: basis,
      presenceStates: order.map(({ state }) => state),
      agents: timelines,
      agentsNotDrawn: Math.max(0, agents.length - AGENTS_DRAWN),
      timelineResolutionMs: resolution,
      notes: this.#notes(basis),
    };
    return this.#finished;
  }

  #hourFigures(basis: RunReport['occupancyBasis']): HourFigures[] {
    if (this.#hours.size === 0 && !Number.isFinite(this.#firstMs)) return [];
    const areas = this.#hourLevels.areas();
    const first = Math.floor(this.#firstMs / HOUR_MS);
    const last = Math.floor(this.#lastMs / HOUR_MS);
    const hours: HourFigures[] = [];
    for (let index = first; index <= last; index++) {
      const startMs = index * HOUR_MS;
      const counts = this.#hours.get(startMs) ?? emptyHour();
      const [, busy = 0, ready = 0] = areas.get(startMs) ?? [];
      hours.push({
        startMs,
        ...counts,
        serviceLevel: serviceLevel(
          counts.answeredWithinThreshold,
          counts.answered,
          counts.abandoned,
        ),
        occupancy:
          basis === 'none' || this.#hourLevels.widthMs !== HOUR_MS ? null : occupancy(busy, ready),
      });
    }
    return hours;
  }

  #notes(basis: RunReport['occupancyBasis']): string[] {
    const notes: string[] = [];
    const has = (name: string) =>
      [...this.#byType.keys()].some((type) => type.includes(`.${name}.`));
    if (this.#kpis.offered > 0 && !has('disconnected') && !has('ended')) {
      notes.push(
        'The run has no channel.disconnected or channel.ended notifications, so no call can be seen to abandon and waits are unknown; generate it with -e "channel.*" or -e "*".',
      );
    }
    if (basis === 'run') {
      notes.push(
        'The run has no agent.presencechanged notifications: occupancy takes every agent as ready from the first notification to the last.',
      );
    }
    if (this.#kpis.open > 0) {
      notes.push(
        `${countOf(this.#kpis.open, 'inbound call')} ${this.#kpis.open === 1 ? 'was' : 'were'} still waiting for an agent when the run ended.`,
      );
    }
    if (this.#ignored > 0) {
      notes.push(
        this.#ignored === 1
          ? '1 value was not a VCC notification (no type, ids or timestamp) and was skipped.'
          : `${formatCount(this.#ignored)} values were not VCC notifications (no type, ids or timestamp) and were skipped.`,
      );
    }
    if (this.#agents.size > AGENTS_DRAWN) {
      notes.push(
        `Only the first ${formatCount(AGENTS_DRAWN)} agents are drawn; the figures count all ${formatCount(this.#agents.size)}.`,
      );
    }
    return notes;
  }
}
