import type { Sampler } from './distribution.js';
import type { Hours } from './hours.js';
import type { RosterModel } from './roster.js';
import type {
  AgentDefinition,
  FlowName,
  MissedCallDefinition,
  TargetsDefinition,
  TimingsDefinition,
  Work,
} from './types.js';

/**
 * A scenario as the simulation runs it: `compileScenario` checks a definition and builds this
 * model. Types only, so the runs (calls, agents) can name them without importing the compiler.
 */

/** The timings a flow can draw. */
export type TimingName = keyof TimingsDefinition;

/** A team ready to simulate: its index is its position in the scenario. */
export interface TeamModel {
  index: number;
  name: string;
  agents: AgentDefinition[];
  supervisors: AgentDefinition[];
  /** The team's shifts, one per agent in order; undefined when agents are logged in throughout. */
  roster: RosterModel | undefined;
  /** What a team without a roster works on. */
  work: Work;
}

/** A mix entry ready to simulate. */
export interface FlowModel {
  flow: FlowName;
  direction: 'inbound' | 'outbound';
  weight: number;
  /** Indices of the teams that can take this flow (one, when the mix entry names it). */
  teams: number[];
  /** Cumulative weights of `teams` (their numbers of agents), for a weighted draw. */
  teamWeights: number[];
  timings: Record<TimingName, Sampler>;
}

/** Arrivals with durations in milliseconds. */
export type ArrivalsModel =
  | { process: 'rate' | 'poisson'; perHour: number }
  | { process: 'bursts'; everyMs: number; size: number; spreadMs: number }
  | { process: 'profile'; perDay: number; hourly: number[] };

/** Everything `simulate` needs, parsed and checked. */
export interface ScenarioModel {
  seed: number;
  startMs: number;
  calls: number | undefined;
  durationMs: number | undefined;
  arrivals: ArrivalsModel;
  sendLag: Sampler;
  teams: TeamModel[];
  flows: FlowModel[];
  diallingHours: Hours;
  voicemail: {
    maxWait: number | undefined;
    noAgentLoggedIn: boolean;
    openingHours: Hours | undefined;
  };
  missedCall: { then: NonNullable<MissedCallDefinition['then']>; for: Sampler };
  targets: TargetsDefinition | undefined;
  answerWithinMs: number;
}
