import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateBrokerRequest } from './pact-broker-schemas.js';

/**
 * A Pact Broker stand-in for tests: a real HTTP server on 127.0.0.1 (port 0) that implements the
 * documented endpoints vcc-sim and Pact's verifier use, validates every request body against the
 * broker's documented rules (`pact-broker-schemas.ts`), keeps state in memory and records every
 * request. Not implemented: environments and deployments (deployed/released selectors select
 * nothing), webhooks, can-i-deploy.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  rawBody: string;
  body: unknown;
  status: number;
}

export interface StandInOptions {
  /** Credentials every request must carry; none means an open broker. */
  auth?: { username: string; password: string } | { token: string };
  /** Leave out pb:publish-contracts, as brokers before 2.86 do. */
  legacy?: boolean;
  /** The main branch of every pacticipant (default `main`). */
  mainBranch?: string;
}

interface Version {
  number: string;
  branch?: string;
  tags: Set<string>;
  buildUrl?: string;
  order: number;
}

export interface StoredPact {
  consumer: string;
  provider: string;
  consumerVersion: string;
  content: Record<string, unknown>;
  sha: string;
}

export interface StoredVerification {
  provider: string;
  consumer: string;
  sha: string;
  body: Record<string, unknown>;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/**
 * The pact's fingerprint, like the broker's (which by default fingerprints only the content that
 * affects verification results): the interactions or messages, in any key or interaction order.
 */
function shaOf(content: Record<string, unknown>): string {
  const relevant: Record<string, unknown> = {};
  for (const list of ['interactions', 'messages']) {
    if (Array.isArray(content[list])) {
      relevant[list] = (content[list] as unknown[])
        .map((item) => JSON.stringify(sortKeys(item)))
        .sort();
    }
  }
  return createHash('sha1').update(JSON.stringify(relevant)).digest('hex');
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

export class PactBrokerStandIn {
  readonly requests: RecordedRequest[] = [];
  readonly pacts: StoredPact[] = [];
  readonly verifications: StoredVerification[] = [];
  readonly branchVersions: { pacticipant: string; branch: string; version: string }[] = [];
  private readonly versions = new Map<string, Map<string, Version>>();
  private order = 0;
  private failures: number[] = [];
  url = '';

  private constructor(
    private readonly server: Server,
    private readonly options: StandInOptions,
  ) {}

  static async start(options: StandInOptions = {}): Promise<PactBrokerStandIn> {
    const server = createServer();
    const broker = new PactBrokerStandIn(server, options);
    server.on('request', (request, response) => void broker.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    broker.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return broker;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** The next `count` requests answer `status` (a 503, say) before doing anything. */
  failNext(count: number, status = 503): void {
    this.failures.push(...Array.from({ length: count }, () => status));
  }

  /** Requests no route handled. */
  unhandled(): RecordedRequest[] {
    return this.requests.filter((request) => request.status === 404);
  }

  /** A pacticipant version, as published. */
  version(pacticipant: string, number: string): Version | undefined {
    return this.versions.get(pacticipant)?.get(number);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', this.url);
    const record: RecordedRequest = {
      method: request.method ?? 'GET',
      path: decodeURIComponent(url.pathname),
      headers: Object.fromEntries(
        Object.entries(request.headers).map(([key, value]) => [key, String(value)]),
      ),
      rawBody,
      body: undefined,
      status: 0,
    };
    this.requests.push(record);
    let status: number;
    let body: unknown;
    try {
      const failure = this.failures.shift();
      if (failure) throw new HttpError(failure, { error: { message: 'induced failure' } });
      this.authenticate(request);
      if (rawBody !== '') {
        try {
          record.body = JSON.parse(rawBody);
        } catch {
          throw new HttpError(400, { errors: { body: ['is not valid JSON'] } });
        }
      }
      [status, body] = this.route(record.method, url.pathname, record.body);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      [status, body] = [error.status, error.body];
    }
    record.status = status;
    response.writeHead(status, { 'content-type': 'application/hal+json;charset=utf-8' });
    response.end(JSON.stringify(body));
  }

  private authenticate(request: IncomingMessage): void {
    const auth = this.options.auth;
    if (!auth) return;
    const expected =
      'token' in auth
        ? `Bearer ${auth.token}`
        : `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    if (request.headers.authorization !== expected) {
      throw new HttpError(401, { error: { message: 'Unauthorized' } });
    }
  }

  private route(method: string, path: string, body: unknown): [number, unknown] {
    const seg = '([^/]+)';
    const routes: [string, RegExp, (p: string[]) => [number, unknown]][] = [
      ['GET', /^\/$/, () => [200, this.index()]],
      ['POST', /^\/contracts\/publish$/, () => this.publishContracts(body)],
      [
        'POST',
        new RegExp(`^/pacts/provider/${seg}/for-verification$`),
        ([provider]) => this.pactsForVerification(provider as string, body),
      ],
      [
        // HAL clients (Pact's verifier) GET the relation first, then POST to its `self`.
        'GET',
        new RegExp(`^/pacts/provider/${seg}/for-verification$`),
        ([provider]) => [
          200,
          {
            _links: {
              self: {
                href: `${this.url}/pacts/provider/${encodeURIComponent(provider as string)}/for-verification`,
                title: 'Pacts to be verified',
              },
            },
          },
        ],
      ],
      [
        'GET',
        new RegExp(`^/pacts/provider/${seg}/consumer/${seg}/pact-version/${seg}$`),
        ([, , sha]) => [200, this.pactResource(this.findSha(sha as string))],
      ],
      [
        'GET',
        new RegExp(`^/pacts/provider/${seg}/consumer/${seg}/version/${seg}$`),
        ([provider, consumer, version]) => [
          200,
          this.pactResource(
            this.findVersion(provider as string, consumer as string, version as string),
          ),
        ],
      ],
      [
        'PUT',
        new RegExp(`^/pacts/provider/${seg}/consumer/${seg}/version/${seg}$`),
        ([provider, consumer, version]) =>
          this.putPact(provider as string, consumer as string, version as string, body),
      ],
      [
        'POST',
        new RegExp(
          `^/pacts/provider/${seg}/consumer/${seg}/pact-version/${seg}/verification-results$`,
        ),
        ([provider, consumer, sha]) =>
          this.verificationResults(provider as string, consumer as string, sha as string, body),
      ],
      [
        'GET',
        new RegExp(`^/pacticipants/${seg}$`),
        ([name]) => [200, this.pacticipant(name as string)],
      ],
      [
        'PUT',
        new RegExp(`^/pacticipants/${seg}/branches/${seg}/versions/${seg}$`),
        ([pacticipant, branch, version]) => {
          this.upsertVersion(pacticipant as string, version as string).branch = branch as string;
          this.branchVersions.push({
            pacticipant: pacticipant as string,
            branch: branch as string,
            version: version as string,
          });
          return [200, {}];
        },
      ],
      [
        'PUT',
        new RegExp(`^/pacticipants/${seg}/versions/${seg}/tags/${seg}$`),
        ([pacticipant, version, tag]) => {
          this.upsertVersion(pacticipant as string, version as string).tags.add(tag as string);
          return [201, {}];
        },
      ],
    ];
    for (const [routeMethod, pattern, handler] of routes) {
      const match = routeMethod === method ? pattern.exec(path) : null;
      if (match) return handler(match.slice(1).map(decodeURIComponent));
    }
    return [404, { error: { message: `No route for ${method} ${path}` } }];
  }

  private index() {
    const links: Record<string, unknown> = {
      self: { href: this.url },
      'pb:provider-pacts-for-verification': {
        href: `${this.url}/pacts/provider/{provider}/for-verification`,
        templated: true,
        title: 'Pact versions to be verified for the specified provider',
      },
      'pb:publish-pact': {
        href: `${this.url}/pacts/provider/{provider}/consumer/{consumer}/version/{consumerApplicationVersion}`,
        templated: true,
      },
    };
    if (!this.options.legacy) {
      links['pb:publish-contracts'] = {
        href: `${this.url}/contracts/publish`,
        title: 'Publish contracts',
      };
    }
    return { _links: links };
  }

  private upsertVersion(pacticipant: string, number: string): Version {
    const versions = this.versions.get(pacticipant) ?? new Map<string, Version>();
    this.versions.set(pacticipant, versions);
    let version = versions.get(number);
    if (!version) {
      version = { number, tags: new Set(), order: this.order++ };
      versions.set(number, version);
    }
    return version;
  }

  private store(
    consumer: string,
    provider: string,
    consumerVersion: string,
    content: Record<string, unknown>,
    merge: boolean,
  ): StoredPact {
    const existing = this.pacts.find(
      (pact) =>
        pact.consumer === consumer &&
        pact.provider === provider &&
        pact.consumerVersion === consumerVersion,
    );
    let next = content;
    if (existing && merge) {
      const interactions = [
        ...((existing.content['interactions'] as unknown[]) ?? []),
        ...((content['interactions'] as unknown[]) ?? []),
      ];
      next = { ...existing.content, interactions };
    }
    const sha = shaOf(next);
    if (existing && existing.sha !== sha && !merge) {
      throw new HttpError(409, {
        errors: {
          contracts: [
            `Cannot change the content of the pact for ${consumer} version ${consumerVersion} and provider ${provider}, as race conditions will cause unreliable results for can-i-deploy. Each pact must be published with a unique consumer version number.`,
          ],
        },
      });
    }
    if (existing) {
      Object.assign(existing, { content: next, sha });
      return existing;
    }
    const pact = { consumer, provider, consumerVersion, content: next, sha };
    this.pacts.push(pact);
    return pact;
  }

  private publishContracts(body: unknown): [number, unknown] {
    const errors = validateBrokerRequest('publishContracts', body);
    if (errors) throw new HttpError(400, { errors });
    const request = body as {
      pacticipantName: string;
      pacticipantVersionNumber: string;
      branch?: string;
      tags?: string[];
      buildUrl?: string;
      contracts: {
        consumerName: string;
        providerName: string;
        content: string;
        onConflict?: string;
        writeMode?: string;
      }[];
    };
    const contractErrors: Record<string, string[]> = {};
    const decoded = request.contracts.map((contract, i) => {
      const problems: string[] = [];
      if (contract.consumerName !== request.pacticipantName) {
        problems.push(
          `consumerName (${contract.consumerName}) must match pacticipantName (${request.pacticipantName})`,
        );
      }
      let content: Record<string, unknown> | undefined;
      if (!BASE64.test(contract.content)) problems.push('content must be Base64 encoded');
      else {
        try {
          content = JSON.parse(Buffer.from(contract.content, 'base64').toString('utf8'));
        } catch {
          problems.push('content is not valid JSON for the content type application/json');
        }
      }
      const names = content as
        { consumer?: { name?: string }; provider?: { name?: string } } | undefined;
      if (names?.consumer?.name !== undefined && names.consumer.name !== contract.consumerName) {
        problems.push(
          `consumer name in the content (${names.consumer.name}) does not match ${contract.consumerName}`,
        );
      }
      if (names?.provider?.name !== undefined && names.provider.name !== contract.providerName) {
        problems.push(
          `provider name in the content (${names.provider.name}) does not match ${contract.providerName}`,
        );
      }
      if (problems.length > 0) contractErrors[`contracts[${i}]`] = problems;
      return content;
    });
    if (Object.keys(contractErrors).length > 0)
      throw new HttpError(400, { errors: contractErrors });
    const version = this.upsertVersion(request.pacticipantName, request.pacticipantVersionNumber);
    if (request.branch) version.branch = request.branch;
    for (const tag of request.tags ?? []) version.tags.add(tag);
    if (request.buildUrl) version.buildUrl = request.buildUrl;
    const stored = request.contracts.map((contract, i) =>
      this.store(
        contract.consumerName,
        contract.providerName,
        request.pacticipantVersionNumber,
        decoded[i] as Record<string, unknown>,
        (contract.onConflict ?? contract.writeMode) === 'merge',
      ),
    );
    const notices = [
      {
        type: 'success',
        text: `Created ${request.pacticipantName} version ${request.pacticipantVersionNumber}${request.branch ? ` with branch ${request.branch}` : ''}${request.tags?.length ? ` and tags ${request.tags.join(', ')}` : ''}`,
      },
      ...stored.map((pact) => ({
        type: 'success',
        text: `Pact published for ${pact.consumer} version ${pact.consumerVersion} and provider ${pact.provider}.`,
      })),
      {
        type: 'prompt',
        text: `Next steps: configure ${stored[0]?.provider} to verify it, see ${this.url}/doc/pacts-for-verification`,
      },
    ];
    const pacticipantUrl = `${this.url}/pacticipants/${encodeURIComponent(request.pacticipantName)}`;
    const versionUrl = `${pacticipantUrl}/versions/${encodeURIComponent(request.pacticipantVersionNumber)}`;
    // The documented response (publish-contracts API docs), which Pact's own clients parse.
    return [
      200,
      {
        notices,
        logs: [],
        _embedded: {
          pacticipant: {
            name: request.pacticipantName,
            _links: { self: { href: pacticipantUrl } },
          },
          version: {
            number: request.pacticipantVersionNumber,
            ...(request.branch ? { branch: request.branch } : {}),
            ...(request.buildUrl ? { buildUrl: request.buildUrl } : {}),
            _links: {
              self: { title: 'Version', name: request.pacticipantVersionNumber, href: versionUrl },
            },
          },
        },
        _links: {
          'pb:pacticipant': {
            title: 'Pacticipant',
            name: request.pacticipantName,
            href: pacticipantUrl,
          },
          'pb:pacticipant-version': {
            title: 'Pacticipant version',
            name: request.pacticipantVersionNumber,
            href: versionUrl,
          },
          'pb:pacticipant-version-tags': (request.tags ?? []).map((tag) => ({
            title: 'Tag',
            name: tag,
            href: `${versionUrl}/tags/${encodeURIComponent(tag)}`,
          })),
          'pb:contracts': stored.map((pact) => ({
            title: 'Pact',
            name: `Pact between ${pact.consumer} (${pact.consumerVersion}) and ${pact.provider}`,
            href: this.pactUrl(pact),
          })),
        },
      },
    ];
  }

  private putPact(
    provider: string,
    consumer: string,
    version: string,
    body: unknown,
  ): [number, unknown] {
    const content = body as
      { consumer?: { name?: string }; provider?: { name?: string } } | undefined;
    if (content?.consumer?.name !== consumer || content.provider?.name !== provider) {
      throw new HttpError(400, {
        errors: { pact: ['consumer and provider names in the pact must match the path'] },
      });
    }
    this.upsertVersion(consumer, version);
    const pact = this.store(consumer, provider, version, body as Record<string, unknown>, false);
    return [201, this.pactResource(pact)];
  }

  private pactUrl(pact: StoredPact): string {
    return `${this.url}/pacts/provider/${encodeURIComponent(pact.provider)}/consumer/${encodeURIComponent(pact.consumer)}/pact-version/${pact.sha}`;
  }

  private findSha(sha: string): StoredPact {
    const pact = this.pacts.find((candidate) => candidate.sha === sha);
    if (!pact) throw new HttpError(404, { error: { message: `No pact with version ${sha}` } });
    return pact;
  }

  private findVersion(provider: string, consumer: string, version: string): StoredPact {
    const pact = this.pacts.find(
      (candidate) =>
        candidate.provider === provider &&
        candidate.consumer === consumer &&
        candidate.consumerVersion === version,
    );
    if (!pact) throw new HttpError(404, { error: { message: 'No such pact' } });
    return pact;
  }

  private pactResource(pact: StoredPact) {
    const self = this.pactUrl(pact);
    return {
      ...pact.content,
      _links: {
        self: { href: self },
        'pb:provider': {
          href: `${this.url}/pacticipants/${encodeURIComponent(pact.provider)}`,
          name: pact.provider,
        },
        'pb:consumer': {
          href: `${this.url}/pacticipants/${encodeURIComponent(pact.consumer)}`,
          name: pact.consumer,
        },
        'pb:publish-verification-results': {
          href: `${self}/verification-results`,
          title: 'Publish verification results',
        },
      },
    };
  }

  private pacticipant(name: string) {
    const base = `${this.url}/pacticipants/${encodeURIComponent(name)}`;
    return {
      name,
      mainBranch: this.options.mainBranch ?? 'main',
      _links: {
        self: { href: base },
        'pb:branch-version': {
          href: `${base}/branches/{branch}/versions/{version}`,
          templated: true,
        },
        'pb:version-tag': { href: `${base}/versions/{version}/tags/{tag}`, templated: true },
      },
    };
  }

  private latest(consumer: string, wanted: (version: Version) => boolean): Version[] {
    const versions = [...(this.versions.get(consumer)?.values() ?? [])].filter(wanted);
    return versions.sort((a, b) => b.order - a.order);
  }

  private pactsForVerification(provider: string, body: unknown): [number, unknown] {
    const errors = validateBrokerRequest('pactsForVerification', body);
    if (errors) throw new HttpError(400, { errors });
    const request = body as {
      consumerVersionSelectors?: Record<string, unknown>[];
      includePendingStatus?: boolean;
      providerVersionBranch?: string;
    };
    const selectors = request.consumerVersionSelectors ?? [{ mainBranch: true }];
    if (
      selectors.some((selector) => selector['matchingBranch']) &&
      !request.providerVersionBranch
    ) {
      throw new HttpError(400, {
        errors: { consumerVersionSelectors: ['matchingBranch requires providerVersionBranch'] },
      });
    }
    const consumers = [
      ...new Set(
        this.pacts.filter((pact) => pact.provider === provider).map((pact) => pact.consumer),
      ),
    ];
    const selected = new Map<string, { pact: StoredPact; why: string[] }>();
    for (const selector of selectors) {
      for (const consumer of consumers) {
        if (typeof selector['consumer'] === 'string' && selector['consumer'] !== consumer) continue;
        const mainBranch = this.options.mainBranch ?? 'main';
        const branch = selector['mainBranch']
          ? mainBranch
          : selector['matchingBranch']
            ? request.providerVersionBranch
            : (selector['branch'] as string | undefined);
        let versions: Version[];
        let why: string;
        if (branch !== undefined) {
          versions = this.latest(consumer, (version) => version.branch === branch).slice(0, 1);
          why = selector['mainBranch'] ? 'latest from main branch' : `latest from branch ${branch}`;
        } else if (typeof selector['tag'] === 'string') {
          const all = this.latest(consumer, (version) =>
            version.tags.has(selector['tag'] as string),
          );
          versions = selector['latest'] === true ? all.slice(0, 1) : all;
          why = `${selector['latest'] === true ? 'latest ' : ''}with tag ${selector['tag']}`;
        } else if (selector['latest'] === true) {
          versions = this.latest(consumer, () => true).slice(0, 1);
          why = 'latest';
        } else {
          versions = []; // environments: this stand-in records no deployments
          why = '';
        }
        for (const version of versions) {
          const pact = this.pacts.find(
            (candidate) =>
              candidate.provider === provider &&
              candidate.consumer === consumer &&
              candidate.consumerVersion === version.number,
          );
          if (!pact) continue;
          const entry = selected.get(pact.sha) ?? { pact, why: [] };
          entry.why.push(`${why} (${version.number})`);
          selected.set(pact.sha, entry);
        }
      }
    }
    const pacts = [...selected.values()].map(({ pact, why }) => {
      const verified = this.verifications.some(
        (result) => result.sha === pact.sha && result.body['success'] === true,
      );
      const pending = request.includePendingStatus === true && !verified;
      return {
        shortDescription: why.join(', '),
        verificationProperties: {
          pending,
          notices: [
            {
              when: 'before_verification',
              text: `The pact at ${this.pactUrl(pact)} is being verified because it matches: ${why.join(', ')}`,
            },
          ],
        },
        _links: {
          self: {
            href: this.pactUrl(pact),
            name: `Pact between ${pact.consumer} and ${pact.provider}`,
          },
        },
      };
    });
    return [
      200,
      {
        _embedded: { pacts },
        _links: { self: { href: `${this.url}/pacts/provider/${provider}/for-verification` } },
      },
    ];
  }

  private verificationResults(
    provider: string,
    consumer: string,
    sha: string,
    body: unknown,
  ): [number, unknown] {
    const errors = validateBrokerRequest('verificationResult', body);
    if (errors) throw new HttpError(400, { errors });
    const pact = this.findSha(sha);
    if (pact.provider !== provider || pact.consumer !== consumer)
      throw new HttpError(404, { error: { message: 'No such pact' } });
    const result = body as Record<string, unknown>;
    this.verifications.push({ provider, consumer, sha, body: result });
    this.upsertVersion(provider, String(result['providerApplicationVersion']));
    return [
      201,
      {
        ...result,
        _links: {
          self: { href: `${this.pactUrl(pact)}/verification-results/${this.verifications.length}` },
        },
      },
    ];
  }
}
