import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generatePact,
  notificationBody,
  pactDocument,
  pactFileText,
} from '../src/delivery/pact/index.js';
import { runCli } from './support/cli.js';
import { PactBrokerStandIn } from './support/pact-broker.js';

/**
 * The broker round trip with the built CLI: consumers publish with `vcc-sim pact publish`, the
 * provider verifies what the broker selects with `vcc-sim pact verify` and publishes the results
 * through each pact's pb:publish-verification-results link, as Pact's verifier does.
 */

const auth = ['-u', 'ci', '-p', 's3cret'];
let broker: PactBrokerStandIn;
let directory: string;

beforeAll(async () => {
  broker = await PactBrokerStandIn.start({ auth: { username: 'ci', password: 's3cret' } });
  directory = await mkdtemp(join(tmpdir(), 'vcc-sim-broker-e2e-'));
  const good = generatePact({
    consumer: 'crm-sync',
    events: 'channel.connected.v0,channel.ended.v0',
    roles: ['agent', 'external'],
  });
  await writeFile(join(directory, good.fileName), good.text);
  const wrong = pactDocument('queue-dashboard', 'vcc-webhooks', [
    {
      description: 'an agent answers a call from the sales queue',
      providerState: 'an agent answered an inbound call',
      body: notificationBody('channel.connected.v0', {
        extend: { data: { channel: { party: { queueName: 'sales' } } } },
      }),
      metadata: {},
    },
  ]);
  await writeFile(join(directory, 'queue-dashboard-vcc-webhooks.json'), pactFileText(wrong));
});

afterAll(async () => {
  await broker?.close();
});

describe('vcc-sim pact publish and verify against a broker', () => {
  it('publishes each consumer’s pacts and prints the broker’s notices', async () => {
    const result = await runCli([
      'pact',
      'publish',
      directory,
      '-b',
      broker.url,
      ...auth,
      '--consumer-app-version',
      'c0ffee',
      '--branch',
      'main',
      '--tag',
      'dev',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✓ Published the pact between crm-sync and vcc-webhooks');
    expect(result.stdout).toContain(
      '  Created crm-sync version c0ffee with branch main and tags dev\n',
    );
    expect(result.stdout).toContain('  Next steps: configure vcc-webhooks to verify it');
    expect(broker.pacts.map((pact) => pact.consumer).sort()).toEqual([
      'crm-sync',
      'queue-dashboard',
    ]);
  });

  it('verifies the selected pacts and publishes the results with the provider’s version and branch', async () => {
    const result = await runCli([
      'pact',
      'verify',
      '-b',
      broker.url,
      ...auth,
      '--consumer-version-selectors',
      '{"mainBranch":true}',
      '--publish-verification-results',
      '--provider-version',
      '2.0.0',
      '--provider-branch',
      'main',
      '--build-url',
      'https://ci.example/provider/1',
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /✓ crm-sync \(http:\/\/127\.0\.0\.1:\d+\/pacts\/provider\/vcc-webhooks\/consumer\/crm-sync\/pact-version\/[0-9a-f]{40}, latest from main branch \(c0ffee\)\): 4 interactions passed\n/,
    );
    expect(result.stdout).toContain(
      '      why: the consumer expects `data.channel.party.queueName`, which channel.connected.v0 does not have',
    );
    expect(result.stdout).toContain(
      `Published the verification results to ${broker.url} as vcc-webhooks version 2.0.0 (branch main).`,
    );
    const results = Object.fromEntries(
      broker.verifications.map((verification) => [verification.consumer, verification.body]),
    );
    expect(results['crm-sync']).toMatchObject({
      success: true,
      providerApplicationVersion: '2.0.0',
      buildUrl: 'https://ci.example/provider/1',
    });
    expect(results['queue-dashboard']).toMatchObject({
      success: false,
      providerApplicationVersion: '2.0.0',
    });
    expect(JSON.stringify(results['queue-dashboard'])).toContain(
      'Actual map is missing the following keys: queueName',
    );
    expect(broker.branchVersions).toContainEqual({
      pacticipant: 'vcc-webhooks',
      branch: 'main',
      version: '2.0.0',
    });
    expect(broker.unhandled()).toEqual([]);
  });

  it('lets pending pacts fail without failing the build', async () => {
    const result = await runCli([
      'pact',
      'verify',
      '-b',
      broker.url,
      ...auth,
      '--consumer-version-selectors',
      '{"branch":"main"}',
      '--enable-pending',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /○ queue-dashboard .*: 1 of 1 interaction failed \(pending: does not fail the build\)\n/,
    );
    expect(result.stdout).toContain('✓ crm-sync');
  });

  it('verifies a pact by its broker URL', async () => {
    const url = `${broker.url}/pacts/provider/vcc-webhooks/consumer/crm-sync/version/c0ffee`;
    const result = await runCli(['pact', 'verify', url, ...auth]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`✓ crm-sync (${url}): 4 interactions passed`);
  });

  it('takes the broker and credentials from PACT_BROKER_* variables, and explains a 401', async () => {
    const env = {
      PACT_BROKER_BASE_URL: broker.url,
      PACT_BROKER_USERNAME: 'ci',
      PACT_BROKER_PASSWORD: 'wrong',
    };
    const result = await runCli(['pact', 'verify', '--consumer', 'crm-sync'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'vcc-sim: The Pact Broker refused the credentials (401 Unauthorized) while reading the broker index; vcc-sim connected as "ci" (basic auth). Check PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD.\n',
    );
    const ok = await runCli(['pact', 'verify', '--consumer', 'crm-sync'], {
      env: { ...env, PACT_BROKER_PASSWORD: 's3cret' },
    });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('vcc-sim verified 1 pact (4 interactions) as vcc-webhooks');
  });
});
