import type { CommandModule } from 'yargs';
import type { CliContext } from '../../context.js';

interface StatesArgs {
  json: boolean;
}

/** `vcc-sim pact states`: the provider states vcc-sim understands, and their scenarios. */
export function pactStatesCommand(context: CliContext): CommandModule<object, StatesArgs> {
  return {
    command: 'states',
    describe: 'List the provider states vcc-sim plays, with their built-in scenarios',
    builder: (yargs) =>
      yargs.option('json', { type: 'boolean', default: false, describe: 'Print them as JSON' }),
    handler: async (args) => {
      const { PROVIDER_STATES } = await import('../../../delivery/pact/index.js');
      if (args.json) {
        context.stdout.write(`${JSON.stringify(PROVIDER_STATES, null, 2)}\n`);
        return;
      }
      const { colors } = context;
      for (const state of PROVIDER_STATES) {
        context.stdout.write(
          `${colors.bold(JSON.stringify(state.name))} ${colors.dim(`→ ${state.scenario}`)}\n  ${state.description}\n`,
        );
      }
    },
  };
}
