import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  builtInScenario,
  createWebhookSigner,
  generateWebhookSecret,
  simulate,
  type ChannelNotification,
} from 'vcc-sim';
import { createReceiver } from './src/app.js';

/**
 * The receiver runs as it would in production, on a real port. Each notification of a scenario is
 * POSTed to it as VCC sends it: the exact JSON bytes, `application/cloudevents+json`, and a
 * `Vonage-Signature` made by vcc-sim's signer with the subscription secret.
 */
const secret = generateWebhookSecret();
let server: Server;
let webhook: string;

beforeAll(async () => {
  server = createReceiver({ secret }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  webhook = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A morning of inbound calls: every channel event, version 0. */
function morning(seed: number): ChannelNotification[] {
  return [
    ...simulate(builtInScenario('inbound-answered'), { seed, calls: 12, events: 'channel.*.v0' }),
  ];
}

/** POSTs one notification as VCC does; `signer` and `issuedAt` let a test sign it wrongly. */
async function deliver(
  notification: ChannelNotification,
  options: { signerSecret?: string | null; issuedAt?: number } = {},
): Promise<number> {
  const body = JSON.stringify(notification);
  const headers: Record<string, string> = { 'content-type': 'application/cloudevents+json' };
  if (options.signerSecret !== null) {
    const signer = createWebhookSigner(options.signerSecret ?? secret);
    const issuedAt = options.issuedAt;
    headers['vonage-signature'] = await signer.sign(body, issuedAt ? { issuedAt } : {});
  }
  const response = await fetch(`${webhook}/webhooks/vcc`, { method: 'POST', headers, body });
  return response.status;
}

/** The answered calls per agent the receiver should count. */
function answeredPerAgent(notifications: ChannelNotification[]): Record<string, number> {
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
  return (await (await fetch(`${webhook}/agents/answered`)).json()) as Record<string, number>;
}

function plus(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const sum = { ...a };
  for (const [key, count] of Object.entries(b)) sum[key] = (sum[key] ?? 0) + count;
  return sum;
}

describe('the Express receiver, fed as VCC feeds it', () => {
  it('accepts every notification of a scenario and counts each agent’s answered calls', async () => {
    const before = await answered();
    const notifications = morning(1);
    expect(Object.keys(answeredPerAgent(notifications)).length).toBeGreaterThan(1);

    const statuses = [];
    for (const notification of notifications) statuses.push(await deliver(notification));

    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(await answered()).toEqual(plus(before, answeredPerAgent(notifications)));
  });

  it('counts a notification delivered twice only once', async () => {
    const before = await answered();
    const notifications = morning(2);

    for (const notification of notifications) {
      expect(await deliver(notification)).toBe(200);
      expect(await deliver(notification)).toBe(200);
    }

    expect(await answered()).toEqual(plus(before, answeredPerAgent(notifications)));
  });

  it('answers 401 to unsigned, stale and wrongly signed requests, and counts none of them', async () => {
    const before = await answered();
    const [notification] = morning(3).filter((n) => n.type === 'channel.connected.v0');

    expect(await deliver(notification!, { signerSecret: null })).toBe(401);
    expect(await deliver(notification!, { signerSecret: generateWebhookSecret() })).toBe(401);
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    expect(await deliver(notification!, { issuedAt: tenMinutesAgo })).toBe(401);
    expect(await answered()).toEqual(before);

    expect(await deliver(notification!)).toBe(200);
  });
});
