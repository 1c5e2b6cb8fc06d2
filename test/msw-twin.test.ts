import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookVerifier, validateNotification } from '../src/contract/index.js';
import { createVccTwin, routeFetch } from '../src/delivery/msw/index.js';
import { builtInScenario, eventFilter, simulate } from '../src/engine/index.js';
import { startRecordingServer, type RecordingServer } from './support/recording-server.js';

/**
 * A consumer's whole journey through the twin: its own provisioning code (plain fetch, as VCC's
 * documentation describes the API) creates a subscription, the twin plays a scenario to the
 * consumer's real HTTP server, and the consumer disables the subscription again.
 */
const twin = createVccTwin({
  clients: [{ clientId: 'billing', clientSecret: 'b1ll', scopes: ['admin:read', 'admin:write'] }],
});
const server = setupServer(...twin.handlers);
let receiver: RecordingServer;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  receiver = await startRecordingServer();
});
afterEach(() => {
  twin.reset();
  receiver.requests.length = 0;
});
afterAll(async () => {
  server.close();
  await receiver.close();
});

const EVENTS = ['channel.connected.*', 'channel.ended.v0'];
const SIMULATE = { seed: 3, calls: 4 };

async function consumerToken(): Promise<string> {
  const response = await fetch('https://apac.cc.vonage.com/Auth/connect/token', {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'billing',
      client_secret: 'b1ll',
      scope: 'admin:write admin:read',
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

async function consumerApi(token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`https://apac.api.newvoicemedia.com/webhooks${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      Accept: 'application/vnd.newvoicemedia.v1+json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('a consumer tested against the VCC twin', () => {
  it('provisions through the API, then receives signed, valid, filtered notifications', async () => {
    const token = await consumerToken();
    const created = await consumerApi(token, 'POST', '/subscriptions', {
      name: 'billing-events',
      url: 'https://billing.example.com/vcc/events',
      events: EVENTS,
    });
    expect(created.status).toBe(200);
    const secret = created.body['secret'] as string;

    const report = await twin.run('inbound-answered', {
      simulate: SIMULATE,
      fetch: routeFetch({ 'https://billing.example.com': receiver.url }),
    });

    const wanted = eventFilter(EVENTS);
    const expected = [
      ...simulate(builtInScenario('inbound-answered'), { ...SIMULATE, events: EVENTS }),
    ];
    expect(expected.length).toBeGreaterThan(0);
    expect(report).toMatchObject({ sent: expected.length, delivered: expected.length, failed: 0 });
    expect(receiver.requests.map((r) => r.body)).toEqual(expected.map((n) => JSON.stringify(n)));

    const verifier = createWebhookVerifier(secret);
    for (const request of receiver.requests) {
      expect(request.path).toBe('/vcc/events');
      expect(
        await verifier.verify(request.headers['vonage-signature'] as string, request.body),
      ).toMatchObject({
        valid: true,
      });
      const notification = JSON.parse(request.body) as { type: never };
      expect(validateNotification(notification, { strict: true })).toEqual({
        valid: true,
        warnings: [],
      });
      expect(wanted(notification.type)).toBe(true);
    }
  });

  it('stops delivering once the consumer disables its subscription', async () => {
    const token = await consumerToken();
    const { body } = await consumerApi(token, 'POST', '/subscriptions', {
      name: 'billing-events',
      url: 'https://billing.example.com/vcc/events',
      events: ['channel.*'],
    });
    const patched = await consumerApi(
      token,
      'PATCH',
      `/subscriptions/${String(body['subscriptionId'])}`,
      {
        enabled: false,
      },
    );
    expect(patched.body['enabled']).toBe(false);

    const report = await twin.run('inbound-answered', {
      simulate: SIMULATE,
      fetch: routeFetch({ 'https://billing.example.com': receiver.url }),
    });

    expect(report.sent).toBe(0);
    expect(receiver.requests).toEqual([]);
  });
});
