import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWebhookVerifier,
  generateWebhookSecret,
  validateNotification,
  type ChannelNotification,
} from '../src/contract/index.js';
import { runCli } from './support/cli.js';
import { startTestServer, type TestServer } from './support/webhook-server.js';

const secret = generateWebhookSecret();
const env = { VCC_WEBHOOK_SECRET: secret };
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer(() => ({ status: 200, body: 'ok' }));
});
afterAll(() => server.close());

function received(from: number): ChannelNotification[] {
  return server.requests
    .slice(from)
    .map((request) => JSON.parse(request.body.toString()) as ChannelNotification);
}

describe('vcc-sim trigger', () => {
  it('sends one valid notification now, signed like push, and prints it with the response', async () => {
    const before = server.requests.length;
    const started = Date.now();
    const result = await runCli(
      ['trigger', 'channel.connected.v0', '--role', 'external', '--to', server.url],
      { env },
    );

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [notification] = received(before);
    expect(server.requests.length - before).toBe(1);
    expect(notification).toMatchObject({
      type: 'channel.connected.v0',
      data: { channel: { party: { role: 'external' } } },
    });
    expect(validateNotification(notification, { strict: true })).toEqual({
      valid: true,
      warnings: [],
    });
    // Sent now: its time is within this test, not on a scenario clock.
    expect(Date.parse(notification!.time)).toBeGreaterThanOrEqual(started - 1000);
    expect(Date.parse(notification!.time)).toBeLessThanOrEqual(Date.now() + 1000);
    const request = server.requests[before]!;
    expect(request.headers['content-type']).toBe('application/cloudevents+json');
    const verified = await createWebhookVerifier(secret).verify(
      request.headers['vonage-signature'] as string,
      request.body,
    );
    expect(verified.valid).toBe(true);
    expect(result.stdout).toContain(
      `→ POST ${server.url}\n{\n  "specversion": "1.0",\n  "type": "channel.connected.v0"`,
    );
    expect(result.stdout).toMatch(
      /← 200 in [\d.]+ ms \(signed, structured mode, \d+ bytes\)\nok\n/,
    );
  });

  it('applies overrides that keep it valid, and refuses one that does not, with the validator’s words', async () => {
    const before = server.requests.length;
    const ok = await runCli(
      [
        'trigger',
        'channel.connected.v0',
        '--role',
        'agent',
        '-o',
        'data.channel.party.agentId=42',
        '--to',
        server.url,
      ],
      { env },
    );
    expect(ok.code).toBe(0);
    expect(received(before)[0]!.data.channel.party).toMatchObject({ role: 'agent', agentId: '42' });

    const bad = await runCli(
      [
        'trigger',
        'channel.connected.v0',
        '--role',
        'agent',
        '-o',
        'data.channel.party.agentId=abc',
        '--to',
        server.url,
      ],
      { env },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^vcc-sim: With --override data\.channel\.party\.agentId=abc the notification is not valid: \/data\/channel\/party\/agentId /,
    );
    const polluting = await runCli(
      ['trigger', 'channel.connected.v0', '-o', '__proto__.polluted=1', '--to', server.url],
      { env },
    );
    expect(polluting.code).toBe(2);
    expect(polluting.stderr).toMatch(/names "__proto__", which is not a field/);
    expect(server.requests.length - before).toBe(1);
  });

  it('sends a whole channel lifecycle in order, with its v1s when -e asks', async () => {
    const before = server.requests.length;
    const result = await runCli(
      [
        'trigger',
        'channel.held.v0',
        '--lifecycle',
        '-e',
        'channel.*',
        '--seed',
        '3',
        '--to',
        server.url,
        '--json',
      ],
      { env },
    );
    expect(result.code).toBe(0);
    const events = received(before);
    const types = events.map((event) => event.type);
    expect(types[0]).toBe('channel.alerted.v0');
    expect(types).toContain('channel.held.v0');
    expect(types).toContain('channel.held.v1');
    expect(types.at(-1)).toMatch(/^channel\.ended\.v[01]$/);
    expect(new Set(events.map((event) => event.subject)).size).toBe(1);
    const timestamps = events.map((event) => event.data.timestamp);
    expect(timestamps).toEqual([...timestamps].sort());
    for (const event of events)
      expect(validateNotification(event, { strict: true }).valid).toBe(true);
    const printed = JSON.parse(result.stdout) as { delivered: boolean; sent: unknown[] };
    expect(printed).toMatchObject({ delivered: true });
    expect(printed.sent).toHaveLength(events.length);
  });

  it('exits 1 when the webhook does not accept it, and 2 for an unknown type', async () => {
    const failing = await startTestServer(() => ({ status: 503, body: 'busy' }));
    try {
      const result = await runCli(['trigger', 'channel.ended.v0', '--to', failing.url], { env });
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(
        /← 503 in [\d.]+ ms \(signed, structured mode, \d+ bytes\)\nbusy\n/,
      );
    } finally {
      await failing.close();
    }
    const unknown = await runCli(['trigger', 'channel.conected.v0', '--to', server.url], { env });
    expect(unknown).toMatchObject({ code: 2 });
    expect(unknown.stderr).toMatch(/^vcc-sim: No event type "channel\.conected\.v0"/);
  });
});
