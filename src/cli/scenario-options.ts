import type { Argv } from 'yargs';
import type { Scenario, SimulateOptions } from '../engine/index.js';
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
}

/** Adds the scenario options to a command, in their own help group. */
export function scenarioOptions<T>(yargs: Argv<T>): Argv<T & ScenarioArgs> {
  const group = 'Scenario:';
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
    }) as Argv<T & ScenarioArgs>;
}

/** The scenario and simulate options the arguments ask for. Loads the engine lazily. */
export async function scenarioFromArgs(
  args: ScenarioArgs,
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
  };
  return { scenario, options };
}
