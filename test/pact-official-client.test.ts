import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePact } from '../src/delivery/pact/index.js';
import { ROOT, runCli } from './support/cli.js';
import {
  PactBrokerStandIn,
  type RecordedRequest,
  type StandInOptions,
} from './support/pact-broker.js';

/**
 * Holds vcc-sim's `pact publish` against Pact's official client (`pact-broker publish` from
 * @pact-foundation/pact-cli): both publish the same files to a recording broker stand-in, and the
 * requests must be ones the broker treats the same way.
 */

const run = promisify(execFile);
const PACT_BROKER = join(ROOT, 'node_modules/@pact-foundation/pact-cli/bin/pact-broker.js');

let directory: string;
const brokers: PactBrokerStandIn[] = [];

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'vcc-sim-official-client-'));
  for (const consumer of ['crm-sync', 'wallboard']) {
    const pact = generatePact({ consumer, events: 'channel.connected.*,channel.ended.v0' });
    await writeFile(join(directory, pact.fileName), pact.text);
  }
});

afterAll(async () => {
  await Promise.all(brokers.map((broker) => broker.close()));
});

async function broker(options: StandInOptions): Promise<PactBrokerStandIn> {
  const stand = await PactBrokerStandIn.start(options);
  brokers.push(stand);
  return stand;
}

function sortInteractions(interactions: unknown[]): unknown[] {
  return [...interactions].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** What the broker acts on in a publish request: the fields, and each contract decoded. */
function meaning(requests: readonly RecordedRequest[]) {
  const publications = requests.filter((request) => request.method === 'POST');
  return {
    endpoints: [...new Set(publications.map((request) => `${request.method} ${request.path}`))],
    auth: [...new Set(requests.map((request) => request.headers['authorization']))],
    contentTypes: [...new Set(publications.map((request) => request.headers['content-type']))],
    versions: [
      ...new Set(
        publications.map((request) => {
          const { contracts: _, ...version } = request.body as Record<string, unknown>;
          return JSON.stringify(version, Object.keys(version).sort());
        }),
      ),
    ].sort(),
    contracts: publications
      .flatMap((request) => (request.body as { contracts: Record<string, string>[] }).contracts)
      .map(({ content, ...contract }) => {
        const pact = JSON.parse(Buffer.from(content ?? '', 'base64').toString('utf8'));
        // Pact's Rust client re-serialises the pact: it stamps its own library version in the
        // metadata and reorders interactions, neither of which changes the pact for the broker
        // (which sorts interactions before it fingerprints a pact's content).
        delete pact.metadata?.pactRust;
        pact.interactions = sortInteractions(pact.interactions);
        return { ...contract, pact } as Record<string, unknown>;
      })
      .sort((a, b) => String(a['consumerName']).localeCompare(String(b['consumerName']))),
  };
}

describe('vcc-sim pact publish, held against pact-broker publish', () => {
  it('runs the official client here', async () => {
    const { stdout } = await run(process.execPath, [PACT_BROKER, '--version']);
    expect(stdout).toMatch(/^pact-broker \d+\.\d+\.\d+/);
  });

  it.each([
    [
      'basic auth',
      { auth: { username: 'ci', password: 's3cret' } },
      ['-u', 'ci', '-p', 's3cret'],
      [],
    ],
    ['a bearer token and --merge', { auth: { token: 'tok-123' } }, ['-k', 'tok-123'], ['--merge']],
  ] as const)(
    'sends what the official client sends, with %s',
    async (_name, options, auth, extra) => {
      const official = await broker(options);
      const ours = await broker(options);
      const common = [
        '-a',
        '1.2.3',
        '--branch',
        'main',
        '--build-url',
        'https://ci.example/builds/7',
        ...extra,
      ];
      const reference = await run(process.execPath, [
        PACT_BROKER,
        'publish',
        directory,
        '-b',
        official.url,
        ...auth,
        ...common,
        '-t',
        'dev,qa',
      ]);
      expect(reference.stdout).toContain('Pact published for crm-sync version 1.2.3');
      const result = await runCli([
        'pact',
        'publish',
        directory,
        '-b',
        ours.url,
        ...auth,
        ...common,
        '-t',
        'dev',
        '-t',
        'qa',
      ]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const theirs = meaning(official.requests);
      expect(theirs.contracts).toHaveLength(2);
      expect(meaning(ours.requests)).toEqual(theirs);
      expect(official.unhandled()).toEqual([]);
      expect(ours.pacts.map((pact) => pact.sha).sort()).toEqual(
        official.pacts.map((pact) => pact.sha).sort(),
      );
    },
  );
});
