import type { Argv } from 'yargs';
import { parseDurationMs } from '../delivery-core/option-values.js';
import { usageError } from './usage-error.js';

/** The broker options every `pact` command shares, named as Pact's own CLIs name them. */
export interface BrokerArgs {
  brokerBaseUrl?: string;
  brokerToken?: string;
  brokerUsername?: string;
  brokerPassword?: string;
  timeout: string;
}

/** Adds `--broker-base-url`, `--broker-token`, `--broker-username` and `--broker-password`. */
export function brokerOptions<T>(yargs: Argv<T>): Argv<T & BrokerArgs> {
  return yargs
    .option('broker-base-url', {
      alias: ['b', 'broker-url'],
      type: 'string',
      describe: 'The Pact Broker (default: $PACT_BROKER_BASE_URL)',
    })
    .option('broker-token', {
      alias: 'k',
      type: 'string',
      describe: 'Bearer token, as PactFlow uses (default: $PACT_BROKER_TOKEN)',
    })
    .option('broker-username', {
      alias: 'u',
      type: 'string',
      describe: 'Basic-auth user (default: $PACT_BROKER_USERNAME)',
    })
    .option('broker-password', {
      alias: 'p',
      type: 'string',
      describe: 'Basic-auth password (default: $PACT_BROKER_PASSWORD)',
    })
    .option('timeout', {
      type: 'string',
      default: '30s',
      describe: 'A broker request with no complete answer within this fails (and is retried)',
    })
    .group(
      ['broker-base-url', 'broker-token', 'broker-username', 'broker-password', 'timeout'],
      'Broker:',
    );
}

/** `--timeout` in milliseconds, checked. */
export function brokerTimeoutMs(args: BrokerArgs): number {
  const ms = parseDurationMs('--timeout', args.timeout);
  if (!(ms > 0) || ms > 2_147_483_647) {
    throw usageError(`--timeout must be a duration from 1ms to 24 days (got "${args.timeout}").`);
  }
  return ms;
}

/** The broker options as `brokerConnection` takes them. */
export function brokerOptionValues(args: BrokerArgs) {
  return {
    ...(args.brokerBaseUrl !== undefined ? { url: args.brokerBaseUrl } : {}),
    ...(args.brokerToken !== undefined ? { token: args.brokerToken } : {}),
    ...(args.brokerUsername !== undefined ? { username: args.brokerUsername } : {}),
    ...(args.brokerPassword !== undefined ? { password: args.brokerPassword } : {}),
  };
}
