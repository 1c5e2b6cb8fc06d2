import { DEFAULT_SEED, DEFAULT_SEND_LAG, DEFAULT_START, DEFAULT_TIMINGS } from './defaults.js';
import { compileDistribution, type Sampler } from './distribution.js';
import { requireDuration } from './duration.js';
import { generatePeople } from './people.js';
import { ScenarioProblem } from './scenario-problem.js';
import type {
  AgentDefinition,
  ArrivalsDefinition,
  FlowName,
  Scenario,
  ScenarioDefinition,
  TimingsDefinition,
} from './types.js';

/** The timings a flow can draw. */
export type TimingName = keyof TimingsDefinition;

/** A team ready to simulate: its index is its position in the scenario. */
export interface TeamModel {
  index: number;
  name: string;
  agents: AgentDefinition[];
  supervisors: AgentDefinition[];
}

/** A mix entry ready to simulate. */
export interface FlowModel {
  flow: FlowName;
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
}

/** Flows that need a second agent free in the same team, or a supervisor. */
const NEEDS_TWO_AGENTS: ReadonlySet<FlowName> = new Set(['warm-transfer', 'inbound-rerouted']);
const NEEDS_SUPERVISOR: ReadonlySet<FlowName> = new Set(['supervisor-monitoring']);
/** Flows that never reach an agent. */
const AGENTLESS: ReadonlySet<FlowName> = new Set(['inbound-abandoned', 'inbound-voicemail']);

function compileArrivals(arrivals: ArrivalsDefinition): ArrivalsModel {
  switch (arrivals.process) {
    case 'rate':
    case 'poisson':
      return { process: arrivals.process, perHour: arrivals.perHour };
    case 'bursts': {
      const everyMs = requireDuration(arrivals.every, '/arrivals/every');
      if (everyMs <= 0) throw new ScenarioProblem('/arrivals/every', 'must be longer than 0');
      const spreadMs =
        arrivals.spread === undefined ? 0 : requireDuration(arrivals.spread, '/arrivals/spread');
      return { process: 'bursts', everyMs, size: arrivals.size, spreadMs };
    }
    case 'profile':
      if (!arrivals.hourly.some((weight) => weight > 0)) {
        throw new ScenarioProblem(
          '/arrivals/hourly',
          'needs at least one hour with a weight above 0',
        );
      }
      return { process: 'profile', perDay: arrivals.perDay, hourly: arrivals.hourly };
  }
}

function compileTimings(
  scenarioTimings: TimingsDefinition | undefined,
  entryTimings: TimingsDefinition | undefined,
  entryPointer: string,
): Record<TimingName, Sampler> {
  const names = Object.keys(DEFAULT_TIMINGS) as TimingName[];
  return Object.fromEntries(
    names.map((name) => {
      const own = entryTimings?.[name];
      const shared = scenarioTimings?.[name];
      const definition = own ?? shared ?? DEFAULT_TIMINGS[name];
      const pointer =
        own !== undefined
          ? `${entryPointer}/timings/${name}`
          : shared !== undefined
            ? `/timings/${name}`
            : `(default ${name})`;
      return [name, compileDistribution(definition, pointer)];
    }),
  ) as Record<TimingName, Sampler>;
}

function people(
  value: number | AgentDefinition[] | undefined,
  next: { number: number },
): AgentDefinition[] {
  if (Array.isArray(value)) return value;
  const generated = generatePeople(next.number, value ?? 0);
  next.number += generated.length;
  return generated;
}

/**
 * Checks what the schema cannot (team references, staffing, value ranges) and compiles a
 * definition into the model `simulate` runs.
 * @throws {ScenarioProblem} with the JSON Pointer of the offending value
 */
export function compileScenario(
  definition: ScenarioDefinition,
  source: string,
): Scenario & { model: ScenarioModel } {
  const nextAgentNumber = { number: 1001 };
  const teams = definition.teams.map((team, index): TeamModel => {
    if (definition.teams.findIndex((other) => other.name === team.name) !== index) {
      throw new ScenarioProblem(`/teams/${index}/name`, `repeats the team name "${team.name}"`);
    }
    return {
      index,
      name: team.name,
      agents: people(team.agents, nextAgentNumber),
      supervisors: [],
    };
  });
  definition.teams.forEach((team, index) => {
    teams[index]!.supervisors = people(team.supervisors, nextAgentNumber);
  });
  const ids = new Set<string>();
  for (const [index, team] of teams.entries()) {
    for (const person of [...team.agents, ...team.supervisors]) {
      if (ids.has(person.agentId)) {
        throw new ScenarioProblem(`/teams/${index}`, `repeats the agentId "${person.agentId}"`);
      }
      ids.add(person.agentId);
    }
  }

  const flows = definition.mix.map((entry, index): FlowModel => {
    const pointer = `/mix/${index}`;
    const team =
      entry.team === undefined
        ? undefined
        : teams.findIndex((candidate) => candidate.name === entry.team);
    if (team === -1) {
      throw new ScenarioProblem(
        `${pointer}/team`,
        `names no team of this scenario (teams: ${teams.map((candidate) => candidate.name).join(', ')})`,
      );
    }
    const candidates = team === undefined ? teams : [teams[team]!];
    const eligible = candidates.filter(
      (model) =>
        (AGENTLESS.has(entry.flow) || model.agents.length > 0) &&
        (!NEEDS_TWO_AGENTS.has(entry.flow) || model.agents.length > 1) &&
        (!NEEDS_SUPERVISOR.has(entry.flow) || model.supervisors.length > 0),
    );
    if (eligible.length === 0) {
      const need = NEEDS_SUPERVISOR.has(entry.flow)
        ? 'supervisors'
        : NEEDS_TWO_AGENTS.has(entry.flow)
          ? 'at least two agents'
          : 'agents';
      throw new ScenarioProblem(pointer, `${entry.flow} needs a team with ${need}`);
    }
    let total = 0;
    const teamWeights = eligible.map((model) => (total += Math.max(model.agents.length, 1)));
    return {
      flow: entry.flow,
      weight: entry.weight ?? 1,
      teams: eligible.map((model) => model.index),
      teamWeights,
      timings: compileTimings(definition.timings, entry.timings, pointer),
    };
  });

  if (definition.calls === undefined && definition.duration === undefined) {
    throw new ScenarioProblem('', 'needs "calls" or "duration", to know when to stop');
  }
  const startText = definition.start ?? DEFAULT_START;
  const startMs = Date.parse(startText);
  if (Number.isNaN(startMs))
    throw new ScenarioProblem('/start', `is not a date-time (got "${startText}")`);
  const durationMs =
    definition.duration === undefined
      ? undefined
      : requireDuration(definition.duration, '/duration');
  return {
    definition,
    source,
    model: {
      seed: definition.seed ?? DEFAULT_SEED,
      startMs,
      calls: definition.calls,
      durationMs,
      arrivals: compileArrivals(definition.arrivals),
      sendLag: compileDistribution(definition.sendLag ?? DEFAULT_SEND_LAG, '/sendLag'),
      teams,
      flows,
    },
  };
}
