import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isVccSimError } from '../../errors.js';
import { createVccTwin, DEFAULT_CLIENT, type Region, type VccTwin } from './index.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const V1 = 'application/vnd.newvoicemedia.v1+json';

function use(twin: VccTwin): VccTwin {
  server.use(...twin.handlers);
  return twin;
}

function list(twin: VccTwin, region: Region = 'emea') {
  return fetch(`https://${region}.api.newvoicemedia.com/webhooks/subscriptions`, {
    headers: { authorization: `bearer ${twin.issueToken({ region })}`, accept: V1 },
  });
}

describe('the twin’s state', () => {
  it('starts with the default client, and seeded subscriptions it returns to on reset', async () => {
    const twin = use(
      createVccTwin({
        subscriptions: [{ name: 'seeded', url: 'https://a.example/h', events: ['channel.*'] }],
      }),
    );
    expect(twin.clients).toEqual([{ ...DEFAULT_CLIENT, scopes: [...DEFAULT_CLIENT.scopes] }]);
    twin.addSubscription({ name: 'added', url: 'https://b.example/h', events: ['*'] });
    twin.addClient({ clientId: 'extra', clientSecret: 'x', scopes: [] });
    await list(twin);
    expect(twin.calls).toHaveLength(1);

    twin.reset();

    expect(twin.subscriptions().map((s) => s.name)).toEqual(['seeded']);
    expect(twin.clients.map((c) => c.clientId)).toEqual(['vcc-sim']);
    expect(twin.calls).toEqual([]);
  });

  it('logs each API call with its route, status and client', async () => {
    const twin = use(createVccTwin({ now: () => 1_750_000_000_000 }));
    await list(twin, 'apac');
    expect(twin.calls).toEqual([
      {
        region: 'apac',
        route: 'GET /subscriptions',
        method: 'GET',
        url: 'https://apac.api.newvoicemedia.com/webhooks/subscriptions',
        status: 200,
        clientId: 'vcc-sim',
        at: 1_750_000_000_000,
      },
    ]);
  });

  it('answers only in the regions it was created for', async () => {
    const twin = use(createVccTwin({ regions: ['nam'] }));
    const hosts = new Set(twin.handlers.map((handler) => new URL(String(handler.info.path)).host));
    expect([...hosts].sort()).toEqual(['nam.api.newvoicemedia.com', 'nam.cc.vonage.com']);
    expect((await list(twin, 'nam')).status).toBe(200);
  });

  it('refuses direct changes that break the API’s rules', () => {
    const twin = createVccTwin();
    expect(() =>
      twin.addSubscription({ name: 'x', url: 'https://a.example', events: ['*'] }),
    ).toThrow(/name must be between 3 and 128/);
    const { subscriptionId } = twin.addSubscription({
      name: 'ok!',
      url: 'https://a.example',
      events: ['*'],
    });
    expect(() => twin.updateSubscription(subscriptionId, { url: 'http://a.example' })).toThrow(
      /https/,
    );
    expect(() => twin.updateSubscription('nope', { enabled: false })).toThrow(
      /no subscription "nope"/,
    );
  });

  it('makes the same ids, secrets and tokens from the same random source and clock', () => {
    const make = () => {
      let state = 7;
      const twin = createVccTwin({
        now: () => 1_750_000_000_000,
        random: () => (state = (state * 48271) % 2147483647) / 2147483647,
      });
      const subscription = twin.addSubscription({
        name: 'same',
        url: 'https://a.example',
        events: ['*'],
      });
      return [subscription.subscriptionId, subscription.secret, twin.issueToken()];
    };
    expect(make()).toEqual(make());
  });
});

describe('injected faults', () => {
  it('fails the next N requests of a route, then answers normally', async () => {
    const twin = use(createVccTwin());
    const fault = twin.inject('GET /subscriptions', { status: 503, times: 2 });

    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await list(twin)).status);

    expect(statuses).toEqual([503, 503, 200]);
    expect(fault).toMatchObject({ hits: 2, remaining: 0 });
  });

  it('answers with the body and headers given', async () => {
    const twin = use(createVccTwin());
    twin.inject('*', {
      status: 429,
      body: { message: 'slow down' },
      headers: { 'retry-after': '3' },
    });
    const response = await list(twin);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(await response.json()).toEqual({ message: 'slow down' });
  });

  it('fails at the network level', async () => {
    const twin = use(createVccTwin());
    twin.inject(['GET /subscriptions'], { networkError: true });
    await expect(list(twin)).rejects.toThrow(/fetch/i);
    expect(twin.calls.map((call) => call.status)).toEqual(['network-error']);
  });

  it('fires at the given rate, drawn from the twin’s random source', async () => {
    let state = 11;
    const twin = use(
      createVccTwin({ random: () => (state = (state * 48271) % 2147483647) / 2147483647 }),
    );
    twin.inject('GET /subscriptions', { status: 500, rate: 0.25 });
    let failures = 0;
    for (let i = 0; i < 200; i++) if ((await list(twin)).status === 500) failures++;
    expect(failures).toBeGreaterThan(30);
    expect(failures).toBeLessThan(70);
  });

  it('applies only in its region, and stops when removed', async () => {
    const twin = use(createVccTwin());
    const fault = twin.inject('GET /subscriptions', { status: 500, region: 'nam' });
    expect((await list(twin, 'emea')).status).toBe(200);
    expect((await list(twin, 'nam')).status).toBe(500);
    fault.remove();
    expect((await list(twin, 'nam')).status).toBe(200);
  });

  it('delays answers with the injected sleep', async () => {
    const waits: number[] = [];
    const twin = use(
      createVccTwin({
        latency: 5,
        sleep: async (ms) => {
          waits.push(ms);
        },
      }),
    );
    twin.inject('GET /subscriptions', { latency: { min: 100, max: 100 } });
    await list(twin);
    await fetch('https://emea.api.newvoicemedia.com/webhooks/event-types');
    expect(waits).toEqual([100, 5]);
  });

  it('rejects a rate outside 0–1 as a usage error', () => {
    const twin = createVccTwin();
    let thrown: unknown;
    try {
      twin.inject('*', { status: 500, rate: 2 });
    } catch (error) {
      thrown = error;
    }
    expect(isVccSimError(thrown, 'usage')).toBe(true);
  });
});

describe('delivery options', () => {
  it('rejects an unknown scenario and bad chaos rates', async () => {
    const twin = createVccTwin();
    await expect(twin.run('no-such-scenario')).rejects.toThrow(/No built-in scenario/);
    await expect(twin.run([], { chaos: { duplicate: 1.5 } })).rejects.toThrow(/chaos.duplicate/);
    await expect(twin.run([], { speed: 0 })).rejects.toThrow(/speed/);
  });

  it('generates nothing when no subscription is enabled', async () => {
    const twin = createVccTwin();
    twin.addSubscription({ name: 'off', url: 'https://a.example', events: ['*'], enabled: false });
    expect(await twin.run('inbound-answered')).toMatchObject({ sent: 0, deliveries: [] });
  });
});
