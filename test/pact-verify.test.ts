import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MatchersV3, PactV4, Verifier } from '@pact-foundation/pact';
import { beforeAll, describe, expect, it } from 'vitest';
import { generatePact, notificationBody, receiveNotification } from '../src/delivery/pact/index.js';
import { runCli } from './support/cli.js';

/**
 * `vcc-sim pact generate` and `vcc-sim pact verify` end to end, with Pact's own verifier. Every pact
 * lives in this file's own temp directories, and each is written before it is verified, so the
 * tests run concurrently (each with its own `expect`).
 */

let root: string;
let generated: string;
let expected: ReturnType<typeof generatePact>;

async function folder(name: string): Promise<string> {
  const path = join(root, name);
  await mkdir(path, { recursive: true });
  return path;
}

/** A consumer's own PactV4, writing to a folder of its own. */
async function consumerPact(consumer: string, name: string) {
  const dir = await folder(name);
  return { dir, pact: new PactV4({ consumer, provider: 'vcc-webhooks', dir, logLevel: 'error' }) };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'vcc-sim-pact-verify-'));
  const out = await folder('generated');
  const result = await runCli(['pact', 'generate', '--consumer', 'crm-sync', '--out', out]);
  expect(result).toMatchObject({ code: 0, stderr: '' });
  // What the engine's built-in scenarios send decides the count (every channel type and role
  // some scenario sends, and each presence type once the engine emits presence).
  expected = generatePact({ consumer: 'crm-sync' });
  expect(expected.interactions.length).toBeGreaterThanOrEqual(58);
  expect(result.stdout).toMatch(
    new RegExp(
      `^✓ Wrote .*crm-sync-vcc-webhooks\\.json: ${expected.interactions.length} interactions between crm-sync and vcc-webhooks\\n {2}Left out ${expected.skipped.length} type and role combinations no scenario sends`,
    ),
  );
  generated = join(out, 'crm-sync-vcc-webhooks.json');
});

describe.concurrent('vcc-sim pact generate', () => {
  it('writes a pact Pact’s own verifier loads, whose examples satisfy their own matchers', async ({
    expect,
  }) => {
    const pact = JSON.parse(await readFile(generated, 'utf8'));
    const examples = new Map<string, unknown>(
      pact.interactions.map(
        (interaction: { description: string; contents: { content: unknown } }) => [
          interaction.description,
          interaction.contents.content,
        ],
      ),
    );
    const messageProviders = Object.fromEntries(
      [...examples].map(([description, content]) => [
        description,
        async () => ({
          __pactMessageMetadata: { webhookContentType: 'application/cloudevents+json' },
          message: content,
        }),
      ]),
    );
    const result = JSON.parse(
      await new Verifier({
        provider: 'vcc-webhooks',
        pactUrls: [generated],
        messageProviders,
        logLevel: 'error',
      }).verifyProvider(),
    );
    expect(result.result).toBe(true);
    expect(result.interactionResults).toHaveLength(expected.interactions.length);
    expect(
      new Set(result.interactionResults.map((entry: { result: string }) => entry.result)),
    ).toEqual(new Set(['OK']));
  });

  it('prints the pact on stdout with --out -', async ({ expect }) => {
    const result = await runCli([
      'pact',
      'generate',
      '--consumer',
      'x',
      '--events',
      'channel.held.v1',
      '--out',
      '-',
    ]);
    expect(result.code).toBe(0);
    const pact = JSON.parse(result.stdout);
    expect(
      pact.interactions.map((interaction: { description: string }) => interaction.description),
    ).toEqual(['a channel.held.v1 notification about an external party']);
    expect(pact.interactions[0].providerStates).toEqual([
      { name: 'an agent put a call on hold and retrieved it' },
    ]);
  });

  it('refuses event patterns and roles that select nothing', async ({ expect }) => {
    const events = await runCli([
      'pact',
      'generate',
      '--consumer',
      'x',
      '--events',
      'channel.queued.*',
      '--out',
      '-',
    ]);
    expect(events).toMatchObject({ code: 2, stdout: '' });
    expect(events.stderr).toContain('No event type matches "channel.queued.*"');
    const roles = await runCli([
      'pact',
      'generate',
      '--consumer',
      'x',
      '--roles',
      'supervisor',
      '--out',
      '-',
    ]);
    expect(roles.stderr).toContain('--roles: "supervisor" is not a party role');
  });
});

describe.concurrent('vcc-sim pact verify', () => {
  it('satisfies the generated pact with real notifications from the engine', async ({ expect }) => {
    const result = await runCli(['pact', 'verify', generated]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Verifying a pact between');
    expect(result.stdout).toContain(
      `vcc-sim verified 1 pact (${expected.interactions.length} interactions) as vcc-webhooks\n✓ crm-sync (${generated}): ${expected.interactions.length} interactions passed\n✓ vcc-webhooks satisfies 1 pact\n`,
    );
  });

  it('fails an expectation VCC cannot meet, and says why', async ({ expect }) => {
    const { dir, pact } = await consumerPact('queue-dashboard', 'wrong');
    // Written with Pact directly: expectNotification would refuse it before Pact ever saw it.
    const body = notificationBody('channel.connected.v0', {
      role: 'agent',
      extend: { data: { channel: { party: { queueName: MatchersV3.string('sales') } } } },
    });
    await pact
      .addAsynchronousInteraction()
      .given('an agent answered an inbound call')
      .expectsToReceive('an agent answers a call from the sales queue', (message) => {
        message.withJSONContent(body);
      })
      .executeTest(async () => undefined);
    const result = await runCli(['pact', 'verify', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '✗ queue-dashboard (' +
        join(dir, 'queue-dashboard-vcc-webhooks.json') +
        '): 1 of 1 interaction failed\n' +
        '  ✗ an agent answers a call from the sales queue given "an agent answered an inbound call"\n' +
        '      why: the consumer expects `data.channel.party.queueName`, which channel.connected.v0 does not have (`data.channel.party` has `role`, `agentId`, `userId`)\n' +
        '      pact: $.data.channel.party -> Actual map is missing the following keys: queueName\n',
    );
    expect(result.stdout).toMatch(/✗ 1 of 1 pact failed verification\n$/);
  });

  it('verifies a consumer’s presence and v1 expectations with notifications from the engine', async ({
    expect,
  }) => {
    const { dir, pact } = await consumerPact('roster', 'presence');
    const seen: string[] = [];
    for (const type of ['agent.presencechanged.v0', 'agent.presencechanged.v1'] as const) {
      await receiveNotification(
        pact,
        { type, state: 'an agent changed presence' },
        (notification) => {
          // Typed as an agent notification: no channel, a presence and a user.
          seen.push(`${notification.subject}:${notification.data.presence.category.type}`);
        },
      );
    }
    await receiveNotification(
      pact,
      {
        type: 'channel.ended.v1',
        role: 'external',
        state: 'a caller hung up while waiting in the queue',
      },
      (notification) => {
        seen.push(notification.data.reason);
      },
    );
    expect(seen).toEqual(['1:ready', '1:ready', 'released']);
    const result = await runCli(['pact', 'verify', dir]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(
      `✓ roster (${join(dir, 'roster-vcc-webhooks.json')}): 3 interactions passed\n`,
    );
    expect(result.code).toBe(0);
  });

  it('fails unknown provider states with the state it probably meant', async ({ expect }) => {
    const { dir, pact } = await consumerPact('reporting', 'unknown-state');
    await pact
      .addAsynchronousInteraction()
      .given('an agent answred an inbound call')
      .expectsToReceive('a connected agent', (message) => {
        message.withJSONContent(notificationBody('channel.connected.v0'));
      })
      .executeTest(async () => undefined);
    const result = await runCli(['pact', 'verify', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '      why: unknown provider state "an agent answred an inbound call" (did you mean "an agent answered an inbound call"?); "vcc-sim pact states" lists the 13 states vcc-sim knows\n',
    );
    expect(result.stdout).toContain(
      '"vcc-sim": "cannot send this notification: unknown provider state',
    );
  });

  it('treats nothing to verify, and publishing results of local files, as usage errors', async ({
    expect,
  }) => {
    const empty = await runCli([
      'pact',
      'verify',
      await folder('generated'),
      '--provider',
      'someone-else',
    ]);
    expect(empty).toMatchObject({ code: 2, stdout: '' });
    expect(empty.stderr).toBe(
      'vcc-sim: No pacts for someone-else to verify (skipped 1 for other providers or consumers).\n',
    );
    const publish = await runCli([
      'pact',
      'verify',
      generated,
      '--publish',
      '--provider-version',
      '1',
    ]);
    expect(publish.code).toBe(2);
    expect(publish.stderr).toContain(
      'Verification results can only be published for pacts from a broker',
    );
    const none = await runCli(['pact', 'verify'], { env: { PACT_BROKER_BASE_URL: '' } });
    expect(none.stderr).toContain(
      'No Pact Broker given: pass --broker-base-url or set PACT_BROKER_BASE_URL.',
    );
  });

  it('lists the provider states it plays', async ({ expect }) => {
    const result = await runCli(['pact', 'states', '--json']);
    const states = JSON.parse(result.stdout);
    expect(states).toHaveLength(13);
    expect(states).toContainEqual({
      name: 'an agent changed presence',
      scenario: 'agent-shift',
      description: expect.any(String),
    });
    expect(states[0]).toEqual({
      name: 'an agent answered an inbound call',
      scenario: 'inbound-answered',
      description: expect.any(String),
    });
  });
});
