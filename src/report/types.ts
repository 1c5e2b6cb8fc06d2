/** The public types of the run report (`vcc-sim report`, `vcc-sim/report`). */

/** What an agent's channel is doing, drawn as a bar on the agent timeline. */
export const CHANNEL_STATES = [
  'ringing',
  'talking',
  'held',
  'parked',
  'interrupted',
  'wrap',
  'missed',
  'monitoring',
] as const;

/** A state of {@link CHANNEL_STATES}. */
export type ChannelState = (typeof CHANNEL_STATES)[number];

/** The presence lanes of the agent timeline: VCC's categories, with Ready (Outbound) apart. */
export const PRESENCE_KINDS = [
  'ready',
  'readyOutbound',
  'away',
  'extendedAway',
  'loggedOut',
] as const;

/** A kind of {@link PRESENCE_KINDS}. */
export type PresenceKind = (typeof PRESENCE_KINDS)[number];

/**
 * A bar on a timeline: `[start, end, state]`, times in milliseconds since 1970, `state` an index
 * into {@link CHANNEL_STATES} (channel bars) or into {@link RunReport.presenceStates} (presence bars).
 */
export type Segment = [start: number, end: number, state: number];

/** One agent (or supervisor) as the notifications show them. */
export interface AgentTimeline {
  agentId: string;
  /** Whether they appeared on `agent` channels, `monitor` channels, or both. */
  roles: Array<'agent' | 'monitor'>;
  /** Presence bars (none when the run has no `agent.presencechanged` for them). */
  presence: Segment[];
  /** Channel bars: ringing, talking, wrap… Neighbours closer than the resolution are merged. */
  channels: Segment[];
  /** Interactions in which one of their `agent` channels connected. */
  handled: number;
  /** Time on `agent` channels (ringing to ended), overlaps counted once, in milliseconds. */
  busyMs: number;
  /** Time in a Ready presence (Ready or Ready (Outbound)), in milliseconds. */
  readyMs: number;
}

/** The figures of one clock hour (inbound calls count in the hour they arrived). */
export interface HourFigures {
  /** The hour's first millisecond (UTC). */
  startMs: number;
  inbound: number;
  outbound: number;
  answered: number;
  abandoned: number;
  voicemail: number;
  answeredWithinThreshold: number;
  /** Answered within the threshold ÷ (answered + abandoned); `null` with neither. */
  serviceLevel: number | null;
  /** Busy ÷ ready time of the hour; `null` when it cannot be told. */
  occupancy: number | null;
  /** Calls the scenario expects in this hour, when the report was given its profile. */
  expected?: number;
}

/** The figures a contact-centre person checks first, over the whole run. */
export interface RunKpis {
  /** Inbound interactions: answered + abandoned + voicemail + still waiting at the end. */
  offered: number;
  answered: number;
  abandoned: number;
  voicemail: number;
  /** Inbound interactions still undecided when the run ended. */
  open: number;
  /** Abandoned ÷ offered. */
  abandonmentRate: number | null;
  /** Answered within the threshold ÷ (answered + abandoned). */
  serviceLevel: number | null;
  /** Average speed of answer: the mean wait of answered calls, in milliseconds. */
  asaMs: number | null;
  /** Time on interactions ÷ time ready (see {@link RunReport.occupancyBasis}). */
  occupancy: number | null;
  outbound: number;
  outboundConnected: number;
  outboundUnanswered: number;
}

/** What a report shows, derived from the notifications alone (a consumer's view). */
export interface RunReport {
  /** Notifications read, of any type, duplicates included. */
  notifications: number;
  byType: Record<string, number>;
  /** Values that were not VCC notifications (no type, ids or timestamp), skipped. */
  ignored: number;
  /** First and last `data.timestamp` seen (ms since 1970); absent for an empty run. */
  firstMs?: number;
  lastMs?: number;
  serviceLevelThresholdMs: number;
  kpis: RunKpis;
  hours: HourFigures[];
  /**
   * Levels over the run, as time-weighted means per bucket of `widthMs`: `[bucket start, inbound
   * calls waiting for an agent, agents busy, agents ready]`.
   */
  levels: { widthMs: number; points: Array<[number, number, number, number]> };
  /**
   * `presence`: occupancy divides by time in Ready (from `agent.presencechanged`); `run`: the run
   * has no presence notifications, so every agent seen counts as ready for the whole run; `none`:
   * no agent channel was seen.
   */
  occupancyBasis: 'presence' | 'run' | 'none';
  /** Presence states seen, which presence bars index. */
  presenceStates: Array<{ kind: PresenceKind; description: string }>;
  agents: AgentTimeline[];
  /** Agents beyond the timeline's limit: counted in the figures, not drawn. */
  agentsNotDrawn: number;
  /** Bars closer than this were merged to keep the page small (0: none were). */
  timelineResolutionMs: number;
  /** What the notifications could not tell, for a person reading the report. */
  notes: string[];
}

/** Options of the report's aggregation. */
export interface RunReportOptions {
  /** The service-level threshold (default 20 s). */
  serviceLevelThresholdMs?: number;
}
