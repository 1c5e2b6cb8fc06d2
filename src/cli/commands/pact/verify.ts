import type { Argv, CommandModule } from 'yargs';
import type { ConsumerVersionSelector } from '../../../delivery/pact/index.js';
import {
  brokerOptionValues,
  brokerOptions,
  brokerTimeoutMs,
  type BrokerArgs,
} from '../../broker-options.js';
import { colorEnabled, type CliContext } from '../../context.js';
import { usageError } from '../../usage-error.js';

interface VerifyArgs extends BrokerArgs {
  pacts: string[];
  provider: string;
  consumerVersionSelectors?: string[];
  consumer?: string[];
  enablePending: boolean;
  includeWipPactsSince?: string;
  publishVerificationResults: boolean;
  providerVersion?: string;
  providerBranch?: string;
  providerTags?: string[];
  buildUrl?: string;
  failIfNoPactsFound: boolean;
  seed?: number;
  json: boolean;
}

function selectors(values: readonly string[] | undefined): ConsumerVersionSelector[] | undefined {
  if (!values || values.length === 0) return undefined;
  return values.map((value) => {
    let selector: unknown;
    try {
      selector = JSON.parse(value);
    } catch {
      throw usageError(
        `--consumer-version-selectors takes JSON such as '{"mainBranch":true}' (got ${value}).`,
      );
    }
    if (selector === null || typeof selector !== 'object' || Array.isArray(selector)) {
      throw usageError(`A consumer version selector is a JSON object (got ${value}).`);
    }
    return selector as ConsumerVersionSelector;
  });
}

/** `vcc-sim pact verify`: vcc-sim as the provider, Pact's verifier as the judge. */
export function pactVerifyCommand(context: CliContext): CommandModule<object, VerifyArgs> {
  return {
    command: 'verify [pacts..]',
    describe: 'Verify pacts with vcc-sim as the provider (files, directories, URLs or a broker)',
    // yargs types kebab-case options as written; they arrive camel-cased too.
    builder: (yargs) =>
      brokerOptions(
        yargs
          .positional('pacts', {
            type: 'string',
            array: true,
            default: [],
            describe: 'Pact files, directories or URLs; none means the broker',
          })
          .option('provider', {
            type: 'string',
            default: 'vcc-webhooks',
            describe: 'The provider name the pacts use',
          })
          .option('consumer-version-selectors', {
            type: 'string',
            array: true,
            describe:
              'Broker selectors as JSON, repeatable (default: {"mainBranch":true} {"deployedOrReleased":true})',
          })
          .option('consumer', {
            type: 'string',
            array: true,
            describe: 'Only these consumers (repeatable)',
          })
          .option('enable-pending', {
            type: 'boolean',
            default: false,
            describe: 'Pending pacts do not fail the build',
          })
          .option('include-wip-pacts-since', {
            type: 'string',
            describe: 'Also verify work-in-progress pacts since this date (YYYY-MM-DD)',
          })
          .option('publish-verification-results', {
            alias: 'publish',
            type: 'boolean',
            default: false,
            describe: 'Publish the results to the broker',
          })
          .option('provider-version', {
            alias: 'provider-app-version',
            type: 'string',
            describe: 'The provider version the results are for (needed to publish)',
          })
          .option('provider-branch', { type: 'string', describe: 'The provider version’s branch' })
          .option('provider-tags', {
            alias: 'provider-version-tags',
            type: 'string',
            array: true,
            describe: 'Tags of the provider version (branches are preferred)',
          })
          .option('build-url', { type: 'string', describe: 'The CI build that verified' })
          .option('fail-if-no-pacts-found', {
            type: 'boolean',
            default: true,
            describe: 'Fail when there is nothing to verify',
          })
          .option('seed', {
            type: 'number',
            describe: 'Seed of the scenarios that produce the notifications (default: their own)',
          })
          .option('json', {
            type: 'boolean',
            default: false,
            describe: 'Print the report as JSON (Pact’s own output goes to stderr)',
          })
          .example('$0 pact verify contracts/pacts', 'Verify the pacts `pact generate` wrote')
          .example(
            '$0 pact verify -b https://broker.example --publish --provider-version $GIT_SHA --provider-branch main',
            'Verify what the broker selects and publish the results',
          ),
      ) as unknown as Argv<VerifyArgs>,
    handler: async (args) => {
      const { brokerConnection } = await import('../../../delivery/pact/index.js');
      const { formatVerificationReport } = await import('../../format-pact.js');
      const { verifyInChildProcess } = await import('./verifier-process.js');
      const pacts = args.pacts;
      const firstUrl = pacts.find((path) => /^https?:\/\//i.test(path));
      const explicitBroker = Object.keys(brokerOptionValues(args)).length > 0;
      const broker =
        pacts.length === 0
          ? brokerConnection(brokerOptionValues(args), context.env)
          : firstUrl || explicitBroker
            ? brokerConnection(
                { url: new URL(firstUrl ?? 'http://unused').origin, ...brokerOptionValues(args) },
                context.env,
              )
            : undefined;
      const consumerVersionSelectors = selectors(args.consumerVersionSelectors);
      if (args.seed !== undefined && !(Number.isSafeInteger(args.seed) && args.seed >= 0)) {
        throw usageError(`--seed must be a whole number (got ${args.seed}).`);
      }
      const pactOutput = args.json ? context.stderr : context.stdout;
      const timeoutMs = brokerTimeoutMs(args);
      const options = {
        timeoutMs,
        pacts,
        ...(broker ? { broker } : {}),
        provider: args.provider,
        ...(consumerVersionSelectors ? { consumerVersionSelectors } : {}),
        ...(args.consumer ? { consumers: args.consumer } : {}),
        enablePending: args.enablePending,
        ...(args.includeWipPactsSince ? { includeWipPactsSince: args.includeWipPactsSince } : {}),
        publishVerificationResults: args.publishVerificationResults,
        ...(args.providerVersion ? { providerVersion: args.providerVersion } : {}),
        ...(args.providerBranch ? { providerBranch: args.providerBranch } : {}),
        ...(args.providerTags ? { providerTags: args.providerTags } : {}),
        ...(args.buildUrl ? { buildUrl: args.buildUrl } : {}),
        failIfNoPactsFound: args.failIfNoPactsFound,
        ...(args.seed !== undefined ? { seed: args.seed } : {}),
      };
      const report = await verifyInChildProcess(options, {
        stream: pactOutput,
        colors: colorEnabled(pactOutput, context.env),
      });
      if (!report.success) context.exitCode = 1;
      if (args.json) {
        context.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      context.stdout.write(
        `${formatVerificationReport(report, context.colors, {
          ...(args.providerVersion ? { providerVersion: args.providerVersion } : {}),
          ...(args.providerBranch ? { providerBranch: args.providerBranch } : {}),
          ...(broker ? { broker: broker.baseUrl } : {}),
        })}\n`,
      );
    },
  };
}
