import type { Argv, CommandModule } from 'yargs';
import {
  brokerOptionValues,
  brokerOptions,
  brokerTimeoutMs,
  type BrokerArgs,
} from '../../broker-options.js';
import type { CliContext } from '../../context.js';
import { usageError } from '../../usage-error.js';

interface PublishArgs extends BrokerArgs {
  pacts: string[];
  consumerAppVersion?: string;
  branch?: string;
  tag?: string[];
  tagWithGitBranch: boolean;
  buildUrl?: string;
  autoDetectVersionProperties: boolean;
  merge: boolean;
  retries: number;
  json: boolean;
  output?: 'text' | 'json';
}

/** `vcc-sim pact publish`: pact files to a broker, as `pact-broker publish` does. */
export function pactPublishCommand(context: CliContext): CommandModule<object, PublishArgs> {
  return {
    command: 'publish <pacts..>',
    describe: 'Publish pact files (or directories of them) to a Pact Broker',
    // yargs types kebab-case options as written; they arrive camel-cased too.
    builder: (yargs) =>
      brokerOptions(
        yargs
          .positional('pacts', {
            type: 'string',
            array: true,
            demandOption: true,
            describe: 'Pact files or directories',
          })
          .option('consumer-app-version', {
            alias: 'a',
            type: 'string',
            describe: 'The consumer version, ideally a git SHA',
          })
          .option('branch', { type: 'string', describe: 'The consumer version’s git branch' })
          .option('tag', {
            alias: 't',
            type: 'string',
            array: true,
            describe: 'Consumer version tags (repeatable or comma-separated)',
          })
          .option('tag-with-git-branch', {
            type: 'boolean',
            default: false,
            describe: 'Also tag the version with the git branch',
          })
          .option('build-url', { type: 'string', describe: 'The CI build that made the pacts' })
          .option('auto-detect-version-properties', {
            alias: 'r',
            type: 'boolean',
            default: false,
            describe: 'Take version, branch and build URL from CI variables or git',
          })
          .option('merge', {
            type: 'boolean',
            default: false,
            describe: 'Merge into a pact already published for this version',
          })
          .option('retries', {
            type: 'number',
            default: 3,
            describe: 'Retries after a 5xx, 408, 429 or network error',
          })
          .option('json', {
            type: 'boolean',
            default: false,
            describe: 'Print what was published as JSON',
          })
          // `-o json` before `--json` existed; `-o` is `--override` elsewhere, so it is hidden.
          .option('output', { alias: 'o', choices: ['text', 'json'] as const, hidden: true })
          .example(
            '$0 pact publish contracts/pacts -a $GIT_SHA --branch main',
            'Publish the pacts `pact generate` wrote',
          )
          .example('$0 pact publish contracts/pacts -r', 'Version and branch from CI or git'),
      ) as unknown as Argv<PublishArgs>,
    handler: async (args) => {
      const pact = await import('../../../delivery/pact/index.js');
      const { formatPublished } = await import('../../format-pact.js');
      if (!Number.isSafeInteger(args.retries) || args.retries < 0 || args.retries > 100) {
        throw usageError(`--retries must be a whole number from 0 to 100 (got ${args.retries}).`);
      }
      const timeoutMs = brokerTimeoutMs(args);
      const detected = args.autoDetectVersionProperties
        ? await pact.detectVersionProperties(context.env, pact.gitRunner())
        : {};
      const consumerVersion = args.consumerAppVersion ?? detected.commit;
      if (!consumerVersion) {
        throw usageError(
          args.autoDetectVersionProperties
            ? 'Could not detect the consumer version from CI variables or git; pass --consumer-app-version.'
            : 'Pass the consumer version (--consumer-app-version), or --auto-detect-version-properties.',
        );
      }
      const branch = args.branch ?? detected.branch;
      const tags = (args.tag ?? []).flatMap((tag) => tag.split(',')).map((tag) => tag.trim());
      if (args.tagWithGitBranch) {
        const gitBranch =
          detected.branch ?? (await pact.detectVersionProperties({}, pact.gitRunner())).branch;
        if (!gitBranch) throw usageError('--tag-with-git-branch: could not tell the git branch.');
        tags.push(gitBranch);
      }
      const buildUrl = args.buildUrl ?? detected.buildUrl;
      const results = await pact.publishPacts({
        paths: args.pacts,
        broker: pact.brokerConnection(brokerOptionValues(args), context.env),
        consumerVersion,
        ...(branch ? { branch } : {}),
        ...(tags.length > 0 ? { tags } : {}),
        ...(buildUrl ? { buildUrl } : {}),
        merge: args.merge,
        retries: args.retries,
        timeoutMs,
      });
      if (args.output !== undefined) {
        context.stderr.write(
          `vcc-sim: -o ${args.output} is deprecated: ${args.output === 'json' ? 'use --json' : 'text is the default'}.\n`,
        );
      }
      if (args.json || args.output === 'json') {
        context.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
        return;
      }
      for (const published of results) {
        context.stdout.write(`${formatPublished(published, context.colors).join('\n')}\n`);
      }
    },
  };
}
