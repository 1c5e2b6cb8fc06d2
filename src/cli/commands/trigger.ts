import type { Argv, CommandModule } from 'yargs';
import type { CliContext } from '../context.js';
import type { TriggerArgs } from '../run-trigger.js';

/** `vcc-sim trigger <event-type>`: send one notification now. */
export function triggerCommand(context: CliContext): CommandModule<object, TriggerArgs> {
  return {
    command: 'trigger [type]',
    describe: 'Send one notification now (or a channel’s whole lifecycle), signed as VCC signs',
    builder: (yargs) =>
      yargs
        .positional('type', {
          type: 'string',
          describe: 'The event type, e.g. channel.connected.v0',
        })
        .option('to', {
          type: 'string',
          describe: 'The webhook to send it to, e.g. http://127.0.0.1:4000/',
        })
        .option('role', {
          type: 'string',
          describe: 'The party role of a channel event: external, agent, monitor or voicemail',
        })
        .option('override', {
          alias: 'o',
          type: 'string',
          array: true,
          describe:
            'Change a field: path=value, e.g. data.channel.party.agentId=42 (the result must stay valid)',
        })
        .option('lifecycle', {
          type: 'boolean',
          default: false,
          describe: 'Send the whole lifecycle of a channel that has this event, in order',
        })
        .option('events', {
          alias: 'e',
          type: 'string',
          array: true,
          describe:
            'With --lifecycle: the types to include, e.g. "channel.*" for v0 and v1 [default: the type’s version]',
        })
        .option('scenario', {
          alias: 's',
          type: 'string',
          describe:
            'Draw it from this scenario [default: the first built-in scenario that sends it]',
        })
        .option('seed', {
          type: 'number',
          describe: 'Seed of the run it is drawn from [default: a new one: fresh ids]',
        })
        .option('secret', {
          type: 'string',
          describe: 'The subscription secret to sign with (base64) [default: $VCC_WEBHOOK_SECRET]',
        })
        .option('sign', {
          type: 'boolean',
          default: true,
          describe: 'Sign the request; --no-sign sends it unsigned',
        })
        .option('mode', {
          choices: ['structured', 'binary'] as const,
          describe: 'CloudEvents structured mode (VCC’s, default) or binary mode',
        })
        .option('timeout', {
          type: 'string',
          describe: 'Wait this long for the answer [default: 10s, as VCC]',
        })
        .option('ca', { type: 'string', describe: 'A CA certificate (PEM file) to trust' })
        .option('insecure', {
          type: 'boolean',
          default: false,
          describe: 'Accept any TLS certificate',
        })
        .option('json', {
          type: 'boolean',
          default: false,
          describe: 'Print what was sent and what came back as JSON',
        })
        .example(
          '$0 trigger channel.connected.v0 --role external --to http://127.0.0.1:4000/',
          'A customer picks up',
        )
        .example(
          '$0 trigger channel.connected.v0 --role agent -o data.channel.party.agentId=42 --to $URL',
          'Agent 42 answers',
        )
        .example(
          "$0 trigger channel.held.v0 --lifecycle -e 'channel.*' --to $URL",
          'A whole channel with a hold, v0 and v1',
        )
        .epilogue(
          'Exit codes: 0 answered 200–205; 1 the webhook answered anything else, or not at all; 2 usage or input error.',
        ) as unknown as Argv<TriggerArgs>,
    handler: async (args) => {
      const { runTrigger } = await import('../run-trigger.js');
      await runTrigger(context, args);
    },
  };
}
