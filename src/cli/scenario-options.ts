import type { Argv } from 'yargs';
import type { Scenario, ShardBy, ShardOption, SimulateOptions } from '../engine/index.js';
import { unknownScenario } from './suggest.js';
import { usageError } from './usage-error.js';

/** The options every command that plays a scenario shares (`generate`, `push`). */
export interface ScenarioArgs {
  scenario?: string;
  seed?: number;
  calls?: number;
  duration?: string;
  start?: string;
  rate?: number;
  events?: string[];
  'documented-only'?: boolean;
  override?: string[];
  teams?: string[];
  shard?: string;
  shards?: string;
  'shard-index-env'?: string;
  'shard-by'?: ShardBy;
}

/** Where `--shards n` reads this shard's index, unless `--shard-index-env` names another variable. */
const DEFAULT_SHARD_INDEX_ENV = 'JOB_COMPLETION_INDEX';

/** Adds the scenario options to a command, in their own help group. */
export function scenarioOptions<T>(yargs: Argv<T>): Argv<T & ScenarioArgs> {
  const group = 'Scenario:';
  const shards = 'Shards (one run split across processes or machines):';
  return yargs
    .option('scenario', {
      alias: 's',
      type: 'string',
      group,
      describe:
        'A built-in scenario (see "vcc-sim scenarios") or a YAML/JSON scenario file [default: inbound-answered]',
    })
    .option('seed', {
      type: 'number',
      group,
      describe: 'Seed of the run: the same seed gives the same notifications',
    })
    .option('calls', {
      type: 'number',
      group,
      describe: 'Number of calls (replaces the scenario’s own stop condition)',
    })
    .option('duration', {
      type: 'string',
      group,
      describe: 'Scenario time to play, e.g. "8h" (replaces the stop condition)',
    })
    .option('start', {
      type: 'string',
      group,
      describe: 'First instant of the scenario clock, ISO 8601 UTC',
    })
    .option('rate', {
      type: 'number',
      group,
      describe: 'Mean arrivals per hour (scales the scenario’s arrival process)',
    })
    .option('events', {
      alias: 'e',
      type: 'string',
      array: true,
      group,
      describe:
        'Event types to emit, with * wildcards, e.g. "channel.*" [default: channel.connected.v0]',
    })
    .option('documented-only', {
      type: 'boolean',
      group,
      describe: 'Leave out the event types VCC documents no page for (inferred v1s)',
    })
    .option('override', {
      alias: 'o',
      type: 'string',
      array: true,
      group,
      describe: 'Change a scenario setting without editing it: path=value, e.g. timings.talk=5m',
    })
    .option('teams', {
      type: 'string',
      array: true,
      group,
      describe:
        'Only the calls and agents of these teams (a shard; disjoint shards add up to the whole run)',
    })
    .option('shard', {
      type: 'string',
      group: shards,
      describe:
        'Play shard i of n (i from 0 to n-1): the n shards of a seed are disjoint and add up to the run, byte for byte',
    })
    .option('shards', {
      type: 'string',
      group: shards,
      describe: `Play one of n shards, its index read from $${DEFAULT_SHARD_INDEX_ENV} (a Kubernetes Indexed Job sets it)`,
    })
    .option('shard-index-env', {
      type: 'string',
      group: shards,
      describe: `With --shards: the environment variable holding the index [default: ${DEFAULT_SHARD_INDEX_ENV}]`,
    })
    .option('shard-by', {
      choices: ['auto', 'teams', 'calls'] as const,
      group: shards,
      describe:
        'teams: each shard simulates whole teams; calls: each simulates the whole run and sends every n-th call and agent [default: auto, teams when they split evenly]',
    }) as Argv<T & ScenarioArgs>;
}

/**
 * The shard the arguments ask for: `--shard i/n`, or `--shards n` with the index from the
 * environment (`JOB_COMPLETION_INDEX`, or the variable `--shard-index-env` names).
 */
export async function shardFromArgs(
  args: Pick<ScenarioArgs, 'shard' | 'shards' | 'shard-index-env' | 'shard-by'>,
  env: Readonly<Record<string, string | undefined>>,
): Promise<ShardOption | undefined> {
  const { parseShard, parseShardCount, parseShardIndex } =
    await import('../delivery-core/option-values.js');
  const variable = args['shard-index-env'];
  if (args.shard !== undefined && args.shards !== undefined) {
    throw usageError('Give --shard i/n or --shards n (the index from the environment), not both.');
  }
  if (variable !== undefined && args.shards === undefined) {
    throw usageError('--shard-index-env goes with --shards n: the index comes from that variable.');
  }
  if (args.shard === undefined && args.shards === undefined) {
    if (args['shard-by'] !== undefined)
      throw usageError('--shard-by goes with --shard or --shards.');
    return undefined;
  }
  const by = args['shard-by'] === undefined ? {} : { by: args['shard-by'] };
  if (args.shard !== undefined) return { ...parseShard('--shard', args.shard), ...by };
  const count = parseShardCount('--shards', args.shards!);
  const name = variable?.trim() || DEFAULT_SHARD_INDEX_ENV;
  return { index: parseShardIndex(`$${name}`, env[name], count), count, ...by };
}

/** The scenario and simulate options the arguments ask for. Loads the engine lazily. */
export async function scenarioFromArgs(
  args: ScenarioArgs,
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<{ scenario: Scenario; options: SimulateOptions }> {
  const { BUILT_IN_SCENARIOS, DEFAULT_SCENARIO_NAME, withOverrides } =
    await import('../engine/index.js');
  const { loadScenario } = await import('../delivery/file/index.js');
  for (const name of ['seed', 'calls', 'rate'] as const) {
    const value = args[name];
    if (value !== undefined && Number.isNaN(value)) throw usageError(`--${name} must be a number.`);
  }
  const name = args.scenario ?? DEFAULT_SCENARIO_NAME;
  const names = BUILT_IN_SCENARIOS.map((builtIn) => builtIn.name);
  if (!names.includes(name) && !/\.(ya?ml|json)$/i.test(name)) throw unknownScenario(name, names);
  const shard = await shardFromArgs(args, env);
  const scenario = withOverrides(await loadScenario(name), args.override ?? []);
  const options: SimulateOptions = {
    ...(args.seed === undefined ? {} : { seed: args.seed }),
    ...(args.calls === undefined ? {} : { calls: args.calls }),
    ...(args.duration === undefined ? {} : { duration: args.duration }),
    ...(args.start === undefined ? {} : { start: args.start }),
    ...(args.rate === undefined ? {} : { rate: args.rate }),
    ...(args.events === undefined ? {} : { events: args.events }),
    ...(args['documented-only'] ? { documentedOnly: true } : {}),
    ...(args.teams === undefined ? {} : { teams: args.teams }),
    ...(shard ? { shard } : {}),
  };
  return { scenario, options };
}
