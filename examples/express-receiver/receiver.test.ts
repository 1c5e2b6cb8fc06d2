import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  builtInScenario,
  generateWebhookSecret,
  simulate,
  type ChannelNotification,
} from 'vcc-sim';
import { pushNotifications } from 'vcc-sim/http';
import { createReceiver } from './src/app.js';

/**
 * The receiver runs as it would in production, on a real port; vcc-sim's HTTP pusher delivers a
 * scenario to it exactly as VCC would (signed, one POST per notification, retried on failure).
 */
const secret = generateWebhookSecret();
let server: Server;
let url: string;

beforeAll(async () => {
  server = createReceiver({ secret }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A morning of inbound calls: every channel event, version 0. */
function morning(seed: number) {
  return [
    ...simulate(builtInScenario('inbound-answered'), { seed, calls: 12, events: 'channel.*.v0' }),
  ].filter(
    (notification): notification is ChannelNotification => notification.source === '/channel',
  );
}

/** The answered calls per agent the receiver should count. */
function answeredPerAgent(notifications: ReturnType<typeof morning>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { type, data } of notifications) {
    const { party } = data.channel;
    if (type === 'channel.connected.v0' && party.role === 'agent') {
      counts[party.agentId] = (counts[party.agentId] ?? 0) + 1;
    }
  }
  return counts;
}

async function answered(): Promise<Record<string, number>> {
  return (await (await fetch(`${url}/agents/answered`)).json()) as Record<string, number>;
}

describe('the Express receiver, fed by the HTTP pusher', () => {
  it('counts every agent’s answered calls from a pushed scenario', async () => {
    const notifications = morning(1);

    const report = await pushNotifications(notifications, { url: `${url}/webhooks/vcc`, secret });

    expect(report).toMatchObject({ notifications: notifications.length, deadLettered: 0 });
    expect(report.delivered).toBe(notifications.length);
    expect(await answered()).toEqual(answeredPerAgent(notifications));
  });

  it('counts a notification VCC delivers twice only once', async () => {
    const before = await answered();
    const notifications = morning(2);

    const report = await pushNotifications(notifications, {
      url: `${url}/webhooks/vcc`,
      secret,
      chaos: { duplicate: 0.5 },
    });

    expect(report.chaos?.duplicated).toBeGreaterThan(0);
    const expected = { ...before };
    for (const [agent, count] of Object.entries(answeredPerAgent(notifications))) {
      expected[agent] = (expected[agent] ?? 0) + count;
    }
    expect(await answered()).toEqual(expected);
  });

  it('rejects unsigned, stale and wrongly signed requests, and takes the valid retry', async () => {
    const notifications = morning(3).slice(0, 30);

    const report = await pushNotifications(notifications, {
      url: `${url}/webhooks/vcc`,
      secret,
      chaos: { unsigned: 0.2, staleSignature: 0.2, wrongSignature: 0.2 },
      retry: { initialDelayMs: 0 },
    });

    const bad = report.chaos!.badSignatures;
    expect(bad.sent).toBeGreaterThan(0);
    expect(bad.rejected).toBe(bad.sent);
    expect(bad.accepted).toBe(0);
    expect(report.delivered).toBe(notifications.length);
  });

  it('answers 401 to a pusher with another secret, so nothing is counted', async () => {
    const before = await answered();

    const report = await pushNotifications(morning(4).slice(0, 5), {
      url: `${url}/webhooks/vcc`,
      secret: generateWebhookSecret(),
      retry: { maxAttempts: 1 },
    });

    expect(report).toMatchObject({ delivered: 0, deadLettered: 5, outcomes: { '401': 5 } });
    expect(await answered()).toEqual(before);
  });
});
