import { VccSimError } from '../errors.js';
import type { ScenarioModel } from './model.js';
import type { ShardBy, ShardOption, SimulationObserver } from './types.js';

/**
 * How a run splits into shards that add up to it exactly. Calls and agents are coupled only
 * within their team (its queue, its agents), so whole teams can be simulated apart: by `teams`,
 * each shard simulates only its own teams, and the work divides. Within one team nothing can be
 * split without changing what happens, so by `calls` every shard simulates the whole run and
 * emits only its share (every `count`-th call and agent): exact, but the simulation is repeated in
 * each shard; only the rendering and the delivery divide.
 */

/** The busiest shard may carry this much more than an even share before `auto` splits by calls. */
const EVEN_ENOUGH = 1.25;

/** A shard, decided: which teams the simulation runs, and which of their notifications it keeps. */
export interface ShardSelection {
  index: number;
  count: number;
  by: Exclude<ShardBy, 'auto'>;
  /** Team indices to simulate. */
  teams: ReadonlySet<number>;
  /** By calls: whether a notification made by `order` (a call's index, or -1 - an agent's ordinal) is this shard's. */
  owns: ((order: number) => boolean) | undefined;
}

function usage(message: string): VccSimError {
  return new VccSimError('usage', message);
}

/** Checks a shard option. @throws {VccSimError} code `usage` naming what is wrong. */
function checkedShard(shard: ShardOption): Required<ShardOption> {
  const { index, count, by = 'auto' } = shard;
  if (!Number.isSafeInteger(count) || count < 1) {
    throw usage(`The shard count must be a whole number of 1 or more (got ${count}).`);
  }
  if (!Number.isSafeInteger(index) || index < 0 || index >= count) {
    throw usage(
      `The shard index must be a whole number from 0 to ${count - 1}: shards count from 0 (got ${index}).`,
    );
  }
  if (by !== 'auto' && by !== 'teams' && by !== 'calls') {
    throw usage(`A run is split by "teams", "calls" or "auto" (got "${String(by)}").`);
  }
  return { index, count, by };
}

/**
 * Each team's expected share of the run's calls: the mix's weights, then each flow's choice of
 * team (by number of agents), as the simulation draws them.
 */
function callShares(model: ScenarioModel): number[] {
  const shares = model.teams.map(() => 0);
  const totalWeight = model.flows.reduce((sum, flow) => sum + flow.weight, 0);
  for (const flow of model.flows) {
    const total = flow.teamWeights.at(-1) ?? 0;
    if (total <= 0 || totalWeight <= 0) continue;
    let previous = 0;
    flow.teams.forEach((team, position) => {
      const cumulative = flow.teamWeights[position]!;
      shares[team]! += (flow.weight / totalWeight) * ((cumulative - previous) / total);
      previous = cumulative;
    });
  }
  return shares;
}

/**
 * Whole teams to `count` shards, the busiest first, each to the shard carrying least so far
 * (ties to the lower shard, then the team earlier in the scenario): the same teams give the same
 * partition on every machine.
 */
function teamPartition(model: ScenarioModel, scope: readonly number[], count: number) {
  const shares = callShares(model);
  const load = (team: number) => shares[team]! + model.teams[team]!.agents.length * 1e-9;
  const order = [...scope].sort((a, b) => load(b) - load(a) || a - b);
  const shards = Array.from({ length: count }, () => ({ teams: [] as number[], load: 0 }));
  for (const team of order) {
    let lightest = shards[0]!;
    for (const shard of shards) if (shard.load < lightest.load) lightest = shard;
    lightest.teams.push(team);
    lightest.load += load(team);
  }
  const total = shards.reduce((sum, shard) => sum + shard.load, 0);
  const busiest = Math.max(...shards.map((shard) => shard.load));
  return {
    teams: shards.map((shard) => shard.teams.sort((a, b) => a - b)),
    even: total > 0 && busiest <= (EVEN_ENOUGH * total) / count,
  };
}

/**
 * Decides what one shard plays: the teams in `scope` (the run's `teams` option, or all) split by
 * team or by call.
 * @throws {VccSimError} code `usage` for a shard that does not exist, or a split by teams of fewer
 *   teams than shards.
 */
export function selectShard(
  model: ScenarioModel,
  scope: ReadonlySet<number> | undefined,
  option: ShardOption,
): ShardSelection {
  const { index, count, by } = checkedShard(option);
  const inScope = model.teams.map((team) => team.index).filter((team) => !scope || scope.has(team));
  let split = by;
  let partition: ReturnType<typeof teamPartition> | undefined;
  if (by !== 'calls' && inScope.length >= count) {
    partition = teamPartition(model, inScope, count);
    if (by === 'auto') split = partition.even ? 'teams' : 'calls';
  } else if (by === 'teams') {
    throw usage(
      `${inScope.length === 1 ? 'One team' : `${inScope.length} teams`} cannot make ${count} shards by team: split by calls instead (each shard then simulates the whole run and sends its share).`,
    );
  } else {
    split = 'calls';
  }
  if (split === 'teams') {
    return { index, count, by: 'teams', teams: new Set(partition!.teams[index]), owns: undefined };
  }
  return {
    index,
    count,
    by: 'calls',
    teams: new Set(inScope),
    owns: (order) => (order >= 0 ? order : -1 - order) % count === index,
  };
}

/** The agents (by team name and agent id) a by-calls shard owns: their ordinals, as the simulation counts them. */
function ownedAgents(model: ScenarioModel, selection: ShardSelection): Set<string> {
  const owned = new Set<string>();
  let ordinal = 0;
  for (const team of model.teams) {
    for (const agent of team.agents) {
      if (selection.owns!(-1 - ordinal++)) owned.add(`${team.name}\u0000${agent.agentId}`);
    }
  }
  return owned;
}

/**
 * An observer told only of the shard's own calls and agents, so the statistics of a by-calls
 * shard describe what it emits (the shards' counts add up to the run's).
 */
export function shardObserver(
  model: ScenarioModel,
  selection: ShardSelection,
  observer: SimulationObserver,
): SimulationObserver {
  const owns = selection.owns!;
  const agents = ownedAgents(model, selection);
  return {
    start: observer.start?.bind(observer),
    call: (call) => {
      if (owns(call.index)) observer.call?.(call);
    },
    agent: (span) => {
      if (agents.has(`${span.team}\u0000${span.agentId}`)) observer.agent?.(span);
    },
  };
}
