import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import type { CommandModule } from 'yargs';
import type { CliContext } from '../context.js';
import { unknownScenario } from '../suggest.js';

interface ScenariosArgs {
  name?: string;
  json: boolean;
}

/**
 * Where the installed package's scenario schema is, relative to the current directory: a copy
 * written there (`vcc-sim scenarios NAME > my.json`) points its `$schema` at it, so editors
 * complete and check it offline. vcc-sim finds itself through its own `exports`.
 */
function schemaReference(cwd: string): string {
  const root = dirname(createRequire(import.meta.url).resolve('vcc-sim/package.json'));
  const path = relative(cwd, join(root, 'scenarios', 'scenario.schema.json'))
    .split(sep)
    .join('/');
  return path.startsWith('../') ? path : `./${path}`;
}

/** `vcc-sim scenarios`: the built-in scenarios, one line each, or one of them to copy. */
export function scenariosCommand(context: CliContext): CommandModule<object, ScenariosArgs> {
  return {
    command: 'scenarios [name]',
    describe: 'List the built-in scenarios, or print one to copy and edit',
    builder: (yargs) =>
      yargs
        .positional('name', { type: 'string', describe: 'A scenario to print as JSON' })
        .option('json', { type: 'boolean', default: false, describe: 'Print the list as JSON' })
        .example('$0 scenarios', 'List them')
        .example('$0 scenarios warm-transfer > my-transfer.json', 'Start a scenario of your own'),
    handler: async (args) => {
      // The built-ins alone: the engine's entry would load the scenario parser (ajv, yaml).
      const { BUILT_IN_SCENARIOS, DEFAULT_SCENARIO_NAME, builtInScenario, isBuiltInScenario } =
        await import('../../engine/built-in-scenarios.js');
      if (args.name !== undefined) {
        const names = BUILT_IN_SCENARIOS.map((scenario) => scenario.name);
        if (!isBuiltInScenario(args.name)) throw unknownScenario(args.name, names);
        const { $schema: _own, ...definition } = builtInScenario(args.name).definition;
        const copy = { $schema: schemaReference(context.cwd), ...definition };
        context.stdout.write(`${JSON.stringify(copy, null, 2)}\n`);
        return;
      }
      if (args.json) {
        context.stdout.write(`${JSON.stringify(BUILT_IN_SCENARIOS, null, 2)}\n`);
        return;
      }
      const width = Math.max(...BUILT_IN_SCENARIOS.map((scenario) => scenario.name.length));
      for (const { name, description } of BUILT_IN_SCENARIOS) {
        const label = name === DEFAULT_SCENARIO_NAME ? `${name} (default)` : name;
        context.stdout.write(`${context.colors.cyan(label.padEnd(width + 10))}${description}\n`);
      }
      context.stdout.write(
        `\nPrint one to start your own: vcc-sim scenarios NAME > my-scenario.json, then --scenario my-scenario.json.\n`,
      );
    },
  };
}
