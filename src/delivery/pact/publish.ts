import { VccSimError } from '../../errors.js';
import { BrokerClient, type HalResource } from './broker-client.js';
import { readPactFiles, type PactFile } from './pact-sources.js';
import type { BrokerConnection, BrokerNotice, BrokerRequestOptions } from './types.js';

/**
 * Publishes pact files the way Pact's own clients do: find `pb:publish-contracts` in the broker's
 * index and `POST` one request per consumer version, each contract's exact file content base64
 * encoded. Brokers too old for that relation get the legacy calls (a `PUT` per tag and per pact).
 */

/** What to publish and as which consumer version. */
export interface PublishPactsOptions extends BrokerRequestOptions {
  /** Pact files, or directories of them. */
  paths: readonly string[];
  broker: BrokerConnection;
  /** The consumer application version, ideally a git SHA. */
  consumerVersion: string;
  branch?: string;
  tags?: readonly string[];
  buildUrl?: string;
  /** Merge into a pact already published for this version instead of replacing it. */
  merge?: boolean;
}

/** One consumer version's publication. */
export interface PublishedPacts {
  consumer: string;
  consumerVersion: string;
  contracts: { provider: string; file: string; url?: string }[];
  /** What the broker said, for people (next steps, warnings). */
  notices: BrokerNotice[];
  /** Whether the legacy endpoints were used (no branch support there). */
  legacy: boolean;
}

function checkLine(value: string | undefined, what: string): void {
  if (value === undefined) return;
  if (value.trim() === '' || /[\r\n]/.test(value)) {
    throw new VccSimError(
      'usage',
      `The ${what} must be a single non-blank line (got ${JSON.stringify(value)}).`,
    );
  }
}

function groupByConsumer(pacts: readonly PactFile[]): Map<string, PactFile[]> {
  const groups = new Map<string, PactFile[]>();
  const pairs = new Map<string, string>();
  for (const pact of pacts) {
    const { consumer, provider } = pact.document;
    const pair = `${consumer}\u0000${provider}`;
    const other = pairs.get(pair);
    if (other) {
      throw new VccSimError(
        'input',
        `${other} and ${pact.path} both hold the pact between ${consumer} and ${provider}; publish one of them.`,
      );
    }
    pairs.set(pair, pact.path);
    groups.set(consumer, [...(groups.get(consumer) ?? []), pact]);
  }
  return groups;
}

function notices(response: HalResource): BrokerNotice[] {
  const list = response['notices'];
  if (!Array.isArray(list)) return [];
  return list
    .filter(
      (notice): notice is Record<string, unknown> => notice !== null && typeof notice === 'object',
    )
    .map((notice) => ({
      type: String(notice['type'] ?? 'info'),
      text: String(notice['text'] ?? ''),
    }));
}

function contractLinks(response: HalResource): string[] {
  const links = response._links?.['pb:contracts'];
  return Array.isArray(links)
    ? links.map((link) => String((link as { href?: unknown }).href ?? ''))
    : [];
}

async function publishContracts(
  client: BrokerClient,
  url: string,
  consumer: string,
  pacts: PactFile[],
  options: PublishPactsOptions,
): Promise<PublishedPacts> {
  const body = {
    pacticipantName: consumer,
    pacticipantVersionNumber: options.consumerVersion,
    ...(options.branch !== undefined ? { branch: options.branch } : {}),
    ...(options.tags && options.tags.length > 0 ? { tags: [...options.tags] } : {}),
    ...(options.buildUrl !== undefined ? { buildUrl: options.buildUrl } : {}),
    contracts: pacts.map((pact) => ({
      consumerName: consumer,
      providerName: pact.document.provider,
      specification: 'pact',
      contentType: 'application/json',
      content: Buffer.from(pact.text, 'utf8').toString('base64'),
      onConflict: options.merge ? 'merge' : 'overwrite',
    })),
  };
  const response = await client.post(
    url,
    body,
    `publishing pacts for ${consumer} version ${options.consumerVersion}`,
  );
  const links = contractLinks(response);
  return {
    consumer,
    consumerVersion: options.consumerVersion,
    contracts: pacts.map((pact, index) => ({
      provider: pact.document.provider,
      file: pact.path,
      ...(links[index] ? { url: links[index] } : {}),
    })),
    notices: notices(response),
    legacy: false,
  };
}

async function publishLegacy(
  client: BrokerClient,
  index: HalResource,
  consumer: string,
  pacts: PactFile[],
  options: PublishPactsOptions,
): Promise<PublishedPacts> {
  const base = client.connection.baseUrl;
  const version = encodeURIComponent(options.consumerVersion);
  const published: PublishedPacts = {
    consumer,
    consumerVersion: options.consumerVersion,
    contracts: [],
    notices: [],
    legacy: true,
  };
  if (options.branch !== undefined) {
    published.notices.push({
      type: 'warning',
      text: `This broker has no pb:publish-contracts relation, so the branch "${options.branch}" was not recorded; upgrade the broker to publish branches.`,
    });
  }
  for (const tag of options.tags ?? []) {
    await client.put(
      `${base}/pacticipants/${encodeURIComponent(consumer)}/versions/${version}/tags/${encodeURIComponent(tag)}`,
      {},
      `tagging ${consumer} version ${options.consumerVersion} with "${tag}"`,
    );
  }
  for (const pact of pacts) {
    const values = {
      provider: pact.document.provider,
      consumer,
      consumerApplicationVersion: options.consumerVersion,
    };
    const url = client.hasLink(index, 'pb:publish-pact')
      ? client.link(index, 'pb:publish-pact', values)
      : `${base}/pacts/provider/${encodeURIComponent(pact.document.provider)}/consumer/${encodeURIComponent(consumer)}/version/${version}`;
    const purpose = `publishing the pact between ${consumer} and ${pact.document.provider}`;
    await client.put(url, JSON.parse(pact.text), purpose);
    published.contracts.push({ provider: pact.document.provider, file: pact.path, url });
  }
  return published;
}

/**
 * Publishes pact files to a broker as `consumerVersion`, one request per consumer.
 *
 * @example
 * await publishPacts({
 *   paths: ['pacts'],
 *   broker: brokerConnection({}, process.env),
 *   consumerVersion: gitSha,
 *   branch: 'main',
 * });
 */
export async function publishPacts(options: PublishPactsOptions): Promise<PublishedPacts[]> {
  checkLine(options.consumerVersion, 'consumer version');
  checkLine(options.branch, 'branch');
  for (const tag of options.tags ?? []) checkLine(tag, 'tag');
  const groups = groupByConsumer(await readPactFiles(options.paths));
  const client = new BrokerClient(options.broker, options);
  const index = await client.index();
  const results: PublishedPacts[] = [];
  for (const [consumer, pacts] of groups) {
    results.push(
      client.hasLink(index, 'pb:publish-contracts')
        ? await publishContracts(
            client,
            client.link(index, 'pb:publish-contracts'),
            consumer,
            pacts,
            options,
          )
        : await publishLegacy(client, index, consumer, pacts, options),
    );
  }
  return results;
}
