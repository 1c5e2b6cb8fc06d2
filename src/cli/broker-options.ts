import type { Argv } from 'yargs';

/** The broker options every `pact` command shares, named as Pact's own CLIs name them. */
export interface BrokerArgs {
  brokerBaseUrl?: string;
  brokerToken?: string;
  brokerUsername?: string;
  brokerPassword?: string;
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
    .group(['broker-base-url', 'broker-token', 'broker-username', 'broker-password'], 'Broker:');
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
