import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  brokerConnection,
  generatePact,
  publishPacts,
  type PublishPactsOptions,
} from '../src/delivery/pact/index.js';
import { BrokerClient } from '../src/delivery/pact/broker-client.js';
import { runCli } from './support/cli.js';
import { PactBrokerStandIn } from './support/pact-broker.js';

/** Broker traffic against the stand-in: retries, refusals and their messages, legacy brokers. */

let directory: string;
let broker: PactBrokerStandIn | undefined;

async function pactFile(consumer: string, provider = 'vcc-webhooks'): Promise<string> {
  const pact = generatePact({
    consumer,
    provider,
    events: 'channel.connected.v0',
    roles: ['agent'],
  });
  const path = join(directory, `${consumer}-${provider}.json`);
  await writeFile(path, pact.text);
  return path;
}

async function start(options: Parameters<typeof PactBrokerStandIn.start>[0] = {}) {
  broker = await PactBrokerStandIn.start(options);
  return broker;
}

function options(
  stand: PactBrokerStandIn,
  paths: string[],
  extra: Partial<PublishPactsOptions> = {},
) {
  const sleeps: number[] = [];
  return {
    sleeps,
    options: {
      paths,
      broker: brokerConnection({ url: stand.url, username: 'ci', password: 's3cret' }),
      consumerVersion: '1.0.0',
      sleep: async (ms: number) => void sleeps.push(ms),
      ...extra,
    } satisfies PublishPactsOptions,
  };
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'vcc-sim-broker-client-'));
});

afterEach(async () => {
  await broker?.close();
  broker = undefined;
});

describe('publishPacts', () => {
  it('sends one publish-contracts request per consumer with the exact file content', async () => {
    const stand = await start({ auth: { username: 'ci', password: 's3cret' } });
    const crm = await pactFile('crm');
    const billing = await pactFile('billing');
    const { options: publish } = options(stand, [crm, billing], {
      branch: 'main',
      tags: ['dev'],
      buildUrl: 'https://ci/1',
    });
    const results = await publishPacts(publish);
    expect(results.map((result) => result.consumer)).toEqual(['crm', 'billing']);
    const posts = stand.requests.filter((request) => request.method === 'POST');
    expect(posts.map((request) => request.path)).toEqual([
      '/contracts/publish',
      '/contracts/publish',
    ]);
    expect(posts[0]?.body).toMatchObject({
      pacticipantName: 'crm',
      pacticipantVersionNumber: '1.0.0',
      branch: 'main',
      tags: ['dev'],
      buildUrl: 'https://ci/1',
      contracts: [
        {
          consumerName: 'crm',
          providerName: 'vcc-webhooks',
          specification: 'pact',
          contentType: 'application/json',
          onConflict: 'overwrite',
        },
      ],
    });
    const { readFile } = await import('node:fs/promises');
    const content =
      (posts[0]?.body as { contracts: { content: string }[] }).contracts[0]?.content ?? '';
    expect(Buffer.from(content, 'base64').toString('utf8')).toBe(await readFile(crm, 'utf8'));
    expect(results[0]?.notices[0]).toEqual({
      type: 'success',
      text: 'Created crm version 1.0.0 with branch main and tags dev',
    });
    expect(results[0]?.contracts[0]?.url).toMatch(
      /\/pacts\/provider\/vcc-webhooks\/consumer\/crm\/pact-version\/[0-9a-f]{40}$/,
    );
    expect(stand.version('crm', '1.0.0')?.branch).toBe('main');
  });

  it('retries 5xx answers with growing delays, then succeeds', async () => {
    const stand = await start();
    stand.failNext(2, 503);
    const { options: publish, sleeps } = options(stand, [await pactFile('crm')]);
    await publishPacts(publish);
    expect(sleeps).toEqual([500, 1000]);
    expect(stand.pacts).toHaveLength(1);
  });

  it('gives up after the retries with the broker’s status', async () => {
    const stand = await start();
    stand.failNext(10, 502);
    const { options: publish, sleeps } = options(stand, [await pactFile('crm')], { retries: 2 });
    await expect(publishPacts(publish)).rejects.toMatchObject({
      code: 'delivery',
      message:
        'The Pact Broker answered GET / with 502 Bad Gateway while reading the broker index (after 3 attempts): induced failure.',
    });
    expect(sleeps).toEqual([500, 1000]);
  });

  it('explains a 401 without revealing the secret', async () => {
    const stand = await start({ auth: { username: 'ci', password: 'right' } });
    const { options: publish } = options(stand, [await pactFile('crm')]);
    const error = (await publishPacts(publish).catch((caught: unknown) => caught)) as Error;
    expect(error).toMatchObject({ code: 'pact' });
    expect(error.message).toBe(
      'The Pact Broker refused the credentials (401 Unauthorized) while reading the broker index; vcc-sim connected as "ci" (basic auth). Check PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD.',
    );
    expect(error.message).not.toContain('s3cret');
  });

  it('reports a 409 when a version’s pact changes', async () => {
    const stand = await start();
    const path = await pactFile('crm');
    await publishPacts(options(stand, [path]).options);
    await writeFile(
      path,
      generatePact({ consumer: 'crm', events: 'channel.ended.v0', roles: ['agent'] }).text,
    );
    await expect(publishPacts(options(stand, [path]).options)).rejects.toThrow(
      /^The Pact Broker refused publishing pacts for crm version 1\.0\.0 \(409 Conflict\): contracts: Cannot change the content of the pact for crm version 1\.0\.0 and provider vcc-webhooks/,
    );
    await publishPacts(options(stand, [path], { merge: true }).options);
    expect((stand.pacts[0]?.content['interactions'] as unknown[]).length).toBe(2);
  });

  it('reports the broker’s validation errors field by field', async () => {
    const stand = await start();
    const path = join(directory, 'odd-names.json');
    const pact = JSON.parse(generatePact({ consumer: 'crm', events: 'channel.ended.v0' }).text);
    pact.provider.name = 'vcc\nwebhooks';
    await writeFile(path, JSON.stringify(pact));
    await expect(publishPacts(options(stand, [path]).options)).rejects.toThrow(
      'The Pact Broker rejected the request while publishing pacts for crm version 1.0.0 (400 Bad Request): contracts.0.providerName: must match pattern',
    );
  });

  it('refuses two files holding the same pact, and blank versions, before sending anything', async () => {
    const stand = await start();
    const path = await pactFile('crm');
    const copy = join(directory, 'copy.json');
    const { readFile } = await import('node:fs/promises');
    await writeFile(copy, await readFile(path));
    await expect(publishPacts(options(stand, [path, copy]).options)).rejects.toThrow(
      'both hold the pact between crm and vcc-webhooks',
    );
    await expect(
      publishPacts(options(stand, [path], { consumerVersion: ' ' }).options),
    ).rejects.toThrow('The consumer version must be a single non-blank line');
    expect(stand.requests).toEqual([]);
  });

  it('uses the legacy endpoints on a broker without pb:publish-contracts', async () => {
    const stand = await start({ legacy: true });
    const { options: publish } = options(stand, [await pactFile('crm')], {
      tags: ['dev'],
      branch: 'main',
    });
    const [result] = await publishPacts(publish);
    expect(stand.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /',
      'PUT /pacticipants/crm/versions/1.0.0/tags/dev',
      'PUT /pacts/provider/vcc-webhooks/consumer/crm/version/1.0.0',
    ]);
    expect(result?.legacy).toBe(true);
    expect(result?.notices[0]?.text).toMatch(
      /no pb:publish-contracts relation, so the branch "main" was not recorded/,
    );
    expect(stand.pacts[0]?.consumerVersion).toBe('1.0.0');
  });

  it('says when the broker cannot be reached at all', async () => {
    const stand = await start();
    await stand.close();
    broker = undefined;
    const { options: publish, sleeps } = options(stand, [await pactFile('crm')], { retries: 1 });
    await expect(publishPacts(publish)).rejects.toMatchObject({
      code: 'delivery',
      message: expect.stringMatching(
        /^Could not reach the Pact Broker at http:\/\/127\.0\.0\.1:\d+ while reading the broker index: .+ \(tried 2 times\)\.$/,
      ),
    });
    expect(sleeps).toEqual([500]);
  });
});

describe('a broker that stalls', () => {
  let stalled: Server | undefined;
  afterEach(async () => {
    const server = stalled;
    stalled = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** A server that takes requests and answers with `answer` (or never, when it does nothing). */
  async function stallingServer(answer: (response: ServerResponse) => void): Promise<string> {
    stalled = createServer((_request, response) => answer(response));
    await new Promise<void>((resolve) => stalled!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(stalled.address() as AddressInfo).port}`;
  }

  /** Publishes one pact to `url` with a 150 ms timeout. */
  async function publishTo(url: string, extra: Partial<PublishPactsOptions>) {
    return publishPacts({
      paths: [await pactFile('crm')],
      broker: brokerConnection({ url }),
      consumerVersion: '1.0.0',
      timeoutMs: 150,
      ...extra,
    });
  }

  it('gives up on a broker that never answers after --timeout, retrying first', async () => {
    const url = await stallingServer(() => {});
    const sleeps: number[] = [];
    await expect(
      publishTo(url, { retries: 1, sleep: async (ms) => void sleeps.push(ms) }),
    ).rejects.toMatchObject({
      code: 'delivery',
      message: expect.stringMatching(
        /^Could not reach the Pact Broker at http:\/\/127\.0\.0\.1:\d+ while reading the broker index: no answer within 150 ms \(tried 2 times\)\.$/,
      ),
    });
    expect(sleeps).toEqual([500]);
  });

  it('counts a body that stops half-way as no answer', async () => {
    const url = await stallingServer((response) => {
      response.writeHead(200, { 'content-type': 'application/hal+json' });
      response.write('{"_links":');
    });
    await expect(publishTo(url, { retries: 0 })).rejects.toThrow(
      /no answer within 150 ms \(tried 1 time/,
    );
  });

  it('refuses a timeout that is not a positive duration', () => {
    expect(
      () => new BrokerClient(brokerConnection({ url: 'http://127.0.0.1:1' }), { timeoutMs: 0 }),
    ).toThrow(/broker timeout must be a duration > 0/);
  });

  /** `vcc-sim pact publish` of the crm pact to the broker at `url`, with `extra` options. */
  const publishCli = async (url: string, ...extra: string[]) =>
    runCli([
      'pact',
      'publish',
      await pactFile('crm'),
      '--consumer-app-version',
      '1.0.0',
      '--broker-base-url',
      url,
      ...extra,
    ]);

  it('vcc-sim pact publish --timeout stops a hung broker with one line and exit 2', async () => {
    const url = await stallingServer(() => {});
    const result = await publishCli(url, '--retries', '0', '--timeout', '200ms');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/no answer within 200 ms/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(2);
  });

  it.each(['0', 'abc', '-1s', '30d'])(
    'vcc-sim pact publish --timeout %s is refused',
    async (value) => {
      const result = await publishCli('http://127.0.0.1:1', `--timeout=${value}`);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /^vcc-sim: --timeout must be a duration .*\nRun "vcc-sim pact publish --help" for usage\.\n$/,
      );
    },
  );
});
