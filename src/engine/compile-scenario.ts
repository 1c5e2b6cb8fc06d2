import {
  DEFAULT_ANSWER_WITHIN,
  DEFAULT_DIALLING_HOURS,
  DEFAULT_MISSED_CALL,
  DEFAULT_SEED,
  DEFAULT_SEND_LAG,
  DEFAULT_START,
  DEFAULT_TIMINGS,
} from './defaults.js';
import { countOf } from '../internal/count.js';
import { compileDistribution, type Sampler } from './distribution.js';
import { requireDuration } from './duration.js';
import { FLOWS } from './flows.js';
import { compileHours } from './hours.js';
import { generatePeople } from './people.js';
import { compileRoster } from './roster.js';
import type { ArrivalsModel, FlowModel, ScenarioModel, TeamModel, TimingName } from './model.js';
import { ScenarioProblem } from './scenario-problem.js';
import type {
  AgentDefinition,
  ArrivalsDefinition,
  FlowName,
  Scenario,
  ScenarioDefinition,
  TimingsDefinition,
  Work,
} from './types.js';

/** Flows whose names promised an outcome the queue now decides; they play as plain inbound calls. */
const OUTCOME_FLOWS: Partial<Record<FlowName, string>> = {
  'inbound-abandoned':
    'callers abandon when their patience (timings.patience) runs out before an agent is free',
  'inbound-voicemail':
    'callers reach voicemail by the scenario\'s "voicemail" rules (maxWait, noAgentLoggedIn, openingHours)',
};

/** Flows that need a second agent in the same team, or a supervisor. */
const NEEDS_TWO_AGENTS: ReadonlySet<FlowName> = new Set(['warm-transfer', 'inbound-rerouted']);
const NEEDS_SUPERVISOR: ReadonlySet<FlowName> = new Set(['supervisor-monitoring']);

function workOf(flow: FlowName): Work {
  return FLOWS[flow].direction;
}

/** How many of a team's agents can work on `work`. */
function agentsFor(team: TeamModel, work: Work): number {
  if (!team.roster) return team.work === work ? team.agents.length : 0;
  return team.roster.shifts.filter((shift) => shift.work === work).length;
}

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
    const pointer = `/teams/${index}`;
    if (definition.teams.findIndex((other) => other.name === team.name) !== index) {
      throw new ScenarioProblem(`${pointer}/name`, `repeats the team name "${team.name}"`);
    }
    const roster = team.roster ? compileRoster(team.roster, `${pointer}/roster`) : undefined;
    let agents = team.agents;
    if (roster) {
      const needed = roster.shifts.length;
      const given = Array.isArray(agents) ? agents.length : agents;
      if (given !== undefined && given < needed) {
        throw new ScenarioProblem(
          `${pointer}/agents`,
          `is ${given}, but the roster has ${countOf(needed, 'shift')} (one agent each): give at least ${countOf(needed, 'agent')}, or leave "agents" out`,
        );
      }
      agents ??= needed;
    } else if (agents === undefined) {
      throw new ScenarioProblem(pointer, 'needs "agents", or a "roster" that says who works when');
    }
    const reachable = definition.mix.filter(
      (entry) => entry.team === undefined || entry.team === team.name,
    );
    const inferred: Work =
      reachable.length > 0 && reachable.every((entry) => workOf(entry.flow) === 'outbound')
        ? 'outbound'
        : 'inbound';
    return {
      index,
      name: team.name,
      agents: people(agents, nextAgentNumber),
      supervisors: [],
      roster,
      work: team.work ?? inferred,
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

  const warnings: string[] = [];
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
    const work = workOf(entry.flow);
    const eligible = candidates.filter(
      (model) =>
        agentsFor(model, work) > (NEEDS_TWO_AGENTS.has(entry.flow) ? 1 : 0) &&
        (!NEEDS_SUPERVISOR.has(entry.flow) || model.supervisors.length > 0),
    );
    if (eligible.length === 0) {
      const need = NEEDS_SUPERVISOR.has(entry.flow)
        ? 'supervisors'
        : `${NEEDS_TWO_AGENTS.has(entry.flow) ? 'at least two ' : ''}${work} agents (a team's "work", or roster shifts with "work": "${work}")`;
      throw new ScenarioProblem(pointer, `${entry.flow} needs a team with ${need}`);
    }
    const outcome = OUTCOME_FLOWS[entry.flow];
    if (outcome !== undefined) {
      warnings.push(
        `${pointer}/flow: "${entry.flow}" plays as an inbound call ("inbound-answered"): ${outcome}`,
      );
    }
    let total = 0;
    const teamWeights = eligible.map((model) => (total += agentsFor(model, work)));
    return {
      flow: entry.flow,
      direction: work,
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
  const voicemail = definition.voicemail ?? {};
  const missedCall = definition.missedCall ?? {};
  return {
    definition,
    source,
    warnings,
    model: {
      seed: definition.seed ?? DEFAULT_SEED,
      startMs,
      calls: definition.calls,
      durationMs,
      arrivals: compileArrivals(definition.arrivals),
      sendLag: compileDistribution(definition.sendLag ?? DEFAULT_SEND_LAG, '/sendLag'),
      teams,
      flows,
      diallingHours: compileHours(
        definition.diallingHours ?? DEFAULT_DIALLING_HOURS,
        definition.diallingHours ? '/diallingHours' : '(default dialling hours)',
      ),
      voicemail: {
        maxWait:
          voicemail.maxWait === undefined
            ? undefined
            : requireDuration(voicemail.maxWait, '/voicemail/maxWait'),
        noAgentLoggedIn: voicemail.noAgentLoggedIn === true,
        openingHours: voicemail.openingHours
          ? compileHours(voicemail.openingHours, '/voicemail/openingHours')
          : undefined,
      },
      missedCall: {
        then: missedCall.then ?? DEFAULT_MISSED_CALL.then,
        for: compileDistribution(
          missedCall.for ?? DEFAULT_MISSED_CALL.for,
          missedCall.for ? '/missedCall/for' : '(default missedCall.for)',
        ),
      },
      targets: definition.targets,
      answerWithinMs: requireDuration(
        definition.targets?.answerWithin ?? DEFAULT_ANSWER_WITHIN,
        '/targets/answerWithin',
      ),
    },
  };
}
