import type { CommandModule } from 'yargs';
import type { CliContext } from '../../context.js';
import { pactGenerateCommand } from './generate.js';
import { pactPublishCommand } from './publish.js';
import { pactStatesCommand } from './states.js';
import { pactVerifyCommand } from './verify.js';

/** `vcc-sim pact <command>`: contract testing with Pact. Pact itself loads only inside `verify`. */
export function pactCommand(context: CliContext): CommandModule {
  return {
    command: 'pact <command>',
    describe: 'Contract testing with Pact: generate, verify and publish pacts',
    builder: (yargs) =>
      yargs
        .command(pactGenerateCommand(context))
        .command(pactVerifyCommand(context))
        .command(pactPublishCommand(context))
        .command(pactStatesCommand(context))
        .demandCommand(1, 'Name a pact command: generate, verify, publish or states.'),
    handler: () => undefined,
  };
}
