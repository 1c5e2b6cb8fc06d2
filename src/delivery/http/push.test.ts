import { jwtVerify } from 'jose';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { notificationSeries } from '../../../test/support/delivery-notifications.js';
import {
  startTestServer,
  type CapturedRequest,
  type ServerAnswer,
  type TestServer,
} from '../../../test/support/webhook-server.js';
import {
  createWebhookVerifier,
  generateWebhookSecret,
  type VccNotification,
} from '../../contract/index.js';
import { isVccSimError } from '../../errors.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJob } from './journal.js';
import { pushNotifications } from './push.js';
import type { AttemptEvent, PushOptions, UndeliveredRecord } from './types.js';

const SECRET = generateWebhookSecret();
/** Small back-off so retries cost milliseconds. */
const FAST_RETRY = { initialDelayMs: 2, maxDelayMs: 10, jitter: 0.5 };

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
  (JSON.parse(request.body.toString('utf8')) as VccNotification).id;

/** Answers per notification id: the n-th request for an id gets `plan[n]` (the last one after). */
function perId(plan: ServerAnswer[]) {
  const seen = new Map<string, number>();
  return (request: CapturedRequest): ServerAnswer => {
    const id = idOf(request);
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    return plan[Math.min(n, plan.length - 1)]!;
  };
}

function push(notifications: VccNotification[], options: Partial<PushOptions> & { url: string }) {
  return pushNotifications(notifications, { retry: FAST_RETRY, ...options });
}

describe('pushNotifications: delivery', () => {
  it('posts each notification once, as VCC does: the exact JSON as application/cloudevents+json, signed', async () => {
    const target = await server();
    const notifications = notificationSeries(25);
    const report = await push(notifications, { url: target.url, secret: SECRET });

    expect(report).toMatchObject({
      notifications: 25,
      delivered: 25,
      deliveredFirstAttempt: 25,
      deadLettered: 0,
      unsent: 0,
      requests: 25,
      retries: 0,
      outcomes: { '200': 25 },
      signed: true,
      mode: 'structured',
    });
    const bodies = target.requests.map((request) => request.body.toString('utf8')).sort();
    expect(bodies).toEqual(notifications.map((n) => JSON.stringify(n)).sort());
    const verifier = createWebhookVerifier(SECRET);
    for (const request of target.requests) {
      expect(request.method).toBe('POST');
      expect(request.url).toBe('/hook');
      expect(request.headers['content-type']).toBe('application/cloudevents+json');
      expect(request.headers['user-agent']).toMatch(/^vcc-sim\/\d/);
      const signature = request.headers['vonage-signature'] as string;
      expect((await verifier.verify(signature, request.body)).valid).toBe(true);
    }
  });

  it('signs so that jose verifies the token with the decoded secret and the hash matches the body', async () => {
    const target = await server();
    await push(notificationSeries(3), { url: target.url, secret: SECRET });
    for (const request of target.requests) {
      const token = (request.headers['vonage-signature'] as string).replace('Bearer ', '');
      const { payload } = await jwtVerify(token, Buffer.from(SECRET, 'base64'));
      expect(payload['payload_hash']).toBe(createHash('sha256').update(request.body).digest('hex'));
      expect(payload.exp).toBe(payload.iat! + 300);
    }
  });

  it('sends unsigned requests when it has no secret', async () => {
    const target = await server();
    const report = await push(notificationSeries(3), { url: target.url });
    expect(report.signed).toBe(false);
    expect(target.requests.map((request) => request.headers['vonage-signature'])).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('offers CloudEvents binary mode: attributes as ce-* headers, data as the signed body', async () => {
    const target = await server();
    const [notification] = notificationSeries(1);
    await push([notification!], { url: target.url, secret: SECRET, mode: 'binary' });
    const [request] = target.requests;
    expect(request!.headers).toMatchObject({
      'ce-specversion': '1.0',
      'ce-type': notification!.type,
      'ce-id': notification!.id,
      'ce-source': '/channel',
      'ce-subject': notification!.subject,
      'ce-time': notification!.time,
      'content-type': 'application/json',
    });
    expect(request!.headers['ce-data']).toBeUndefined();
    expect(request!.body.toString('utf8')).toBe(JSON.stringify(notification!.data));
    const check = await createWebhookVerifier(SECRET).verify(
      request!.headers['vonage-signature'] as string,
      request!.body,
    );
    expect(check.valid).toBe(true);
  });

  it('takes async iterables as well as arrays', async () => {
    const target = await server();
    async function* source() {
      yield* notificationSeries(4);
    }
    const report = await pushNotifications(source(), { url: target.url });
    expect(report.delivered).toBe(4);
  });

  it('sends notifications given as JSON text byte for byte, parsing them only when needed', async () => {
    const target = await server(perId([{ status: 500 }]));
    const texts = notificationSeries(3).map((n) => JSON.stringify(n, null, 1));
    const deadLetters: UndeliveredRecord[] = [];
    const report = await pushNotifications(texts, {
      url: target.url,
      secret: SECRET,
      retry: { ...FAST_RETRY, maxAttempts: 2 },
      onDeadLetter: (record) => {
        deadLetters.push(record);
      },
    });
    expect(report.deadLettered).toBe(3);
    expect(new Set(target.requests.map((request) => request.body.toString()))).toEqual(
      new Set(texts),
    );
    const byId = (a: VccNotification, b: VccNotification) => a.id.localeCompare(b.id);
    expect(deadLetters.map((record) => record.notification).sort(byId)).toEqual(
      texts.map((text) => JSON.parse(text) as VccNotification).sort(byId),
    );
  });

  it('paces and orders notifications given as JSON text', async () => {
    const target = await server();
    const notifications = notificationSeries(4, { gapMs: 40 });
    const sent: number[] = [];
    const report = await pushNotifications(
      notifications.map((n) => JSON.stringify(n)),
      {
        url: target.url,
        speed: 1,
        ordered: true,
        // When each request started: its answer's time less its latency.
        onAttempt: (event) => sent.push(performance.now() - event.result.latencyMs),
      },
    );
    expect(report.delivered).toBe(4);
    // 3 gaps of 40 ms; pacing never starts one early by more than the 1 ms a timer cannot resolve.
    expect(sent.at(-1)! - sent[0]!).toBeGreaterThanOrEqual(115);
  });

  it('reports JSON text that is not a notification object as a source error', async () => {
    const target = await server();
    const report = await pushNotifications(['[1]'], { url: target.url, speed: 1 });
    expect(report.interrupted).toMatchObject({ reason: 'source-error' });
    expect(report.interrupted?.message).toContain('not the JSON text of an object');
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const target = await server(async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return {};
    });
    const report = await push(notificationSeries(40), { url: target.url, concurrency: 3 });
    expect(report.delivered).toBe(40);
    expect(most).toBe(3);
  });
});

describe('pushNotifications: retries', () => {
  it('retries a 5xx with the same body bytes and a fresh valid signature each time', async () => {
    const target = await server(perId([{ status: 503 }, { status: 500 }, { status: 200 }]));
    const notifications = notificationSeries(10);
    const report = await push(notifications, { url: target.url, secret: SECRET });

    expect(report).toMatchObject({
      delivered: 10,
      deliveredFirstAttempt: 0,
      deliveredAfterRetry: 10,
      requests: 30,
      retries: 20,
      outcomes: { '200': 10, '500': 10, '503': 10 },
      deadLettered: 0,
    });
    const verifier = createWebhookVerifier(SECRET);
    for (const notification of notifications) {
      const attempts = target.requests.filter((request) => idOf(request) === notification.id);
      expect(attempts).toHaveLength(3);
      expect(new Set(attempts.map((request) => request.body.toString('hex'))).size).toBe(1);
      const jtis = new Set<string>();
      for (const attempt of attempts) {
        const check = await verifier.verify(
          attempt.headers['vonage-signature'] as string,
          attempt.body,
        );
        expect(check.valid).toBe(true);
        if (check.valid) jtis.add(check.claims.jti!);
      }
      expect(jtis.size).toBe(3);
    }
  });

  it('waits as long as a 429’s Retry-After asks', async () => {
    const target = await server(
      perId([{ status: 429, headers: { 'retry-after': '1' } }, { status: 200 }]),
    );
    const events: AttemptEvent[] = [];
    const report = await push(notificationSeries(1), {
      url: target.url,
      onAttempt: (event) => events.push(event),
    });
    expect(report.outcomes).toEqual({ '429': 1, '200': 1 });
    expect(events.map((event) => [event.outcome, event.retryInMs])).toEqual([
      ['retrying', 1000],
      ['delivered', undefined],
    ]);
    const [first, second] = target.requests;
    expect(second!.index).toBe(2);
    expect(first!.index).toBe(1);
  });

  it('waits out a Retry-After longer than a timer can hold without spinning (no overflow warning)', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const target = await server(() => ({ status: 503, headers: { 'retry-after': '3000000' } }));
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 300);
      const report = await push(notificationSeries(2), {
        url: target.url,
        retry: { retryWindowMs: 60 * 86_400_000 },
        signal: controller.signal,
      });
      // Two first attempts, then a 34-day wait: nothing else until the interrupt.
      expect(target.requests).toHaveLength(2);
      expect(report).toMatchObject({ delivered: 0, unsent: 2 });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(warnings).not.toContain('TimeoutOverflowWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('counts a connection reset as a failed attempt and retries it', async () => {
    const target = await server(perId([{ reset: true }, { status: 200 }]));
    const report = await push(notificationSeries(5), { url: target.url, concurrency: 1 });
    expect(report.delivered).toBe(5);
    expect(report.outcomes).toEqual({ 'connection-reset': 5, '200': 5 });
  });

  it('counts an answer slower than the timeout as a failed attempt and retries it', async () => {
    const target = await server(perId([{ delayMs: 400 }, { status: 200 }]));
    const report = await push(notificationSeries(3), { url: target.url, timeoutMs: 100 });
    expect(report.delivered).toBe(3);
    expect(report.outcomes).toEqual({ timeout: 3, '200': 3 });
  });

  it('does not follow redirects: a 3xx is a failure, and exhausted retries go to the dead letters', async () => {
    const target = await server((request) =>
      request.url === '/hook'
        ? { status: 302, headers: { location: '/elsewhere' } }
        : { status: 200 },
    );
    const deadLetters: UndeliveredRecord[] = [];
    const notifications = notificationSeries(4);
    const report = await push(notifications, {
      url: target.url,
      retry: { ...FAST_RETRY, maxAttempts: 3 },
      onDeadLetter: (record) => {
        deadLetters.push(record);
      },
    });
    expect(target.requests.every((request) => request.url === '/hook')).toBe(true);
    expect(report).toMatchObject({
      delivered: 0,
      deadLettered: 4,
      deadLetterReasons: { 'max-attempts': 4 },
      requests: 12,
      outcomes: { '302': 12 },
    });
    expect(deadLetters.map((record) => record.notification.id).sort()).toEqual(
      notifications.map((n) => n.id).sort(),
    );
    expect(deadLetters[0]).toMatchObject({ reason: 'max-attempts', attempts: 3, lastStatus: 302 });
  });

  it('answers every notification: delivered or dead-lettered, with the counts exact', async () => {
    // Even ids fail for good; odd ones succeed on the second attempt.
    let index = 0;
    const failing = new Set<string>();
    const notifications = notificationSeries(30);
    for (const notification of notifications) if (index++ % 2 === 0) failing.add(notification.id);
    const succeedLater = perId([{ status: 500, body: 'try later' }, { status: 204 }]);
    const target = await server((request) =>
      failing.has(idOf(request)) ? { status: 500, body: 'broken' } : succeedLater(request),
    );
    const deadLetters: UndeliveredRecord[] = [];
    const report = await push(notifications, {
      url: target.url,
      retry: { ...FAST_RETRY, maxAttempts: 4 },
      onDeadLetter: (record) => {
        deadLetters.push(record);
      },
    });
    expect(report).toMatchObject({
      notifications: 30,
      delivered: 15,
      deadLettered: 15,
      unsent: 0,
      requests: 15 * 4 + 15 * 2,
      retries: 15 * 3 + 15,
      outcomes: { '500': 15 * 4 + 15, '204': 15 },
    });
    expect(new Set(deadLetters.map((record) => record.notification.id))).toEqual(failing);
    expect(deadLetters[0]).toMatchObject({ lastStatus: 500, lastBody: 'broken', attempts: 4 });
  });

  it('gives up when the retry window closes', async () => {
    const target = await server(() => ({ status: 503 }));
    const report = await push(notificationSeries(2), {
      url: target.url,
      retry: { maxAttempts: 100, retryWindowMs: 30, initialDelayMs: 10, jitter: 0 },
    });
    expect(report.deadLetterReasons).toEqual({ 'retry-window': 2 });
  });

  it('dead-letters with the error when nothing listens', async () => {
    const target = await server();
    const url = target.url;
    await target.close();
    servers.length = 0;
    const deadLetters: UndeliveredRecord[] = [];
    const report = await push(notificationSeries(2), {
      url,
      retry: { ...FAST_RETRY, maxAttempts: 2 },
      onDeadLetter: (record) => {
        deadLetters.push(record);
      },
    });
    expect(report.outcomes).toEqual({ 'connection-refused': 4 });
    expect(deadLetters[0]!.lastError).toMatch(/^connection-refused: .*ECONNREFUSED/);
  });
});

describe('pushNotifications: order and pacing', () => {
  it('with ordered, holds each channel’s next notification until the previous one is delivered', async () => {
    // Every third request fails, so without ordering retries would overtake.
    let count = 0;
    const target = await server(() => (++count % 3 === 0 ? { status: 503 } : { status: 200 }));
    const notifications = notificationSeries(60, { channels: 4 });
    const report = await push(notifications, { url: target.url, ordered: true, concurrency: 8 });
    expect(report.delivered).toBe(60);

    const position = new Map(notifications.map((n, index) => [n.id, index]));
    const byChannel = new Map<string, CapturedRequest[]>();
    for (const request of target.requests) {
      const subject = (JSON.parse(request.body.toString()) as VccNotification).subject;
      byChannel.set(subject, [...(byChannel.get(subject) ?? []), request]);
    }
    for (const [subject, requests] of byChannel) {
      const expected = notifications.filter((n) => n.subject === subject).map((n) => n.id);
      // Attempts arrive in source order: a later notification never precedes an earlier one's retry.
      const positions = requests.map((request) => position.get(idOf(request))!);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect([...new Set(requests.map(idOf))]).toEqual(expected);
    }
  });

  it('without ordered, lets a retry be overtaken (as VCC does not guarantee order)', async () => {
    const notifications = notificationSeries(5, { channels: 1 });
    const first = notifications[0]!.id;
    let failed = false;
    const target = await server((request) => {
      if (idOf(request) !== first || failed) return {};
      failed = true;
      return { status: 503 };
    });
    const delivered: string[] = [];
    await push(notifications, {
      url: target.url,
      concurrency: 1,
      // Long enough for the four others to be answered first, even on a loaded machine.
      retry: { initialDelayMs: 400, jitter: 0 },
      onAttempt: (event) => {
        if (event.outcome === 'delivered') delivered.push(event.notification.id);
      },
    });
    expect(delivered).toEqual([...notifications.slice(1).map((n) => n.id), first]);
  });

  it('paces by the notifications’ times, scaled by speed, and reports its lateness', async () => {
    const target = await server();
    const arrivals: number[] = [];
    const notifications = notificationSeries(6, { gapMs: 200 });
    const report = await push(notifications, {
      url: target.url,
      speed: 4,
      // When each request started: its answer's time less its latency.
      onAttempt: (event) => arrivals.push(performance.now() - event.result.latencyMs),
    });
    // Gaps of 200 ms at 4× speed: 250 ms from first to last. Pacing never starts one early (by
    // more than the 1 ms a timer cannot resolve), so a loaded machine can only widen this.
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThanOrEqual(240);
    expect(report.latenessMs?.count).toBe(6);
    expect(report.speed).toBe(4);
  });

  it('caps the request rate', async () => {
    const target = await server();
    const sent: number[] = [];
    await push(notificationSeries(11), {
      url: target.url,
      rate: 100,
      onAttempt: () => sent.push(performance.now()),
    });
    // 11 requests at 100/s: 10 intervals of 10 ms, less the 10 ms burst allowance, less the
    // spread of answer times (uncapped, the 11 take a few ms). The first answer is left out: it
    // waits for the connection to open, which on a loaded machine eats into the interval.
    expect(sent.at(-1)! - sent[1]!).toBeGreaterThanOrEqual(70);
  });

  it('reports a notification without a valid time when pacing, without losing the others', async () => {
    const target = await server();
    const notifications = notificationSeries(3);
    notifications[1]!.time = 'yesterday';
    const unsent: UndeliveredRecord[] = [];
    const report = await push(notifications, {
      url: target.url,
      speed: 1000,
      onUnsent: (record) => {
        unsent.push(record);
      },
    });
    expect(report.interrupted).toEqual({
      reason: 'source-error',
      message: expect.stringContaining('Notification 2') as string,
    });
    expect(report.delivered + report.unsent).toBe(report.notifications);
    expect(unsent.map((record) => record.notification.id)).toContain(notifications[1]!.id);
  });
});

describe('pushNotifications: chaos', () => {
  it('duplicates a share of notifications, deterministically under the seed', async () => {
    const run = async (seed: number) => {
      const target = await server();
      const report = await push(notificationSeries(100), {
        url: target.url,
        secret: SECRET,
        seed,
        chaos: { duplicate: 0.2 },
      });
      const counts = new Map<string, number>();
      for (const request of target.requests) {
        counts.set(idOf(request), (counts.get(idOf(request)) ?? 0) + 1);
      }
      const twice = [...counts]
        .filter(([, n]) => n === 2)
        .map(([id]) => id)
        .sort();
      return { report, twice, target };
    };
    const first = await run(7);
    const again = await run(7);
    const other = await run(8);
    expect(first.report.chaos?.duplicated).toBe(first.twice.length);
    expect(first.twice.length).toBeGreaterThan(5);
    expect(first.twice).toEqual(again.twice);
    expect(first.twice).not.toEqual(other.twice);
    expect(first.report.delivered).toBe(100);
    expect(first.report.requests).toBe(100 + first.twice.length);
    expect(first.report.chaos?.duplicateOutcomes).toEqual({ '200': first.twice.length });
    // A duplicate is the same bytes with a fresh signature.
    const copies = first.target.requests.filter((request) => idOf(request) === first.twice[0]);
    expect(copies[0]!.body.equals(copies[1]!.body)).toBe(true);
    expect(copies[0]!.headers['vonage-signature']).not.toBe(copies[1]!.headers['vonage-signature']);
  });

  it('sends first attempts unsigned, stale or wrongly signed; a consumer that refuses them gets valid retries', async () => {
    const verifier = createWebhookVerifier(SECRET);
    const problems: string[] = [];
    const target = await server(async (request) => {
      const check = await verifier.verify(
        request.headers['vonage-signature'] as string | undefined,
        request.body,
      );
      if (!check.valid) problems.push(check.problem);
      return { status: check.valid ? 200 : 401 };
    });
    const report = await push(notificationSeries(90), {
      url: target.url,
      secret: SECRET,
      chaos: { unsigned: 0.1, staleSignature: 0.1, wrongSignature: 0.1 },
    });
    const bad = report.chaos!.badSignatures;
    expect(report.delivered).toBe(90);
    expect(bad.sent).toBe(bad.unsigned + bad.stale + bad.wrong);
    expect(bad.unsigned).toBeGreaterThan(0);
    expect(bad.stale).toBeGreaterThan(0);
    expect(bad.wrong).toBeGreaterThan(0);
    expect(bad).toMatchObject({ rejected: bad.sent, accepted: 0 });
    expect(problems.sort()).toEqual(
      [
        ...Array<string>(bad.stale).fill('expired'),
        ...Array<string>(bad.unsigned).fill('missing'),
        ...Array<string>(bad.wrong).fill('wrong-signature'),
      ].sort(),
    );
    expect(report.outcomes['401']).toBe(bad.sent);
  });

  it('counts bad signatures a consumer accepted', async () => {
    const target = await server();
    const report = await push(notificationSeries(20), {
      url: target.url,
      secret: SECRET,
      chaos: { unsigned: 1 },
    });
    expect(report.chaos!.badSignatures).toMatchObject({ sent: 20, unsigned: 20, accepted: 20 });
  });

  it('reorders and delays a share of notifications, and still delivers every one', async () => {
    const target = await server();
    const notifications = notificationSeries(60);
    const report = await push(notifications, {
      url: target.url,
      concurrency: 1,
      chaos: { reorder: 0.2, delay: 0.1, delayMaxMs: 20 },
    });
    expect(report.delivered).toBe(60);
    expect(report.chaos!.reordered).toBeGreaterThan(0);
    expect(report.chaos!.delayed).toBeGreaterThan(0);
    expect(target.requests.map(idOf)).not.toEqual(notifications.map((n) => n.id));
    expect(target.requests.map(idOf).sort()).toEqual(notifications.map((n) => n.id).sort());
  });
});

describe('pushNotifications: interrupt and resume', () => {
  it('on abort stops sending, drains requests in flight, and hands over the rest in source order; resuming completes the set', async () => {
    const delivered = new Map<string, number>();
    const target = await server(async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      delivered.set(idOf(request), (delivered.get(idOf(request)) ?? 0) + 1);
      return {};
    });
    const notifications = notificationSeries(200);
    const controller = new AbortController();
    const unsent: UndeliveredRecord[] = [];
    let answered = 0;
    const first = await push(notifications, {
      url: target.url,
      concurrency: 4,
      signal: controller.signal,
      onAttempt: () => {
        if (++answered === 30) controller.abort();
      },
      onUnsent: (record) => {
        unsent.push(record);
      },
    });
    expect(first.interrupted).toEqual({ reason: 'signal' });
    expect(first.notifications).toBe(200);
    expect(first.delivered + first.unsent).toBe(200);
    expect(first.delivered).toBeGreaterThanOrEqual(30);
    expect(unsent).toHaveLength(first.unsent);
    // In source order, and exactly the ones not delivered.
    const order = new Map(notifications.map((n, index) => [n.id, index]));
    const positions = unsent.map((record) => order.get(record.notification.id)!);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(unsent.every((record) => !delivered.has(record.notification.id))).toBe(true);

    const second = await push(
      unsent.map((record) => record.notification),
      { url: target.url },
    );
    expect(second.delivered).toBe(unsent.length);
    expect([...delivered.keys()].sort()).toEqual(notifications.map((n) => n.id).sort());
    expect([...delivered.values()].every((n) => n === 1)).toBe(true);
  });

  it('writes a job file when interrupted, which openJob and pushNotifications finish with its settings', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vcc-sim-job-'));
    const delivered = new Map<string, number>();
    const target = await server(async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      delivered.set(idOf(request), (delivered.get(idOf(request)) ?? 0) + 1);
      return {};
    });
    const notifications = notificationSeries(120);
    const controller = new AbortController();
    let answered = 0;
    const resumeFile = join(dir, 'job.ndjson');
    const first = await push(notifications, {
      url: target.url,
      secret: SECRET,
      concurrency: 3,
      seed: 9,
      signal: controller.signal,
      resumeFile,
      deadLetterFile: join(dir, 'dead.ndjson'),
      job: { command: 'library-test', origin: { test: true } },
      onAttempt: () => {
        if (++answered === 20) controller.abort();
      },
    });
    expect(first.resumeFile).toBe(resumeFile);
    const job = await openJob(resumeFile);
    expect(job.completed).toBe(false);
    expect(job.header.job).toMatchObject({
      command: 'library-test',
      secretSource: 'option',
      concurrency: 3,
      seed: 9,
      deadLetter: join(dir, 'dead.ndjson'),
      origin: { test: true },
    });
    expect(JSON.stringify(job.header)).not.toContain(SECRET);
    await expect(pushNotifications(job)).rejects.toThrow('was signed; give its secret again');

    const second = await pushNotifications(await openJob(resumeFile), { secret: SECRET });
    expect(second).toMatchObject({ delivered: first.unsent, deadLettered: 0 });
    expect([...delivered.keys()].sort()).toEqual(notifications.map((n) => n.id).sort());
    expect([...delivered.values()].every((n) => n === 1)).toBe(true);
    expect((await openJob(resumeFile)).completed).toBe(true);
    await rm(dir, { recursive: true, force: true });
  });

  it('cuts requests still in flight after the drain timeout: they are unsent, flagged as possibly arrived', async () => {
    const target = await server(() => ({ delayMs: 5_000 }));
    const controller = new AbortController();
    const unsent: UndeliveredRecord[] = [];
    setTimeout(() => controller.abort(), 100);
    const report = await push(notificationSeries(5), {
      url: target.url,
      concurrency: 2,
      signal: controller.signal,
      drainTimeoutMs: 50,
      onUnsent: (record) => {
        unsent.push(record);
      },
    });
    expect(report).toMatchObject({ notifications: 5, delivered: 0, unsent: 5, unsentInFlight: 2 });
    expect(unsent.map((record) => record.reason)).toEqual([
      'in-flight',
      'in-flight',
      'interrupted',
      'interrupted',
      'interrupted',
    ]);
  });

  it('on a force signal cuts requests in flight at once', async () => {
    const target = await server(() => ({ delayMs: 5_000 }));
    const stop = new AbortController();
    const force = new AbortController();
    setTimeout(() => {
      stop.abort();
      force.abort();
    }, 100);
    const report = await push(notificationSeries(3), {
      url: target.url,
      signal: stop.signal,
      forceSignal: force.signal,
      drainTimeoutMs: 60_000,
    });
    expect(report).toMatchObject({ unsent: 3, unsentInFlight: 3 });
  });

  it('loses nothing when the source fails part-way', async () => {
    const target = await server();
    async function* source() {
      yield* notificationSeries(5);
      throw new Error('disk on fire');
    }
    const report = await pushNotifications(source(), { url: target.url });
    expect(report.interrupted).toEqual({ reason: 'source-error', message: 'disk on fire' });
    expect(report.delivered + report.unsent).toBe(5);
  });
});

describe('pushNotifications: options', () => {
  it.each([
    [{ url: 'not a url' }, 'is not a valid URL'],
    [{ url: 'ftp://example.test/' }, 'must be http or https'],
    [{ url: 'http://127.0.0.1:1/', speed: 0 }, 'The speed must be a number > 0'],
    [{ url: 'http://127.0.0.1:1/', concurrency: 1.5 }, 'The concurrency must be a whole number'],
    [{ url: 'http://127.0.0.1:1/', ordered: true, chaos: { reorder: 0.1 } }, 'contradicts'],
    [{ url: 'http://127.0.0.1:1/', chaos: { unsigned: 0.1 } }, 'needs signing'],
    [{ url: 'http://127.0.0.1:1/', chaos: { duplicate: 2 } }, 'between 0 and 1'],
    [{ url: 'http://127.0.0.1:1/', retry: { maxAttempts: 0 } }, 'maxAttempts'],
    [{ url: 'http://127.0.0.1:1/', secret: 'c2hvcnQ=' }, 'decodes to 5 bytes'],
  ] as Array<[PushOptions, string]>)(
    'refuses %j before sending anything',
    async (options, message) => {
      expect.assertions(2);
      try {
        await pushNotifications([], options);
      } catch (error) {
        expect(isVccSimError(error, 'usage')).toBe(true);
        expect((error as Error).message).toContain(message);
      }
    },
  );

  it('masks a password and query values in the reported URL', async () => {
    const target = await server();
    const url = target.url.replace('http://', 'http://user:pw@') + '?code=s3cret';
    const report = await push(notificationSeries(1), { url });
    expect(report.url).toBe(target.url.replace('http://', 'http://user:***@') + '?code=***');
    expect(JSON.stringify(report)).not.toContain('s3cret');
  });
});
