import { VccSimError } from '../../errors.js';
import { fetchPactsForVerification } from './broker-pacts.js';
import { BrokerClient } from './broker-client.js';
import { brokerConnection } from './broker-connection.js';
import { DEFAULT_PROVIDER } from './interactions.js';
import { flagAmbiguousPlans } from './message-provider.js';
import { scenarioSource } from './notification-source.js';
import { parsePact } from './pact-file.js';
import { readPactFiles } from './pact-sources.js';
import { runPactVerifier } from './pact-verifier.js';
import { planInteraction } from './plan.js';
import { pactResults, verdictOf } from './verification-results.js';
import type {
  ConsumerVersionSelector,
  PactDocument,
  PactVerdict,
  VerificationReport,
  VerifyPactsOptions,
} from './types.js';

/**
 * Provider verification with vcc-sim standing in for VCC: every interaction of every pact gets a
 * real notification from a built-in scenario, and Pact's own verifier compares. Before that,
 * vcc-sim reads each expectation against the contract, so a failure says why in words.
 */

/** One pact to verify, however it was found. */
interface Candidate {
  source: string;
  document: PactDocument;
  pending: boolean;
  selection?: string;
}

const DEFAULT_SELECTORS: readonly ConsumerVersionSelector[] = [
  { mainBranch: true },
  { deployedOrReleased: true },
];

function isUrl(path: string): boolean {
  return /^https?:\/\//i.test(path);
}

async function localCandidates(options: VerifyPactsOptions): Promise<Candidate[]> {
  const paths = options.pacts ?? [];
  const files = paths.filter((path) => !isUrl(path));
  const urls = paths.filter(isUrl);
  const candidates: Candidate[] = [];
  if (files.length > 0) {
    for (const file of await readPactFiles(files)) {
      candidates.push({ source: file.path, document: file.document, pending: false });
    }
  }
  for (const url of urls) {
    const origin = new URL(url).origin;
    const connection = options.broker?.baseUrl.startsWith(origin)
      ? options.broker
      : brokerConnection({ url: origin });
    const json = await new BrokerClient(connection, options).get(url, `fetching the pact ${url}`);
    candidates.push({ source: url, document: parsePact(json, url), pending: false });
  }
  return candidates;
}

function checkOptions(options: VerifyPactsOptions): void {
  if (!options.broker && (options.pacts ?? []).length === 0) {
    throw new VccSimError('usage', 'Name pact files or directories to verify, or a broker.');
  }
  const fromFiles = (options.pacts ?? []).length > 0;
  if (options.publishVerificationResults && fromFiles && !(options.pacts ?? []).some(isUrl)) {
    throw new VccSimError(
      'usage',
      'Verification results can only be published for pacts from a broker: name the broker (--broker-base-url) instead of files.',
    );
  }
  if (options.publishVerificationResults && !options.providerVersion) {
    throw new VccSimError(
      'usage',
      'Publishing verification results needs the provider version (--provider-version).',
    );
  }
}

/**
 * Verifies pacts with vcc-sim as the provider and returns a report; `report.success` is false when
 * any interaction of a non-pending pact failed.
 *
 * @example
 * const report = await verifyPacts({ pacts: ['pacts'] });
 * for (const pact of report.pacts) console.log(pact.consumer, pact.interactions.length);
 */
export async function verifyPacts(options: VerifyPactsOptions): Promise<VerificationReport> {
  checkOptions(options);
  const provider = options.provider ?? DEFAULT_PROVIDER;
  const fromBroker = options.broker !== undefined && (options.pacts ?? []).length === 0;
  const found: Candidate[] =
    fromBroker && options.broker
      ? (
          await fetchPactsForVerification(
            options.broker,
            {
              provider,
              consumerVersionSelectors: options.consumerVersionSelectors ?? DEFAULT_SELECTORS,
              includePendingStatus: options.enablePending === true,
              ...(options.providerBranch ? { providerVersionBranch: options.providerBranch } : {}),
              ...(options.providerTags ? { providerVersionTags: options.providerTags } : {}),
              ...(options.includeWipPactsSince
                ? { includeWipPactsSince: options.includeWipPactsSince }
                : {}),
            },
            options,
          )
        ).map((pact) => ({
          source: pact.url,
          document: pact.document,
          pending: pact.pending,
          selection: pact.selection,
        }))
      : await localCandidates(options);
  const wanted = (candidate: Candidate) =>
    candidate.document.provider === provider &&
    (!options.consumers?.length || options.consumers.includes(candidate.document.consumer));
  const candidates = found.filter(wanted);
  const skipped = found
    .filter((candidate) => !wanted(candidate))
    .map((candidate) => candidate.source);
  if (candidates.length === 0 && options.failIfNoPactsFound !== false) {
    throw new VccSimError(
      'pact',
      `No pacts for ${provider} to verify${skipped.length > 0 ? ` (skipped ${skipped.length} for other providers or consumers)` : ''}.`,
    );
  }
  const source =
    options.source ?? scenarioSource(options.seed !== undefined ? { seed: options.seed } : {});
  const plansByPact = candidates.map((candidate) =>
    candidate.document.interactions.map((interaction) =>
      planInteraction(candidate.document.consumer, interaction, source),
    ),
  );
  const plans = plansByPact.flat();
  flagAmbiguousPlans(plans);
  const { json, published } =
    plans.length > 0
      ? await runPactVerifier(options, {
          provider,
          plans,
          pactUrls: fromBroker ? undefined : candidates.map((candidate) => candidate.source),
          selectors: options.consumerVersionSelectors ?? DEFAULT_SELECTORS,
        })
      : { json: {}, published: false };
  const results = pactResults(json);
  const pacts: PactVerdict[] = candidates.map((candidate, i) => ({
    consumer: candidate.document.consumer,
    provider: candidate.document.provider,
    source: candidate.source,
    ...(candidate.selection ? { selection: candidate.selection } : {}),
    pending: candidate.pending,
    interactions: (plansByPact[i] ?? []).map((plan) =>
      verdictOf(plan, provider, candidate.pending, results),
    ),
    unsupported: candidate.document.unsupported,
  }));
  const success = pacts.every(
    (pact) =>
      pact.unsupported.length === 0 &&
      pact.interactions.every((interaction) => interaction.status !== 'failed'),
  );
  return { success, provider, pacts, skipped, published, output: results.output };
}
