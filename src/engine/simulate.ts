import type { VccNotification } from '../contract/index.js';
import { VccSimError } from '../errors.js';
import { withMeanPerHour } from './arrivals.js';
import { compileScenario } from './compile-scenario.js';
import type { ScenarioModel } from './model.js';
import { parseDuration } from './duration.js';
import { eventFilter } from './event-filter.js';
import {
  toJson,
  toNotification,
  writeNdjsonLine,
  type PendingNotification,
} from './pending-notification.js';
import { selectShard, shardObserver, type ShardSelection } from './shard.js';
import { Simulation } from './simulation.js';
import { StatisticsCollector, type RunStatistics, type StatisticsOptions } from './statistics.js';
import type { Scenario, ShardPlan, SimulateOptions } from './types.js';

function usage(message: string): VccSimError {
  return new VccSimError('usage', message);
}

/** The scenario's model with the run's overrides applied. */
export function modelFor(scenario: Scenario, options: SimulateOptions): ScenarioModel {
  const model = { ...compileScenario(scenario.definition, scenario.source).model };
  if (options.seed !== undefined) {
    if (!Number.isSafeInteger(options.seed) || options.seed < 0) {
      throw usage(`The seed must be a whole number of 0 or more (got ${options.seed}).`);
    }
    model.seed = options.seed;
  }
  if (options.start !== undefined) {
    const startMs =
      options.start instanceof Date ? options.start.getTime() : Date.parse(options.start);
    if (Number.isNaN(startMs))
      throw usage(`The start must be an ISO 8601 date-time (got "${String(options.start)}").`);
    model.startMs = startMs;
  }
  if (options.calls !== undefined) {
    if (!Number.isSafeInteger(options.calls) || options.calls < 1) {
      throw usage(
        `The number of calls must be a whole number of 1 or more (got ${options.calls}).`,
      );
    }
    model.calls = options.calls;
    if (options.duration === undefined) model.durationMs = undefined;
  }
  if (options.duration !== undefined) {
    const durationMs = parseDuration(options.duration);
    if (durationMs === undefined || durationMs <= 0) {
      throw usage(
        `The duration must be a duration such as "8h" or "90m" (got "${String(options.duration)}").`,
      );
    }
    model.durationMs = durationMs;
    if (options.calls === undefined) model.calls = undefined;
  }
  if (options.rate !== undefined) {
    if (!(options.rate > 0) || !Number.isFinite(options.rate)) {
      throw usage(`The rate must be a number of calls per hour above 0 (got ${options.rate}).`);
    }
    model.arrivals = withMeanPerHour(model.arrivals, options.rate);
  }
  return model;
}

function shardOf(
  model: ScenarioModel,
  teams: readonly string[] | undefined,
): Set<number> | undefined {
  if (teams === undefined) return undefined;
  return new Set(
    teams.map((name) => {
      const index = model.teams.findIndex((team) => team.name === name);
      if (index === -1) {
        throw usage(
          `No team "${name}" in this scenario (teams: ${model.teams.map((team) => team.name).join(', ')}).`,
        );
      }
      return index;
    }),
  );
}

/**
 * Plays a scenario and returns its notifications in send order (by `time`; ties broken by call and
 * by the order events happened), lazily: nothing is simulated until iterated, and memory holds only
 * the calls in progress, whatever their number. The same scenario and options give the same
 * notifications, byte for byte; a different seed gives different ones.
 *
 * @example
 * for (const notification of simulate(builtInScenario('inbound-answered'), { seed: 7, events: 'channel.*' })) {
 *   console.log(notification.type, notification.time);
 * }
 * @throws {VccSimError} code `usage` for options that cannot apply (an unknown team, a bad filter).
 */
export function simulate(
  scenario: Scenario,
  options: SimulateOptions = {},
): Iterable<VccNotification> {
  return play(scenario, options, toNotification);
}

/**
 * {@link simulate}, each notification already serialised: exactly `JSON.stringify(notification)`,
 * made several times faster. What `vcc-sim generate` writes.
 */
export function simulateJson(scenario: Scenario, options: SimulateOptions = {}): Iterable<string> {
  return play(scenario, options, toJson);
}

/** A piece of NDJSON output: bytes holding whole lines, and how many lines (notifications). */
export interface NdjsonChunk {
  bytes: Uint8Array;
  count: number;
}

/**
 * {@link simulate} as NDJSON bytes (the UTF-8 of {@link simulateJson}'s lines, each ending in a
 * newline), in chunks of about `chunkBytes`, written without building a string per notification.
 * What `vcc-sim generate` writes by default: several times cheaper than serialising objects.
 */
export function* simulateNdjson(
  scenario: Scenario,
  options: SimulateOptions = {},
  chunkBytes = 256 * 1024,
): Generator<NdjsonChunk> {
  let bytes = new Uint8Array(chunkBytes);
  let offset = 0;
  let count = 0;
  for (const pending of play(scenario, options, (item) => item)) {
    let next = writeNdjsonLine(bytes, offset, pending);
    if (next < 0) {
      if (count > 0) yield { bytes: bytes.subarray(0, offset), count };
      // A line longer than a chunk (a very long agent id) gets a chunk of its own size.
      for (let size = chunkBytes; next < 0; size *= 2) {
        bytes = new Uint8Array(size);
        next = writeNdjsonLine(bytes, 0, pending);
      }
      count = 0;
    }
    offset = next;
    count++;
  }
  if (count > 0) yield { bytes: bytes.subarray(0, offset), count };
}

/**
 * Plays a scenario to its end and returns its statistics: calls and outcomes, notifications by
 * type, durations by percentile, and per team and hour of the day the service figures (offered,
 * answered, abandoned, service level, average speed of answer, occupancy, agents logged in) beside
 * the scenario's targets, and each agent's calls and occupancy (named by `names`, from
 * `peopleNames`). What `vcc-sim generate --stats` prints.
 *
 * @example
 * const { service } = runStatistics(builtInScenario('contact-centre-day'));
 * console.log(service.all.total.serviceLevel); // 0.8…
 */
export function runStatistics(
  scenario: Scenario,
  options: Omit<SimulateOptions, 'observer'> & StatisticsOptions = {},
): RunStatistics {
  const { names, ...runOptions } = options;
  const statistics = new StatisticsCollector(names ? { names } : {});
  for (const type of play(scenario, { ...runOptions, observer: statistics }, (item) => item.type)) {
    statistics.addNotification(type);
  }
  return statistics.report();
}

/** The teams the simulation runs and, for a shard split by calls, which notifications it keeps. */
function runScope(model: ScenarioModel, options: SimulateOptions) {
  const teams = shardOf(model, options.teams);
  const shard = options.shard ? selectShard(model, teams, options.shard) : undefined;
  return { teams: shard?.teams ?? teams, shard };
}

function play<T>(
  scenario: Scenario,
  options: SimulateOptions,
  build: (pending: PendingNotification) => T,
): Iterable<T> {
  // Check everything now, not on first iteration, so mistakes surface where they are made.
  const model = modelFor(scenario, options);
  const filter = eventFilter(options.events, { documentedOnly: options.documentedOnly });
  const { teams, shard } = runScope(model, options);
  const owns = shard?.owns;
  const observer =
    owns && options.observer ? shardObserver(model, shard, options.observer) : options.observer;
  return {
    [Symbol.iterator]: () => {
      const simulation = new Simulation({ model, filter, teams, observer });
      return owns ? ownShare(simulation, owns, build) : simulation.run(build);
    },
  };
}

/** A by-calls shard: the whole simulation, of which only its own notifications are rendered. */
function* ownShare<T>(
  simulation: Simulation,
  owns: NonNullable<ShardSelection['owns']>,
  build: (pending: PendingNotification) => T,
): Generator<T> {
  for (const pending of simulation.run((item) => item)) {
    if (owns(pending.order)) yield build(pending);
  }
}

/**
 * Which part of a run one shard plays with `simulate(scenario, { ...options, shard })`: whole
 * teams when the run's teams split evenly enough among the shards (each shard simulates only its
 * own), otherwise every `count`-th call and agent (each shard simulates the whole run and emits its
 * share). Either way the shards of one seed are disjoint and their union is the single run, byte
 * for byte; each shard keeps the single run's order. Also gives the whole run's first `time`, from
 * which pushes of the shards pace to keep the single run's schedule.
 *
 * @example
 * const plan = planShard(builtInScenario('contact-centre-day'), { shard: { index: 0, count: 2 } });
 * plan.by; // 'teams'
 * plan.teams; // ['support']
 * @throws {VccSimError} code `usage` for a shard that does not exist, or a split by teams of fewer
 *   teams than shards.
 */
export function planShard(
  scenario: Scenario,
  options: SimulateOptions & { shard: NonNullable<SimulateOptions['shard']> },
): ShardPlan {
  const model = modelFor(scenario, options);
  const { shard } = runScope(model, options);
  const { shard: _shard, observer: _observer, ...whole } = options;
  let firstTime: string | undefined;
  for (const pending of play(scenario, whole, (item) => item)) {
    firstTime = toNotification(pending).time;
    break;
  }
  return {
    index: shard!.index,
    count: shard!.count,
    by: shard!.by,
    teams: [...shard!.teams].sort((a, b) => a - b).map((team) => model.teams[team]!.name),
    firstTime,
  };
}
