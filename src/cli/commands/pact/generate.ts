import type { CommandModule } from 'yargs';
import type { PartyRole } from '../../../contract/index.js';
import type { CliContext } from '../../context.js';
import { restoreDash } from '../../dash-argument.js';
import { countOf } from '../../../internal/count.js';
import { usageError } from '../../usage-error.js';

interface GenerateArgs {
  consumer: string;
  provider: string;
  events: string[];
  'documented-only'?: boolean;
  roles?: string[];
  out: string;
}

const ROLES = ['external', 'agent', 'monitor', 'voicemail'];

function splitList(values: readonly string[]): string[] {
  return values
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
}

/** `vcc-sim pact generate`: a V4 pact from the catalogue, for consumers without Pact tests yet. */
export function pactGenerateCommand(context: CliContext): CommandModule<object, GenerateArgs> {
  return {
    command: 'generate',
    describe: 'Write a V4 pact of every notification a consumer may receive, with vcc-sim matchers',
    builder: (yargs) =>
      yargs
        .option('consumer', { type: 'string', demandOption: true, describe: 'The consumer name' })
        .option('provider', {
          type: 'string',
          default: 'vcc-webhooks',
          describe: 'The provider name',
        })
        .option('events', {
          type: 'string',
          array: true,
          default: ['*'],
          describe: 'Event types, comma-separated or repeated, with * wildcards',
        })
        .option('documented-only', {
          type: 'boolean',
          describe: 'Leave out the types VCC documents no page for (inferred v1s)',
        })
        .option('roles', {
          type: 'string',
          array: true,
          describe: `Party roles of channel events (${ROLES.join(', ')}); default: all`,
        })
        .option('out', {
          type: 'string',
          default: 'contracts/pacts',
          describe: 'Directory for <consumer>-<provider>.json; "-" prints the pact',
        })
        .example('$0 pact generate --consumer crm-sync', 'Every type and role VCC sends')
        .example(
          '$0 pact generate --consumer crm-sync --events channel.connected.v0,channel.ended.v0 --roles agent',
          'Only what the consumer handles',
        ),
    handler: async (args) => {
      const { generatePact, writeGeneratedPact } = await import('../../../delivery/pact/index.js');
      const roles = args.roles ? splitList(args.roles) : undefined;
      for (const role of roles ?? []) {
        if (!ROLES.includes(role)) {
          throw usageError(
            `--roles: ${JSON.stringify(role)} is not a party role (${ROLES.join(', ')}).`,
          );
        }
      }
      const options = {
        consumer: args.consumer,
        provider: args.provider,
        events: splitList(args.events),
        ...(args['documented-only'] ? { documentedOnly: true } : {}),
        ...(roles ? { roles: roles as PartyRole[] } : {}),
      };
      const out = restoreDash(args.out);
      const colors = context.colors;
      if (out === '-') {
        context.stdout.write(generatePact(options).text);
        return;
      }
      const pact = await writeGeneratedPact({ ...options, out });
      context.stdout.write(
        `${colors.green('✓')} Wrote ${pact.path}: ${countOf(pact.interactions.length, 'interaction')} between ${pact.consumer} and ${pact.provider}\n`,
      );
      if (pact.skipped.length > 0) {
        context.stdout.write(
          colors.dim(
            `  Left out ${countOf(pact.skipped.length, 'type and role combination')} no scenario sends (${pact.skipped
              .slice(0, 3)
              .map((skip) => (skip.role ? `${skip.type} to ${skip.role}` : skip.type))
              .join(', ')}${pact.skipped.length > 3 ? ', …' : ''}).\n`,
          ),
        );
      }
    },
  };
}
