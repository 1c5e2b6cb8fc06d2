import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, validateNotification } from 'vcc-sim';
import { checkWebhook, routeFetch as route } from 'vcc-sim/check';
import { createVccTwin, routeFetch } from 'vcc-sim/msw';
import { createWebhookApp, type ChannelEvent } from './src/app.js';

/**
 * The receiver is tested in-process: the twin delivers to `app.fetch` through `routeFetch`, so no
 * port is opened and no MSW server is needed.
 */
function setup(options: { appSecret?: string } = {}) {
  const twin = createVccTwin();
  const subscription = twin.addSubscription({
    name: 'calls-service',
    url: 'https://calls.example.com/webhooks/vcc',
    events: ['channel.*'],
  });
  const app = createWebhookApp({ secret: options.appSecret ?? subscription.secret });
  const fetch = routeFetch({ 'https://calls.example.com': app.fetch });
  const timeline = async (interactionId: string) =>
    (await (await app.request(`/interactions/${interactionId}`)).json()) as ChannelEvent[];
  const interactions = async () => (await (await app.request('/interactions')).json()) as string[];
  return { twin, subscription, app, fetch, timeline, interactions };
}

const SCENARIO = { simulate: { seed: 7, calls: 3 } };

describe('the Hono receiver, fed by the VCC twin', () => {
  it('accepts every notification of a scenario, each valid against the contract', async () => {
    const { twin, fetch, interactions } = setup();

    const report = await twin.run('inbound-answered', { ...SCENARIO, fetch });

    expect(report.failed).toBe(0);
    expect(report.delivered).toBeGreaterThan(10);
    expect(report.byStatus).toEqual({ '204': report.delivered });
    for (const { notification } of report.deliveries) {
      expect(validateNotification(notification)).toEqual({ valid: true, warnings: [] });
    }
    const ids = new Set(report.deliveries.map((d) => d.notification.data.channel.interactionId));
    expect((await interactions()).sort()).toEqual([...ids].sort());
  });

  it('keeps one copy of a notification VCC delivers twice', async () => {
    const { twin, fetch, timeline, interactions } = setup();

    const report = await twin.run('inbound-answered', {
      ...SCENARIO,
      fetch,
      chaos: { duplicate: 0.5 },
    });

    expect(report.deliveries.filter((d) => d.duplicate).length).toBeGreaterThan(0);
    const unique = new Set(report.deliveries.map((d) => d.notification.id));
    let kept = 0;
    for (const id of await interactions()) kept += (await timeline(id)).length;
    expect(kept).toBe(unique.size);
  });

  it('orders each interaction by timestamp when deliveries arrive out of order', async () => {
    const { twin, fetch, timeline, interactions } = setup();

    const report = await twin.run('inbound-answered', {
      ...SCENARIO,
      fetch,
      chaos: { reorder: 0.5 },
    });

    expect(report.deliveries.some((d) => d.reordered)).toBe(true);
    for (const id of await interactions()) {
      const times = (await timeline(id)).map((event) => event.timestamp);
      expect(times).toEqual([...times].sort());
    }
  });

  it('rejects deliveries signed with another secret, and VCC retries them', async () => {
    const { twin, fetch } = setup({ appSecret: btoa('x'.repeat(32)) });

    const report = await twin.run('inbound-answered', {
      simulate: { seed: 7, calls: 1 },
      fetch,
      retry: { maxAttempts: 2 },
    });

    expect(report.delivered).toBe(0);
    expect(report.failed).toBe(report.deliveries.length);
    expect(report.byStatus).toEqual({ '401': report.deliveries.length * 2 });
  });

  it('can be checked between notifications, one step at a time', async () => {
    const { twin, fetch, timeline } = setup();
    const stream = twin.stream('inbound-answered', { simulate: { seed: 7, calls: 1 }, fetch });

    const first = await stream.deliverNext();
    const interactionId = first!.notification.data.channel.interactionId;
    expect(await timeline(interactionId)).toHaveLength(1);

    const second = await stream.deliverNext();
    expect(second!.deliveries[0]!.outcome).toBe('delivered');
    expect((await timeline(interactionId)).map((event) => event.id)).toContain(
      second!.notification.id,
    );

    const report = await stream.deliverAll();
    expect(report.sent).toBeGreaterThan(2);
  });
});

describe('the Hono receiver, graded by vcc-sim check', () => {
  it('passes every check in-process, the probe’s semantic checks included', async () => {
    const secret = generateWebhookSecret();
    const app = createWebhookApp({ secret });

    const report = await checkWebhook({
      url: 'https://calls.example.com/webhooks/vcc',
      // routeFetch (here from vcc-sim/check, which needs no msw) sends the requests to app.fetch.
      fetch: route({ 'https://calls.example.com': app.fetch }),
      secret,
      probe: 'https://calls.example.com/vcc-probe', // answered in-process too
      seed: 7,
      // A short burst and ramp: the verdicts matter here, not the figures.
      burst: { factor: 2, durationMs: 1000 },
      ramp: { maxRate: 200, stepMs: 250 },
    });

    expect(report.failed).toEqual([]);
    // The ramp is advisory: on a busy machine (a parallel test run) its figure, and so its
    // warning, depends on the machine, not on the receiver.
    expect(report.warned.filter((name) => name !== 'ramp')).toEqual([]);
    expect(report.passed).toContain('duplicates-stored-once');
    expect(report.passed).toContain('out-of-order-final-state');
    // In-process there is no network to check, and VCC sends structured mode.
    expect(report.skipped).toEqual(['accepts-binary-mode', 'https', 'certificate', 'tls-version']);
  });
});
