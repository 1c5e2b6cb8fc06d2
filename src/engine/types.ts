import type { DefaultPresenceKey, EventType } from '../contract/index.js';

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
  /** A name for reports; without one, `peopleNames` makes one up (faker, seeded by the run). */
  name?: string;
}

/** Every presence the engine puts agents in: VCC's default presence states, by their key. */
export type PresenceName = DefaultPresenceKey;

/** A presence an agent takes between stretches of work (VCC's default away and extended-away states). */
export type BreakPresence = Exclude<PresenceName, 'ready' | 'readyOutbound' | 'loggedOut'>;

/**
 * What an agent works on while logged in: `inbound` agents are Ready and are offered queued calls;
 * `outbound` agents are Ready (Outbound) and dial the team's outbound contacts.
 */
export type Work = 'inbound' | 'outbound';

/** A time of day, UTC, as `"HH:MM"` (`"24:00"` is the end of the day). */
export type TimeOfDay = string;

/** A daily window, UTC; `to` before `from` runs over midnight. */
export interface HoursDefinition {
  from: TimeOfDay;
  to: TimeOfDay;
}

/** A shift pattern: `agents` agents log in at `start` every day and work `length`. */
export interface ShiftDefinition {
  start: TimeOfDay;
  agents: number;
  /** Default: the roster's `shiftLength` (8h). */
  length?: DurationText;
  /** Default: the roster's `work` (inbound). */
  work?: Work;
}

/** A break every shift takes (unless `chance` says otherwise), `after` its login. */
export interface BreakDefinition {
  presence: BreakPresence;
  /** How long after login it falls due. */
  after: DistributionDefinition;
  length: DistributionDefinition;
  /** The share of shifts that take it (default 1). */
  chance?: number;
}

/**
 * When a team's agents work: hourly staffing (agents on shift in each UTC hour, turned into shifts
 * of `shiftLength`) or explicit shifts. Agents work the same shift every day.
 */
export interface RosterDefinition {
  hourly?: number[];
  shifts?: ShiftDefinition[];
  shiftLength?: DurationText;
  work?: Work;
  /** The breaks of every shift (default: two 15-minute breaks, a lunch and maybe a comfort break). */
  breaks?: BreakDefinition[];
}

/** A team: agents who answer its queue, and supervisors who may monitor its calls. */
export interface TeamDefinition {
  name: string;
  /**
   * A number of generated agents, or explicit identities. With a roster it may be left out: the team
   * gets as many agents as its shifts need.
   */
  agents?: number | AgentDefinition[];
  supervisors?: number | AgentDefinition[];
  /** Without a roster, every agent is logged in for the whole run, working `work`. */
  roster?: RosterDefinition;
  /** The work of a team without a roster (default: outbound when all its flows are outbound). */
  work?: Work;
}

/** When a caller goes to voicemail instead of waiting on (each rule is off unless stated). */
export interface VoicemailDefinition {
  /** A caller who has waited this long in the queue is sent to voicemail. */
  maxWait?: DurationText;
  /** Calls to a team with no inbound agent logged in go to voicemail. */
  noAgentLoggedIn?: boolean;
  /** Calls that reach the queue outside these hours go to voicemail. */
  openingHours?: HoursDefinition;
}

/** What happens to an agent who lets an offered call ring out. */
export interface MissedCallDefinition {
  /**
   * `away` (default): their presence becomes Away, then Ready again after `for`. `unexpected`: their
   * presence stays Ready but routing offers them nothing for `for` (VCC's Unexpected agent state).
   */
  then?: 'away' | 'unexpected';
  for?: DistributionDefinition;
}

/** Service targets `--stats` puts beside the figures. */
export interface TargetsDefinition {
  /** Percent of calls answered within `answerWithin`, over answered + abandoned. */
  serviceLevel?: number;
  /** The service level's threshold (default 20s). */
  answerWithin?: DurationText;
  /** Highest acceptable percent of offered calls abandoned. */
  abandonment?: number;
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
  /**
   * How long a phone may ring before the attempt fails (connectionfailed): an agent who has not
   * answered by then misses the call, an outbound customer who has not picked up is a no-answer.
   */
  ringTimeout?: DistributionDefinition;
  /** How long an outbound call to a busy number takes to fail. */
  busy?: DistributionDefinition;
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
  /** When outbound calls may be dialled (default 08:00–20:00 UTC). */
  diallingHours?: HoursDefinition;
  voicemail?: VoicemailDefinition;
  missedCall?: MissedCallDefinition;
  targets?: TargetsDefinition;
}

/** A validated scenario with its durations parsed, ready for {@link simulate}. */
export interface Scenario {
  readonly definition: ScenarioDefinition;
  /** Where it came from (a file path or a built-in name), for messages. */
  readonly source: string;
  /** What loads but may not mean what the author thinks (a JSON Pointer and why), for the CLI to print. */
  readonly warnings: readonly string[];
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
  /**
   * Only the calls and agents of these teams: a shard. The union of disjoint shards is the whole
   * run (an agent's presence notifications belong to their team).
   */
  teams?: readonly string[];
  /**
   * Only this shard's part of the run: the `count` shards of one seed are disjoint and together
   * are the run, byte for byte (see {@link planShard}).
   */
  shard?: ShardOption;
  /** Told what happens in the run (calls, agents' time), for statistics. */
  observer?: SimulationObserver;
}

/**
 * How a run is split: `teams` gives each shard whole teams (each shard simulates only its own);
 * `calls` gives each shard every `count`-th call and agent (each shard simulates the whole run and
 * emits its share); `auto` (the default) takes teams when they split evenly enough, calls otherwise.
 */
export type ShardBy = 'auto' | 'teams' | 'calls';

/** One shard of a run: `index` counts from 0 (as Kubernetes' `JOB_COMPLETION_INDEX`) to `count - 1`. */
export interface ShardOption {
  index: number;
  count: number;
  by?: ShardBy;
}

/** What one shard plays, as {@link planShard} decides it. */
export interface ShardPlan {
  index: number;
  count: number;
  by: Exclude<ShardBy, 'auto'>;
  /**
   * By `teams`: the teams this shard simulates. By `calls`: the teams every shard simulates in
   * full, of which this one emits every `count`-th call and agent.
   */
  teams: string[];
  /**
   * The `time` of the whole run's first notification, whichever shard has it: shards paced from
   * it (`pushNotifications`' `paceFrom`) keep the single run's schedule. Undefined for an empty run.
   */
  firstTime: string | undefined;
}

/** Options of `peopleNames`. */
export interface PeopleNamesOptions {
  /** The run's seed (default: the scenario's, as `simulate` takes it): other seeds, other names. */
  seed?: number;
  /** One of faker's locales, such as `de`, `fr_CA` (or `fr-CA`) or `ja` (default `en`). */
  locale?: string;
}

/** Each person's name by `agentId`: the agents and supervisors of every team. */
export type PeopleNames = ReadonlyMap<string, string>;

/** Receives what a run does besides its notifications; {@link StatisticsCollector} is one. */
export interface SimulationObserver {
  /** Called once, when the run starts. */
  start?(run: RunInfo): void;
  /** Called once per call, when its last event is generated. */
  call?(call: CallSummary): void;
  /** Called for each stretch of an agent's time (a presence, or an interaction), when it ends. */
  agent?(span: AgentSpan): void;
}

/** What a run is about, for statistics. */
export interface RunInfo {
  /** The scenario clock's first instant, milliseconds since 1970. */
  startMs: number;
  teams: readonly { name: string; agents: number }[];
  targets: TargetsDefinition | undefined;
  /** The service level's threshold (the scenario's `targets.answerWithin`, default 20 s). */
  answerWithinMs: number;
}

/**
 * A stretch of one agent's time, in milliseconds since the scenario start: a presence (from one
 * change to the next, `loggedOut` included), or an interaction (`busy`: from the first ring to the
 * end of wrap). Spans of an agent's presences tile the run.
 */
export interface AgentSpan {
  team: string;
  agentId: string;
  kind: PresenceName | 'busy';
  from: number;
  to: number;
}

/** How a call ended, for statistics. */
export type CallOutcome =
  'answered' | 'abandoned' | 'voicemail' | 'unanswered' | 'busy' | 'not-dialled';

/** What happened to one call, in milliseconds. */
export interface CallSummary {
  index: number;
  flow: FlowName;
  team: string;
  direction: 'inbound' | 'outbound';
  /** The ids its notifications carry (`data.channel.conversationId`, `interactionId`). */
  conversationId: string;
  interactionId: string;
  outcome: CallOutcome;
  /** Agent ids that handled the call, in order. */
  agents: string[];
  /** Milliseconds since the scenario start. */
  arrivedAt: number;
  /** When the call joined its team's queue (inbound) or dial list (outbound). */
  queuedAt: number | undefined;
  /** From joining the queue until an agent answered, the caller hung up or voicemail took the call. */
  waited: number | undefined;
  /** Agents who let the call ring out before it was answered (each a reroute). */
  missed: number;
  /** Whether the call was handed to a second agent (warm transfer). */
  transferred: boolean;
  /** Each drawn or measured duration, by timing name (`queue` is measured, not drawn). */
  durations: Partial<Record<keyof TimingsDefinition | 'queue', number>>;
}

/** Looks up whether a type passes an event filter. */
export type EventFilter = (type: EventType) => boolean;
