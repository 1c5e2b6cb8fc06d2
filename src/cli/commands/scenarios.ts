import type { CommandModule } from 'yargs';
import type { CliContext } from '../context.js';

interface ScenariosArgs {
  name?: string;
  json: boolean;
}

/** `vcc-sim scenarios`: the built-in scenarios, one line each. */
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
      const { BUILT_IN_SCENARIOS, DEFAULT_SCENARIO_NAME, builtInScenario } =
        await import('../../engine/index.js');
      if (args.name !== undefined) {
        context.stdout.write(`${JSON.stringify(builtInScenario(args.name).definition, null, 2)}\n`);
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
        `\nEach is a file in the package's scenarios/ folder: copy one, edit it, and pass it with --scenario.\n`,
      );
    },
  };
}
