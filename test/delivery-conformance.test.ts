import { afterEach, describe, expect, it } from 'vitest';
import {
  createWebhookVerifier,
  generateWebhookSecret,
  type ChannelNotification,
  type SignatureProblem,
} from '../src/contract/index.js';
import type { ChaosOptions, DeliverySummary, RetryPolicy } from '../src/delivery-core/index.js';
import { pushNotifications } from '../src/delivery/http/index.js';
import { createVccTwin } from '../src/delivery/msw/index.js';
import { notificationSeries } from './support/delivery-notifications.js';
import {
  startTestServer,
  type CapturedRequest,
  type ServerAnswer,
  type TestServer,
} from './support/webhook-server.js';

/**
 * One suite of delivery behaviour, run against every adapter (as Hono runs one suite against every
 * router): what VCC does to a webhook must not depend on whether `vcc-sim push` or the MSW twin
 * does it. Each adapter delivers to a real HTTP server on 127.0.0.1.
 */

const SECRET = generateWebhookSecret();
const verifier = createWebhookVerifier(SECRET);
/** Small back-off so retries cost milliseconds. */
const FAST_RETRY: Partial<RetryPolicy> = { initialDelayMs: 2, maxDelayMs: 10, jitter: 0.5 };

type Options = {
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  chaos?: ChaosOptions;
  seed?: number;
};

/** What a run left, in the core's words, plus each attempt's wait before the next. */
type Run = { report: DeliverySummary; retryDelays: number[] };

type Adapter = {
  name: string;
  deliver(notifications: ChannelNotification[], url: string, options: Options): Promise<Run>;
};

const adapters: Adapter[] = [
  {
    name: 'push (undici)',
    async deliver(notifications, url, options) {
      const retryDelays: number[] = [];
      const report = await pushNotifications(notifications, {
        url,
        secret: SECRET,
        concurrency: 1,
        ...options,
        retry: { ...FAST_RETRY, ...options.retry },
        onAttempt: (event) => {
          if (event.retryInMs !== undefined) retryDelays.push(event.retryInMs);
        },
      });
      return { report, retryDelays };
    },
  },
  {
    name: 'MSW twin (fetch)',
    async deliver(notifications, url, options) {
      const twin = createVccTwin({ allowInsecureUrls: true });
      twin.addSubscription({ name: 'conformance', url, events: ['*'], secret: SECRET });
      const report = await twin.run(notifications, {
        seed: 1,
        ...options,
        retry: { ...FAST_RETRY, ...options.retry },
      });
      const retryDelays = report.deliveries.flatMap((delivery) =>
        delivery.attempts.flatMap((attempt) =>
          attempt.retryInMs === undefined ? [] : [attempt.retryInMs],
        ),
      );
      return { report, retryDelays };
    },
  },
];

const servers: TestServer[] = [];
async function server(answer?: (request: CapturedRequest) => ServerAnswer | Promise<ServerAnswer>) {
  const started = await startTestServer(answer);
  servers.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((started) => started.close()));
});

const idOf = (request: CapturedRequest) =>
  (JSON.parse(request.body.toString('utf8')) as ChannelNotification).id;

/** How a request's signature verifies: `valid`, or its problem. */
async function verdict(request: CapturedRequest): Promise<'valid' | SignatureProblem> {
  const header = request.headers['vonage-signature'] as string | undefined;
  const result = await verifier.verify(header, request.body);
  return result.valid ? 'valid' : result.problem;
}

/** A webhook that refuses bad signatures, as every consumer should. */
const checking = async (request: CapturedRequest): Promise<ServerAnswer> =>
  (await verdict(request)) === 'valid' ? { status: 200 } : { status: 401 };

describe.each(adapters)('delivery conformance: $name', (adapter) => {
  it.each([200, 201, 202, 203, 204, 205])('counts %i as delivered', async (status) => {
    const target = await server(() => ({ status }));
    const { report } = await adapter.deliver(notificationSeries(1), target.url, {
      retry: { maxAttempts: 1 },
    });
    expect(report).toMatchObject({ delivered: 1, deadLettered: 0, requests: 1 });
  });

  it.each([206, 299, 301, 302, 304, 307, 400, 404, 410, 500, 503])(
    'counts %i as a failed attempt',
    async (status) => {
      const target = await server(() => ({ status, headers: { location: '/elsewhere' } }));
      const { report } = await adapter.deliver(notificationSeries(1), target.url, {
        retry: { maxAttempts: 1 },
      });
      expect(report).toMatchObject({ delivered: 0, deadLettered: 1 });
      expect(report.outcomes).toEqual({ [String(status)]: 1 });
    },
  );

  it('does not follow redirects', async () => {
    const target = await server((request) =>
      request.url === '/hook' ? { status: 302, headers: { location: '/moved' } } : { status: 200 },
    );
    await adapter.deliver(notificationSeries(1), target.url, { retry: { maxAttempts: 2 } });
    expect(target.requests.map((request) => request.url)).toEqual(['/hook', '/hook']);
  });

  it('retries with the same body and a fresh valid signature each time', async () => {
    const target = await server((request) => ({ status: request.index < 3 ? 503 : 200 }));
    const { report } = await adapter.deliver(notificationSeries(1), target.url, {});
    expect(report).toMatchObject({ delivered: 1, deliveredAfterRetry: 1, requests: 3 });
    expect(new Set(target.requests.map((request) => request.body.toString())).size).toBe(1);
    const signatures = target.requests.map((request) => request.headers['vonage-signature']);
    expect(new Set(signatures).size).toBe(3);
    for (const request of target.requests) expect(await verdict(request)).toBe('valid');
  });

  it('waits as long as a Retry-After in delta-seconds asks', async () => {
    const target = await server((request) =>
      request.index === 1 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 },
    );
    const { report, retryDelays } = await adapter.deliver(notificationSeries(1), target.url, {});
    expect(report.delivered).toBe(1);
    expect(retryDelays).toEqual([1000]);
  });

  it('waits as long as a Retry-After as an HTTP-date asks', async () => {
    const target = await server((request) =>
      request.index === 1
        ? { status: 503, headers: { 'retry-after': new Date(Date.now() + 2000).toUTCString() } }
        : { status: 200 },
    );
    const { report, retryDelays } = await adapter.deliver(notificationSeries(1), target.url, {});
    expect(report.delivered).toBe(1);
    // The date has whole seconds: it asks for 1–2 s from when it was made.
    expect(retryDelays[0]).toBeGreaterThan(900);
    expect(retryDelays[0]).toBeLessThanOrEqual(2000);
  });

  it('fails an attempt with no complete answer within the timeout', async () => {
    const target = await server(() => ({ status: 200, delayMs: 400 }));
    const { report } = await adapter.deliver(notificationSeries(1), target.url, {
      timeoutMs: 50,
      retry: { maxAttempts: 1 },
    });
    expect(report).toMatchObject({ delivered: 0, deadLettered: 1, outcomes: { timeout: 1 } });
  });

  it('dead-letters when the attempts run out', async () => {
    const target = await server(() => ({ status: 500 }));
    const { report } = await adapter.deliver(notificationSeries(2), target.url, {
      retry: { maxAttempts: 3 },
    });
    expect(report).toMatchObject({ deadLettered: 2, deadLetterReasons: { 'max-attempts': 2 } });
    expect(target.requests).toHaveLength(6);
  });

  it('dead-letters when a Retry-After asks past the retry window', async () => {
    const target = await server(() => ({ status: 503, headers: { 'retry-after': '120' } }));
    const { report } = await adapter.deliver(notificationSeries(1), target.url, {
      retry: { retryWindowMs: 60_000 },
    });
    expect(report).toMatchObject({ deadLettered: 1, deadLetterReasons: { 'retry-window': 1 } });
    expect(target.requests).toHaveLength(1);
  });

  it('delivers in source order without chaos', async () => {
    const target = await server();
    const notifications = notificationSeries(12);
    await adapter.deliver(notifications, target.url, {});
    expect(target.requests.map(idOf)).toEqual(notifications.map((n) => n.id));
  });

  it('chaos duplicate: the same bytes again right after success, freshly signed', async () => {
    const target = await server();
    const notifications = notificationSeries(5);
    const { report } = await adapter.deliver(notifications, target.url, {
      chaos: { duplicate: 1 },
    });
    const ids = target.requests.map(idOf);
    expect(ids).toEqual(notifications.flatMap((n) => [n.id, n.id]));
    for (let i = 0; i < ids.length; i += 2) {
      const [first, second] = [target.requests[i]!, target.requests[i + 1]!];
      expect(second.body.equals(first.body)).toBe(true);
      expect(second.headers['vonage-signature']).not.toBe(first.headers['vonage-signature']);
      expect(await verdict(second)).toBe('valid');
    }
    expect(report).toMatchObject({ delivered: 5, chaos: { duplicated: 5 } });
  });

  it('chaos reorder: some notifications arrive after the one that followed them', async () => {
    const target = await server();
    const notifications = notificationSeries(30);
    const { report } = await adapter.deliver(notifications, target.url, {
      chaos: { reorder: 0.3 },
      seed: 4,
    });
    const ids = target.requests.map(idOf);
    expect([...ids].sort()).toEqual(notifications.map((n) => n.id).sort());
    expect(ids).not.toEqual(notifications.map((n) => n.id));
    expect(report.chaos?.reordered).toBeGreaterThan(0);
  });

  it('chaos delay: delayed notifications arrive late, after later ones, and all arrive', async () => {
    const target = await server();
    const notifications = notificationSeries(20);
    const { report } = await adapter.deliver(notifications, target.url, {
      chaos: { delay: 0.3, delayMaxMs: 200 },
      seed: 2,
    });
    const ids = target.requests.map(idOf);
    expect([...ids].sort()).toEqual(notifications.map((n) => n.id).sort());
    expect(ids).not.toEqual(notifications.map((n) => n.id));
    expect(report).toMatchObject({ delivered: 20 });
    expect(report.chaos?.delayed).toBeGreaterThan(0);
  });

  it.each([
    ['unsigned', 'missing'],
    ['staleSignature', 'expired'],
    ['wrongSignature', 'wrong-signature'],
  ] as const)(
    'chaos %s: the first attempt is signed badly (%s), the retry validly',
    async (kind, problem) => {
      const target = await server(checking);
      const { report } = await adapter.deliver(notificationSeries(3), target.url, {
        chaos: { [kind]: 1 },
      });
      const perId = new Map<string, string[]>();
      for (const request of target.requests) {
        perId.set(idOf(request), [...(perId.get(idOf(request)) ?? []), await verdict(request)]);
      }
      expect([...perId.values()]).toEqual([
        [problem, 'valid'],
        [problem, 'valid'],
        [problem, 'valid'],
      ]);
      expect(report).toMatchObject({
        delivered: 3,
        chaos: { badSignatures: { sent: 3, rejected: 3, accepted: 0 } },
      });
    },
  );

  it('counts bad signatures a webhook accepted', async () => {
    const target = await server();
    const { report } = await adapter.deliver(notificationSeries(2), target.url, {
      chaos: { wrongSignature: 1 },
    });
    expect(report.chaos?.badSignatures).toMatchObject({ sent: 2, accepted: 2, rejected: 0 });
  });
});

describe('the same seed and rates choose the same notifications in every adapter', () => {
  /** What each notification went through, as the webhook saw it. */
  async function choices(adapter: Adapter, chaos: ChaosOptions) {
    const target = await server(checking);
    const notifications = notificationSeries(60);
    await adapter.deliver(notifications, target.url, { chaos, seed: 11 });
    const seen = new Map<string, { first?: string; accepted: number }>();
    for (const request of target.requests) {
      const entry = seen.get(idOf(request)) ?? { accepted: 0 };
      const result = await verdict(request);
      entry.first ??= result;
      if (result === 'valid') entry.accepted++;
      seen.set(idOf(request), entry);
    }
    return {
      perNotification: notifications.map((n) => seen.get(n.id)),
      acceptedOrder: target.requests.map(idOf),
    };
  }

  it('duplicates and bad signatures: the same notifications, the same kinds', async () => {
    const chaos = { duplicate: 0.3, unsigned: 0.1, staleSignature: 0.1, wrongSignature: 0.1 };
    const [push, twin] = [await choices(adapters[0]!, chaos), await choices(adapters[1]!, chaos)];
    expect(push.perNotification).toEqual(twin.perNotification);
    // The draws did choose: some of each.
    const firsts = push.perNotification.map((entry) => entry?.first);
    expect(new Set(firsts)).toEqual(new Set(['valid', 'missing', 'expired', 'wrong-signature']));
    expect(push.perNotification.some((entry) => entry?.accepted === 2)).toBe(true);
  });

  it('reordering and duplicates: the same order of arrival', async () => {
    const chaos = { duplicate: 0.3, reorder: 0.3 };
    const [push, twin] = [await choices(adapters[0]!, chaos), await choices(adapters[1]!, chaos)];
    expect(push.acceptedOrder).toEqual(twin.acceptedOrder);
    expect(new Set(push.acceptedOrder).size).toBeLessThan(push.acceptedOrder.length);
  });
});
