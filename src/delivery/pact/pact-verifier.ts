import { VccSimError } from '../../errors.js';
import { messageHandlers } from './message-provider.js';
import { loadPactRuntime } from './pact-runtime.js';
import type { InteractionPlan } from './plan.js';
import type { ConsumerVersionSelector, VerifyPactsOptions } from './types.js';

/** What one run of Pact's verifier covers. */
export interface PactVerifierRun {
  provider: string;
  plans: readonly InteractionPlan[];
  /** Pact files or URLs; without them, the broker of the options with `selectors`. */
  pactUrls: readonly string[] | undefined;
  selectors: readonly ConsumerVersionSelector[];
}

/**
 * Runs Pact's `Verifier` (loaded on first use) with one message provider per planned interaction,
 * and returns its JSON result, whether it passed or failed. Pact itself fetches broker pacts,
 * honours pending and WIP pacts, and publishes the results when asked.
 */
export async function runPactVerifier(
  options: VerifyPactsOptions,
  run: PactVerifierRun,
): Promise<{ json: unknown; published: boolean }> {
  const { Verifier } = await loadPactRuntime();
  const { messageProviders, stateHandlers } = messageHandlers(run.plans);
  const publish = options.publishVerificationResults === true;
  const auth = options.broker?.auth;
  const credentials =
    auth?.type === 'bearer'
      ? { pactBrokerToken: auth.token }
      : auth?.type === 'basic'
        ? { pactBrokerUsername: auth.username, pactBrokerPassword: auth.password }
        : {};
  const source = run.pactUrls
    ? { pactUrls: [...run.pactUrls] }
    : {
        pactBrokerUrl: options.broker?.baseUrl,
        consumerVersionSelectors: [...run.selectors],
        enablePending: options.enablePending === true,
        ...(options.includeWipPactsSince
          ? { includeWipPactsSince: options.includeWipPactsSince }
          : {}),
        ...(options.consumers?.length ? { consumerFilters: [...options.consumers] } : {}),
      };
  const verifier = new Verifier({
    provider: run.provider,
    logLevel: options.logLevel ?? 'error',
    messageProviders,
    stateHandlers,
    failIfNoPactsFound: false,
    ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
    ...source,
    ...credentials,
    ...(options.providerBranch ? { providerVersionBranch: options.providerBranch } : {}),
    ...(options.providerTags?.length ? { providerVersionTags: [...options.providerTags] } : {}),
    ...(publish
      ? {
          publishVerificationResult: true,
          providerVersion: options.providerVersion,
          ...(options.buildUrl ? { buildUrl: options.buildUrl } : {}),
        }
      : {}),
  });
  // pact-core adds the broker named by PACT_BROKER_BASE_URL to any verification; named files
  // must verify only those files, so the variable is hidden while they are.
  const brokerVariable = process.env['PACT_BROKER_BASE_URL'];
  if (run.pactUrls) delete process.env['PACT_BROKER_BASE_URL'];
  try {
    return { json: JSON.parse(await verifier.verifyProvider()), published: publish };
  } catch (error) {
    // A failed verification rejects with the same JSON result as its message.
    const message = error instanceof Error ? error.message : String(error);
    try {
      return { json: JSON.parse(message), published: publish };
    } catch {
      throw new VccSimError('pact', `Pact's verifier could not run: ${message}`, { cause: error });
    }
  } finally {
    if (run.pactUrls && brokerVariable !== undefined) {
      process.env['PACT_BROKER_BASE_URL'] = brokerVariable;
    }
  }
}
