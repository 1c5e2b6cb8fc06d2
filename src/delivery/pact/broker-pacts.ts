import { VccSimError } from '../../errors.js';
import { BrokerClient } from './broker-client.js';
import { parsePact } from './pact-file.js';
import type {
  BrokerRequestOptions,
  ConsumerVersionSelector,
  BrokerConnection,
  PactDocument,
} from './types.js';

/**
 * Reads the pacts a provider must verify from the broker's pacts-for-verification API: the same
 * request Pact's verifier makes, so vcc-sim can check each expectation before Pact compares it.
 */

/** A pact the broker selected for verification. */
export interface SelectedPact {
  url: string;
  document: PactDocument;
  /** The broker's reason for selecting it ("latest from main branch"). */
  selection: string;
  pending: boolean;
}

/** What to ask the broker for. */
export interface PactSelection {
  provider: string;
  consumerVersionSelectors: readonly ConsumerVersionSelector[];
  providerVersionBranch?: string;
  providerVersionTags?: readonly string[];
  includePendingStatus: boolean;
  includeWipPactsSince?: string;
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** Asks the broker which pacts `selection.provider` must verify, and fetches each. */
export async function fetchPactsForVerification(
  connection: BrokerConnection,
  selection: PactSelection,
  options: BrokerRequestOptions = {},
): Promise<SelectedPact[]> {
  const client = new BrokerClient(connection, options);
  const index = await client.index();
  const url = client.link(index, 'pb:provider-pacts-for-verification', {
    provider: selection.provider,
  });
  const response = await client.post(
    url,
    {
      consumerVersionSelectors: selection.consumerVersionSelectors,
      includePendingStatus: selection.includePendingStatus,
      ...(selection.providerVersionBranch !== undefined
        ? { providerVersionBranch: selection.providerVersionBranch }
        : {}),
      ...(selection.providerVersionTags && selection.providerVersionTags.length > 0
        ? { providerVersionTags: selection.providerVersionTags }
        : {}),
      ...(selection.includeWipPactsSince !== undefined
        ? { includeWipPactsSince: selection.includeWipPactsSince }
        : {}),
    },
    `asking which pacts ${selection.provider} must verify`,
  );
  const pacts = record(response['_embedded'])['pacts'];
  if (!Array.isArray(pacts)) {
    throw new VccSimError(
      'pact',
      'The Pact Broker answered pacts-for-verification without _embedded.pacts.',
    );
  }
  const selected: SelectedPact[] = [];
  for (const entry of pacts) {
    const self = record(record(record(entry)['_links'])['self']);
    if (typeof self['href'] !== 'string') continue;
    const properties = record(record(entry)['verificationProperties']);
    const json = await client.get(self['href'], `fetching the pact ${self['href']}`);
    selected.push({
      url: self['href'],
      document: parsePact(json, self['href']),
      selection: String(record(entry)['shortDescription'] ?? ''),
      pending: properties['pending'] === true,
    });
  }
  return selected;
}
