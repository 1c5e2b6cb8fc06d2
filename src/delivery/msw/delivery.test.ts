import { jwtVerify } from 'jose';
import { setupServer } from 'msw/node';
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sampleNotifications } from '../../../test/support/notifications.js';
import {
  startRecordingServer,
  type RecordingServer,
} from '../../../test/support/recording-server.js';
import { createWebhookVerifier, validateNotification } from '../../contract/index.js';
import { createVccTwin, routeFetch, type VccTwin } from './index.js';

// MSW intercepts fetch with 'error' for unhandled requests: the twin's deliveries must get past it.
const server = setupServer();
let receiver: RecordingServer;
let twin: VccTwin;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  receiver = await startRecordingServer();
});
beforeEach(() => {
  twin = createVccTwin({ allowInsecureUrls: true });
  server.use(...twin.handlers);
  receiver.requests.length = 0;
  receiver.respond = (_, __, response) => response.writeHead(200).end();
});
afterEach(() => server.resetHandlers());
afterAll(async () => {
  server.close();
  await receiver.close();
});

function subscribe(
  events: string[] = ['channel.*'],
  extra: { enabled?: boolean; name?: string } = {},
) {
  return twin.addSubscription({
    name: extra.name ?? `sub-${events.join('-')}`,
    url: `${receiver.url}/hooks/${extra.name ?? 'a'}`,
    events,
    ...(extra.enabled === undefined ? {} : { enabled: extra.enabled }),
  });
}

describe('twin.run() through the global fetch', () => {
  it('posts each notification to a real server past MSW, as VCC sends it', async () => {
    subscribe();
    const notifications = sampleNotifications(3);

    const report = await twin.run(notifications);

    expect(report).toMatchObject({ sent: 3, delivered: 3, failed: 0, attempts: 3 });
    expect(receiver.requests.map((request) => request.body)).toEqual(
      notifications.map((notification) => JSON.stringify(notification)),
    );
    const [first] = receiver.requests;
    expect(first).toMatchObject({ method: 'POST', path: '/hooks/a' });
    expect(first!.headers['content-type']).toBe('application/cloudevents+json');
    expect(first!.headers['accept']).not.toMatch(/msw/);
  });

  it('signs every delivery with the subscription secret, verifiable by an independent JWT library', async () => {
    const { secret } = subscribe();

    await twin.run(sampleNotifications(2));

    const verifier = createWebhookVerifier(secret);
    for (const { headers, body } of receiver.requests) {
      const header = headers['vonage-signature'] as string;
      expect(await verifier.verify(header, body)).toMatchObject({ valid: true });
      const key = Uint8Array.from(atob(secret), (char) => char.charCodeAt(0));
      const { payload } = await jwtVerify(header.replace(/^Bearer /, ''), key);
      expect(payload['payload_hash']).toBe(createHash('sha256').update(body).digest('hex'));
      expect(payload['exp']).toBe(payload['iat']! + 300);
      expect(validateNotification(JSON.parse(body))).toEqual({ valid: true, warnings: [] });
    }
  });

  it('delivers only to enabled subscriptions whose events match, wildcards included', async () => {
    const connected = subscribe(['channel.connected.v0'], { name: 'connected' });
    const everything = subscribe(['channel.*'], { name: 'everything' });
    subscribe(['*'], { name: 'disabled', enabled: false });
    const ended = subscribe(['channel.ended.*'], { name: 'ended' });
    const notifications = sampleNotifications(4, ['channel.connected.v0', 'channel.held.v0']);

    const report = await twin.run(notifications);

    const to = (id: string) =>
      report.deliveries.filter((d) => d.subscriptionId === id).map((d) => d.notification.type);
    expect(to(connected.subscriptionId)).toEqual(['channel.connected.v0', 'channel.connected.v0']);
    expect(to(everything.subscriptionId)).toHaveLength(4);
    expect(to(ended.subscriptionId)).toEqual([]);
    expect(receiver.requests.map((r) => r.path).filter((p) => p === '/hooks/disabled')).toEqual([]);
    expect(report.sent).toBe(4);
  });

  it('retries a failed delivery with a fresh signature and the same bytes until it succeeds', async () => {
    subscribe();
    receiver.respond = (_, index, response) =>
      index < 2 ? response.writeHead(503).end() : response.writeHead(200).end();

    const report = await twin.run(sampleNotifications(1));

    const [delivery] = report.deliveries;
    expect(delivery!.outcome).toBe('delivered');
    expect(delivery!.attempts.map((a) => a.status)).toEqual([503, 503, 200]);
    expect(delivery!.attempts[0]!.retryInMs).toBeGreaterThan(0);
    expect(new Set(receiver.requests.map((r) => r.body)).size).toBe(1);
    expect(new Set(receiver.requests.map((r) => r.headers['vonage-signature'])).size).toBe(3);
  });

  it('counts redirects and 206 as failures, and gives up after the policy’s attempts', async () => {
    subscribe();
    receiver.respond = (_, index, response) =>
      index % 2 === 0
        ? response.writeHead(302, { location: '/elsewhere' }).end()
        : response.writeHead(206).end();

    const report = await twin.run(sampleNotifications(1), { retry: { maxAttempts: 4 } });

    expect(report).toMatchObject({ delivered: 0, failed: 1, attempts: 4 });
    expect(report.deliveries[0]).toMatchObject({
      outcome: 'dead-lettered',
      giveUpReason: 'max-attempts',
    });
    expect(report.byStatus).toEqual({ '302': 2, '206': 2 });
  });

  it('honours Retry-After', async () => {
    subscribe();
    receiver.respond = (_, index, response) =>
      index === 0
        ? response.writeHead(429, { 'retry-after': '7' }).end()
        : response.writeHead(200).end();

    const report = await twin.run(sampleNotifications(1));

    expect(report.deliveries[0]!.attempts[0]).toMatchObject({ status: 429, retryInMs: 7000 });
  });

  it('records a connection error and a timeout as failed attempts', async () => {
    twin.addSubscription({ name: 'nowhere', url: 'http://127.0.0.1:1/hooks', events: ['*'] });
    const slow = subscribe(['*'], { name: 'slow' });
    receiver.respond = (_, __, response) => setTimeout(() => response.writeHead(200).end(), 500);

    const report = await twin.run(sampleNotifications(1), {
      retry: { maxAttempts: 1 },
      timeoutMs: 50,
    });

    const [refused, timedOut] = report.deliveries;
    expect(refused!.attempts[0]!.error).toMatch(/fetch failed|ECONNREFUSED/);
    expect(timedOut!.subscriptionId).toBe(slow.subscriptionId);
    expect(timedOut!.attempts[0]!.error).toMatch(/^timeout/);
    expect(report.byStatus).toEqual({ error: 1, timeout: 1 });
  });

  it('waits for an in-process answer’s body to its end, within the timeout', async () => {
    const WEBHOOK = 'https://app.example/hooks';
    twin.addSubscription({ name: 'in-process', url: WEBHOOK, events: ['*'] });
    let pulled = 0;
    // A 200 whose body comes in three parts, `gapMs` apart: read to its end, or timed out.
    const answer = (gapMs: number) => () =>
      new Response(
        new ReadableStream({
          async pull(controller) {
            await new Promise((resolve) => setTimeout(resolve, gapMs));
            if (++pulled % 3 === 0) controller.close();
            else controller.enqueue(new TextEncoder().encode('part '));
          },
        }),
      );
    const options = { retry: { maxAttempts: 1 }, timeoutMs: 100 } as const;

    const quick = await twin.run(sampleNotifications(1), {
      ...options,
      fetch: routeFetch({ 'https://app.example': answer(1) }),
    });
    expect(quick.deliveries[0]!.attempts[0]!.status).toBe(200);
    expect(pulled).toBe(3);

    const slow = await twin.run(sampleNotifications(1), {
      ...options,
      fetch: routeFetch({ 'https://app.example': answer(80) }),
    });
    expect(slow.deliveries[0]!.attempts[0]!.error).toMatch(/^timeout/);
  });

  it('sends unsigned deliveries when asked', async () => {
    subscribe();
    await twin.run(sampleNotifications(1), { sign: false });
    // Only this test's path: a timed-out request of the test before may still arrive meanwhile.
    const mine = receiver.requests.filter((request) => request.path === '/hooks/a');
    expect(mine[0]!.headers['vonage-signature']).toBeUndefined();
  });
});

describe('chaos reaches the consumer', () => {
  it('delivers duplicates with the same id and bytes', async () => {
    subscribe();
    const notifications = sampleNotifications(20);

    const report = await twin.run(notifications, { chaos: { duplicate: 0.5 } });

    const bodies = receiver.requests.map((r) => r.body);
    const duplicates = report.deliveries.filter((d) => d.duplicate);
    expect(duplicates.length).toBeGreaterThan(3);
    expect(bodies).toHaveLength(20 + duplicates.length);
    expect(new Set(bodies).size).toBe(20);
    for (const duplicate of duplicates) {
      expect(bodies.filter((body) => body === duplicate.body)).toHaveLength(2);
    }
  });

  it('duplicates a notification only where the original was delivered', async () => {
    subscribe(['*'], { name: 'working' });
    const down = subscribe(['*'], { name: 'broken' });
    receiver.respond = (request, _, response) =>
      response.writeHead(request.path === '/hooks/broken' ? 500 : 200).end();

    const report = await twin.run(sampleNotifications(3), {
      chaos: { duplicate: 1 },
      retry: { maxAttempts: 1 },
    });

    const duplicates = report.deliveries.filter((d) => d.duplicate);
    expect(duplicates).toHaveLength(3);
    expect(duplicates.every((d) => d.subscriptionId !== down.subscriptionId)).toBe(true);
  });

  it('repeats chaos and jitter from a seed', async () => {
    subscribe();
    receiver.respond = (_, index, response) => response.writeHead(index % 4 ? 200 : 503).end();
    const options = { seed: 9, chaos: { duplicate: 0.3, reorder: 0.3 } };
    const shape = (report: Awaited<ReturnType<VccTwin['run']>>) =>
      report.deliveries.map((d) => [d.notification.id, d.duplicate, d.reordered]);

    const first = await twin.run(sampleNotifications(20), options);
    receiver.requests.length = 0;
    const second = await twin.run(sampleNotifications(20), options);

    expect(shape(second)).toEqual(shape(first));
    expect(shape(await twin.run(sampleNotifications(20), { ...options, seed: 10 }))).not.toEqual(
      shape(first),
    );
  });

  it('delivers every notification, some out of order', async () => {
    subscribe();
    const notifications = sampleNotifications(30);

    const report = await twin.run(notifications, { chaos: { reorder: 0.4 } });

    const ids = receiver.requests.map((r) => (JSON.parse(r.body) as { id: string }).id);
    expect([...ids].sort()).toEqual(notifications.map((n) => n.id).sort());
    expect(ids).not.toEqual(notifications.map((n) => n.id));
    expect(report.deliveries.some((d) => d.reordered)).toBe(true);
  });

  it('repeats the same run from the same random source', async () => {
    const run = async () => {
      let seed = 1;
      const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
      const seededTwin = createVccTwin({ random, now: () => 1_700_000_000_000 });
      seededTwin.addSubscription({ name: 'det', url: 'https://app.example/hooks', events: ['*'] });
      const seen: string[] = [];
      const fetch = routeFetch({
        'https://app.example': async (request) => {
          seen.push(`${request.headers.get('vonage-signature')} ${await request.text()}`);
          return new Response(null, { status: seen.length % 3 === 0 ? 500 : 200 });
        },
      });
      const report = await seededTwin.run(sampleNotifications(15), {
        fetch,
        chaos: { duplicate: 0.3, reorder: 0.3 },
      });
      return { seen, secret: seededTwin.subscriptions()[0]!.secret, report };
    };
    const [a, b] = [await run(), await run()];
    expect(a.seen).toEqual(b.seen);
    expect(a.secret).toBe(b.secret);
    expect(a.report).toEqual(b.report);
  });
});

describe('twin.stream()', () => {
  it('delivers one notification per step so a test can assert in between', async () => {
    const { subscriptionId } = subscribe();
    const stream = twin.stream(sampleNotifications(3));

    expect((await stream.peek())?.id).toBe(sampleNotifications(3)[0]!.id);
    expect(receiver.requests).toHaveLength(0);
    const first = await stream.deliverNext();
    expect(first!.deliveries.map((d) => d.outcome)).toEqual(['delivered']);
    expect(receiver.requests).toHaveLength(1);

    twin.updateSubscription(subscriptionId, { enabled: false });
    expect(await stream.deliverNext()).toBeUndefined();
    expect(receiver.requests).toHaveLength(1);
    expect(stream.report).toMatchObject({ sent: 1, delivered: 1 });
  });

  it('is an async iterator of steps', async () => {
    subscribe();
    const steps = [];
    for await (const step of twin.stream(sampleNotifications(4))) steps.push(step);
    expect(steps.map((step) => step.notification.id)).toEqual(
      sampleNotifications(4).map((n) => n.id),
    );
  });

  it('does not overlap steps asked for at once', async () => {
    subscribe();
    const stream = twin.stream(sampleNotifications(3));
    const steps = await Promise.all([stream.next(), stream.next(), stream.next(), stream.next()]);
    expect(steps.map((step) => step.done)).toEqual([false, false, false, true]);
    expect(receiver.requests).toHaveLength(3);
  });
});

describe('pacing', () => {
  it('plays the scenario clock at the given speed with the injected clock and sleep', async () => {
    let clock = 1_700_000_000_000;
    const waits: number[] = [];
    const paced = createVccTwin({
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    });
    paced.addSubscription({ name: 'paced', url: 'https://app.example/hooks', events: ['*'] });
    const notifications = sampleNotifications(3).map((notification, index) => ({
      ...notification,
      time: new Date(Date.parse(notification.time) + index * 10_000).toISOString(),
    }));

    await paced.run(notifications, {
      speed: 10,
      fetch: routeFetch({ 'https://app.example': () => new Response(null) }),
    });

    expect(waits.map(Math.round)).toEqual([1000, 1000]);
  });
});
