import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createVccTwin } from 'vcc-sim/msw';
import { provisionWebhook, VccApiError, type ProvisionOptions } from './src/provision-webhook.js';

// The twin stands in for VCC: its token endpoint and Webhooks API, in every region.
const twin = createVccTwin({
  clients: [{ clientId: 'orders', clientSecret: 'p4ss', scopes: ['admin:read', 'admin:write'] }],
});
const server = setupServer(...twin.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  twin.reset();
});
afterAll(() => server.close());

const OPTIONS: ProvisionOptions = {
  region: 'nam',
  clientId: 'orders',
  clientSecret: 'p4ss',
  name: 'orders-service',
  url: 'https://orders.example.com/webhooks/vcc',
  events: ['channel.connected.*', 'channel.ended.v0'],
};

describe('provisionWebhook against the VCC twin', () => {
  it('creates the subscription and returns the secret VCC shows once', async () => {
    const result = await provisionWebhook(OPTIONS);

    expect(result.action).toBe('created');
    const [stored] = twin.subscriptions('nam');
    expect(stored).toMatchObject({
      subscriptionId: result.subscriptionId,
      name: 'orders-service',
      url: OPTIONS.url,
      events: OPTIONS.events,
      enabled: true,
    });
    expect(result.secret).toBe(stored?.secret);
  });

  it('changes nothing when run again', async () => {
    const first = await provisionWebhook(OPTIONS);
    const second = await provisionWebhook(OPTIONS);

    expect(second).toEqual({ subscriptionId: first.subscriptionId, action: 'unchanged' });
    expect(twin.subscriptions()).toHaveLength(1);
    expect(twin.calls.filter((call) => call.method === 'PATCH')).toEqual([]);
  });

  it('brings a changed URL and a disabled subscription up to date', async () => {
    const { subscriptionId } = await provisionWebhook(OPTIONS);
    twin.updateSubscription(subscriptionId, { enabled: false });

    const result = await provisionWebhook({ ...OPTIONS, url: 'https://orders.example.com/v2/vcc' });

    expect(result.action).toBe('updated');
    expect(twin.subscription(subscriptionId)).toMatchObject({
      url: 'https://orders.example.com/v2/vcc',
      enabled: true,
    });
  });

  it('rides out a 503 and a dropped connection', async () => {
    twin.inject('POST /subscriptions', { status: 503, times: 1 });
    twin.inject('POST /Auth/connect/token', { networkError: true, times: 1 });

    const result = await provisionWebhook(OPTIONS);

    expect(result.action).toBe('created');
    const creates = twin.calls.filter((call) => call.route === 'POST /subscriptions');
    expect(creates.map((call) => call.status)).toEqual([503, 200]);
  });

  it('reports what VCC answered to wrong credentials', async () => {
    const failure = provisionWebhook({ ...OPTIONS, clientSecret: 'wrong' });

    await expect(failure).rejects.toBeInstanceOf(VccApiError);
    await expect(failure).rejects.toMatchObject({ status: 400, body: { error: 'invalid_client' } });
  });

  it('reports what VCC answered to a URL it does not accept', async () => {
    const failure = provisionWebhook({ ...OPTIONS, url: 'http://orders.example.com/vcc' });

    await expect(failure).rejects.toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/https/) },
    });
    expect(twin.subscriptions()).toEqual([]);
  });
});
