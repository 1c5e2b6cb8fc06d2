import type { EventType } from '../contract/index.js';

/**
 * A duration as scenario files write it: milliseconds as a number, or text such as `"250ms"`,
 * `"45s"`, `"3m"`, `"1h30m"` or `"1.5s"`.
 */
export type DurationText = number | string;

/**
 * How a duration is drawn. A bare duration is fixed; the others draw from the named distribution.
 * `lognormal` is given by two percentiles, as people describe handling times ("median 3 minutes,
 * 90% under 10").
 */
export type DistributionDefinition =
  | DurationText
  | { distribution: 'fixed'; value: DurationText }
  | { distribution: 'uniform'; min: DurationText; max: DurationText }
  | { distribution: 'exponential'; mean: DurationText }
  | { distribution: 'lognormal'; median: DurationText; p90: DurationText }
  | {
      distribution: 'normal';
      mean: DurationText;
      sd: DurationText;
      min?: DurationText;
      max?: DurationText;
    };

/** When calls arrive. Rates are per hour; the run stops after `calls` or `duration`. */
export type ArrivalsDefinition =
  /** Evenly spaced. */
  | { process: 'rate'; perHour: number }
  /** A Poisson process: exponential gaps with this mean rate. */
  | { process: 'poisson'; perHour: number }
  /** `size` calls spread over `spread`, every `every`. */
  | { process: 'bursts'; every: DurationText; size: number; spread?: DurationText }
  /** A Poisson process whose rate follows 24 hourly weights, `perDay` calls a day in all. */
  | { process: 'profile'; perDay: number; hourly: number[] };

/** An agent with a stable identity, as VCC reports it and as reports name it. */
export interface AgentDefinition {
  agentId: string;
  userId: string;
  name: string;
}

/** A team: agents who answer its queue, and supervisors who may monitor its calls. */
export interface TeamDefinition {
  name: string;
  /** A number of generated agents, or explicit identities. */
  agents: number | AgentDefinition[];
  supervisors?: number | AgentDefinition[];
}

/** The name of a call flow: vcc-sim plays one per built-in scenario. */
export type FlowName =
  | 'inbound-answered'
  | 'inbound-abandoned'
  | 'inbound-voicemail'
  | 'inbound-rerouted'
  | 'outbound-answered'
  | 'outbound-unanswered'
  | 'warm-transfer'
  | 'supervisor-monitoring'
  | 'hold-retrieve'
  | 'park-unpark'
  | 'email-interrupted';

/** The durations a flow draws; a scenario sets defaults, each mix entry may override some. */
export interface TimingsDefinition {
  /** From a customer's arrival until routing offers the call to an agent, when one is free. */
  routing?: DistributionDefinition;
  /** How long an agent's phone rings before they answer. */
  ring?: DistributionDefinition;
  /** How long a ringing agent is given before the call is rerouted (connectionfailed). */
  ringTimeout?: DistributionDefinition;
  /** How long a waiting customer stays in the queue before hanging up. */
  patience?: DistributionDefinition;
  /** How long an outbound customer's phone rings before they answer, or until it gives up. */
  dial?: DistributionDefinition;
  talk?: DistributionDefinition;
  hold?: DistributionDefinition;
  park?: DistributionDefinition;
  wrap?: DistributionDefinition;
  /** How long a customer speaks to voicemail. */
  voicemail?: DistributionDefinition;
  /** How long the first agent and the transferee talk before the first agent leaves. */
  consult?: DistributionDefinition;
  /** How long a supervisor listens in. */
  monitor?: DistributionDefinition;
  /** How long the interrupting call lasts in `email-interrupted`. */
  interruption?: DistributionDefinition;
}

/** One flow of a scenario's mix: how often it happens, for which team, with which timings. */
export interface MixEntryDefinition {
  flow: FlowName;
  /** Relative weight in the mix (default 1). */
  weight?: number;
  /** The team whose queue takes these calls (default: any team, chosen by weight of agents). */
  team?: string;
  timings?: TimingsDefinition;
}

/** A scenario as written in a file (`scenarios/*.yaml`), described by `scenarios/scenario.schema.json`. */
export interface ScenarioDefinition {
  $schema?: string;
  name: string;
  description: string;
  /** Default seed; `--seed` overrides it. */
  seed?: number;
  /** The scenario clock's first instant (ISO 8601 UTC). */
  start?: string;
  /** Stop after this many calls… */
  calls?: number;
  /** …or after this much scenario time, whichever comes first. */
  duration?: DurationText;
  arrivals: ArrivalsDefinition;
  /** The delay from an event (`data.timestamp`) to its notification (`time`). */
  sendLag?: DistributionDefinition;
  /** How fast `push` plays the scenario: 1 is real time; `max` is as fast as possible. */
  speed?: number | 'max';
  teams: TeamDefinition[];
  timings?: TimingsDefinition;
  mix: MixEntryDefinition[];
}

/** A validated scenario with its durations parsed, ready for {@link simulate}. */
export interface Scenario {
  readonly definition: ScenarioDefinition;
  /** Where it came from (a file path or a built-in name), for messages. */
  readonly source: string;
}

/** Options of a run; each overrides the scenario's own value. */
export interface SimulateOptions {
  seed?: number;
  /** The scenario clock's first instant. */
  start?: string | Date;
  /** Stop after this many calls. */
  calls?: number;
  /** Stop after this much scenario time. */
  duration?: DurationText;
  /** Arrival intensity in calls per hour (scales the scenario's process to this mean rate). */
  rate?: number;
  /**
   * Which notification types to emit: VCC-style names with `*` wildcards (`channel.connected.v0`,
   * `channel.*`). Default `channel.connected.v0`. An event whose type has several matching versions
   * is sent once per version, as VCC does for subscribers of each.
   */
  events?: string | readonly string[];
  /** Leave out the event types VCC does not document (inferred v1s such as `channel.ended.v1`). */
  documentedOnly?: boolean;
  /** Only the calls of these teams: a shard. The union of disjoint shards is the whole run. */
  teams?: readonly string[];
  /** Called once per call when its last event is generated, for statistics. */
  onCall?: (call: CallSummary) => void;
}

/** How a call ended, for statistics. */
export type CallOutcome =
  'answered' | 'abandoned' | 'voicemail' | 'rerouted' | 'unanswered' | 'transferred';

/** What happened to one call, in milliseconds. */
export interface CallSummary {
  index: number;
  flow: FlowName;
  team: string;
  outcome: CallOutcome;
  /** Agent ids that handled the call, in order. */
  agents: string[];
  /** Milliseconds since the scenario start. */
  arrivedAt: number;
  /** Each drawn or measured duration, by timing name (`queue` is measured, not drawn). */
  durations: Partial<Record<keyof TimingsDefinition | 'queue', number>>;
}

/** Looks up whether a type passes an event filter. */
export type EventFilter = (type: EventType) => boolean;
