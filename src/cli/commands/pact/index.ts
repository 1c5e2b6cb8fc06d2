import type { Argv, CommandModule } from 'yargs';
import type { AnyCommand, CliContext } from '../../context.js';
import { pactGenerateCommand } from './generate.js';
import { pactPublishCommand } from './publish.js';
import { pactStatesCommand } from './states.js';
import { pactVerifyCommand } from './verify.js';

/** The `pact` subcommands, in the order its help lists them. */
export function pactSubcommands(context: CliContext): AnyCommand[] {
  return [
    pactGenerateCommand(context),
    pactVerifyCommand(context),
    pactPublishCommand(context),
    pactStatesCommand(context),
  ];
}

/**
 * `vcc-sim pact <command>`: contract testing with Pact. Pact itself loads only inside `verify`.
 * Alone, `vcc-sim pact` prints its help, as `gh pr` does.
 */
export function pactCommand(context: CliContext): CommandModule {
  let pact: Argv | undefined;
  return {
    command: 'pact',
    describe: 'Contract testing with Pact: generate, verify and publish pacts',
    builder: (yargs) => {
      pact = yargs.usage('$0 pact <command> [options]');
      for (const command of pactSubcommands(context)) pact.command(command);
      return pact;
    },
    handler: async () => {
      context.stdout.write(`${await pact!.getHelp()}\n`);
    },
  };
}
