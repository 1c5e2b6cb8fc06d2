import { SignJWT } from 'jose';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { request as undiciRequest } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { notificationSeries } from '../../../test/support/delivery-notifications.js';
import { sampleNotification } from '../../../test/support/notifications.js';
import { generateWebhookSecret, signWebhook } from '../../contract/index.js';
import { isVccSimError } from '../../errors.js';
import { pushNotifications } from './push.js';
import { startReceiver } from './receiver.js';
import type { Receiver, ReceivedNotification, ReceiverOptions } from './types.js';

const SECRET = generateWebhookSecret();
const receivers: Receiver[] = [];

async function receiver(options: ReceiverOptions = {}) {
  const seen: ReceivedNotification[] = [];
  const started = await startReceiver({
    ...options,
    onNotification: (received) => seen.push(received),
  });
  receivers.push(started);
  return { receiver: started, seen };
}

afterEach(async () => {
  await Promise.all(receivers.splice(0).map((started) => started.close()));
});

async function post(
  url: string,
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/cloudevents+json' },
) {
  const response = await undiciRequest(url, { method: 'POST', body, headers });
  await response.body.dump();
  return { status: response.statusCode, headers: response.headers };
}

async function signed(body: string, options: { secret?: string; issuedAt?: number } = {}) {
  return {
    'content-type': 'application/cloudevents+json',
    'vonage-signature': await signWebhook(body, options.secret ?? SECRET, options),
  };
}

describe('startReceiver', () => {
  it('listens on a free loopback port and accepts a valid signed notification', async () => {
    const { receiver: started, seen } = await receiver({ secret: SECRET });
    expect(started.url).toBe(`http://127.0.0.1:${started.port}/`);
    const body = JSON.stringify(sampleNotification('channel.connected.v0'));
    expect((await post(started.url, body, await signed(body))).status).toBe(200);
    expect(seen[0]).toMatchObject({
      status: 200,
      mode: 'structured',
      type: 'channel.connected.v0',
      signature: 'valid',
      valid: true,
      errors: [],
      duplicate: false,
      outOfOrder: false,
    });
  });

  it.each([
    ['missing', async () => ({ 'content-type': 'application/cloudevents+json' })],
    ['malformed', async () => ({ 'vonage-signature': 'Bearer nonsense' })],
    ['wrong-signature', async (body: string) => signed(body, { secret: generateWebhookSecret() })],
    ['expired', async (body: string) => signed(body, { issuedAt: 1_000_000 })],
    ['hash-mismatch', async (body: string) => signed(`${body} `)],
  ])('answers 401 to a %s signature and flags it', async (problem, headers) => {
    const { receiver: started, seen } = await receiver({ secret: SECRET });
    const body = JSON.stringify(sampleNotification('channel.connected.v0'));
    expect((await post(started.url, body, await headers(body))).status).toBe(401);
    expect(seen[0]).toMatchObject({ status: 401, signature: problem });
    expect(started.summary().signatures).toEqual({ [problem]: 1 });
  });

  it('accepts a field VCC may have added with a warning, and flags it as invalid when strict', async () => {
    const notification = sampleNotification('channel.connected.v0') as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    notification.data.channel.queueId = 'q1';
    const body = JSON.stringify(notification);
    const lenient = await receiver();
    expect((await post(lenient.receiver.url, body)).status).toBe(200);
    expect(lenient.seen[0]).toMatchObject({
      valid: true,
      errors: [],
      warnings: [{ path: '/data/channel/queueId' }],
    });
    expect(lenient.receiver.summary()).toMatchObject({ invalid: 0, warned: 1 });
    const strict = await receiver({ strict: true });
    await post(strict.receiver.url, body);
    expect(strict.seen[0]).toMatchObject({
      valid: false,
      errors: [{ path: '/data/channel/queueId' }],
      warnings: [],
    });
  });

  it('leaves signatures unchecked without a secret', async () => {
    const { receiver: started, seen } = await receiver();
    const body = JSON.stringify(sampleNotification('channel.held.v0'));
    expect((await post(started.url, body)).status).toBe(200);
    expect(seen[0]!.signature).toBe('unchecked');
  });

  it('validates every notification and reports what is wrong, still answering 200', async () => {
    const { receiver: started, seen } = await receiver();
    const notification = sampleNotification('channel.connected.v0');
    notification.data.channel.party = { role: 'agent' } as never;
    expect((await post(started.url, JSON.stringify(notification))).status).toBe(200);
    expect(seen[0]!.valid).toBe(false);
    expect(seen[0]!.errors.map((error) => error.path)).toContain('/data/channel/party/agentId');
    expect(started.summary().invalid).toBe(1);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const { receiver: started, seen } = await receiver();
    expect((await post(started.url, '{nope')).status).toBe(400);
    expect(seen[0]).toMatchObject({ status: 400, valid: false });
    expect(seen[0]!.errors[0]!.message).toContain('not JSON');
  });

  it('flags a notification accepted before (same id and source) as a duplicate', async () => {
    const { receiver: started, seen } = await receiver();
    const body = JSON.stringify(sampleNotification('channel.connected.v0'));
    await post(started.url, body);
    await post(started.url, body);
    expect(seen.map((received) => received.duplicate)).toEqual([false, true]);
    expect(started.summary().duplicates).toBe(1);
  });

  it('does not count a retry of a notification it refused as a duplicate', async () => {
    const { receiver: started, seen } = await receiver({ secret: SECRET });
    const body = JSON.stringify(sampleNotification('channel.connected.v0'));
    await post(started.url, body);
    await post(started.url, body, await signed(body));
    expect(seen.map((received) => [received.status, received.duplicate])).toEqual([
      [401, false],
      [200, false],
    ]);
  });

  it('flags an event older than one already accepted on its channel as out of order', async () => {
    const { receiver: started, seen } = await receiver();
    const [first, second, third] = notificationSeries(3, { channels: 1 });
    const [other] = notificationSeries(1, { channels: 1, start: Date.parse('2020-01-01') });
    other!.subject = other!.data.channel.channelId = '00000000-0000-4000-8000-000000000000';
    for (const notification of [first, third, second, other]) {
      await post(started.url, JSON.stringify(notification));
    }
    expect(seen.map((received) => received.outOfOrder)).toEqual([false, false, true, false]);
  });

  it('reads CloudEvents binary mode from ce-* headers', async () => {
    const { receiver: started, seen } = await receiver({ secret: SECRET });
    const notification = sampleNotification('channel.ended.v0', 'external');
    const body = JSON.stringify(notification.data);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'vonage-signature': await signWebhook(body, SECRET),
    };
    for (const key of ['specversion', 'type', 'id', 'source', 'subject', 'time'] as const) {
      headers[`ce-${key}`] = notification[key];
    }
    expect((await post(started.url, body, headers)).status).toBe(200);
    expect(seen[0]).toMatchObject({ mode: 'binary', valid: true, signature: 'valid' });
    expect(seen[0]!.notification).toEqual(notification);
  });

  it('injects failures at the configured rate, deterministically under the seed', async () => {
    const statuses = async (seed: number) => {
      const { receiver: started, seen } = await receiver({
        failRate: 0.5,
        failStatuses: [500, 503],
        retryAfterSeconds: 7,
        seed,
      });
      const answers = [];
      for (const notification of notificationSeries(30)) {
        answers.push(await post(started.url, JSON.stringify(notification)));
      }
      expect(seen.filter((received) => received.injected === 'failure')).toHaveLength(
        answers.filter((answer) => answer.status !== 200).length,
      );
      return answers;
    };
    const first = await statuses(3);
    const again = await statuses(3);
    const codes = first.map((answer) => answer.status);
    expect(again.map((answer) => answer.status)).toEqual(codes);
    expect(new Set(codes)).toEqual(new Set([200, 500, 503]));
    const failed = first.find((answer) => answer.status !== 200)!;
    expect(failed.headers['retry-after']).toBe('7');
  });

  it('answers after the configured delay', async () => {
    const { receiver: started } = await receiver({ delayMs: 150 });
    const before = performance.now();
    await post(started.url, JSON.stringify(sampleNotification('channel.connected.v0')));
    expect(performance.now() - before).toBeGreaterThanOrEqual(140);
  });

  it('refuses a body over the limit with 413 before reading it, declared or streamed', async () => {
    const { receiver: started, seen } = await receiver({ maxBodyBytes: 1024 });
    const big = 'x'.repeat(4096);
    expect((await post(started.url, big)).status).toBe(413);
    const streamed = await undiciRequest(started.url, {
      method: 'POST',
      body: Readable.from(
        (function* () {
          for (let i = 0; i < 8; i++) yield Buffer.alloc(512, 120);
        })(),
      ),
    });
    await streamed.body.dump();
    expect(streamed.statusCode).toBe(413);
    expect(seen.map((received) => [received.status, received.valid])).toEqual([
      [413, false],
      [413, false],
    ]);
    expect(seen[0]!.errors[0]!.message).toContain('larger than 1 KiB');
    expect(started.summary()).toMatchObject({ requests: 2, statuses: { '413': 2 } });
    const body = JSON.stringify(sampleNotification('channel.connected.v0'));
    expect((await post(started.url, body)).status).toBe(200);
  });

  it.each([
    ['nbf', { nbf: 'future' }, 'not-yet-valid', 'not valid for another'],
    ['iat', { iat: 'future' }, 'not-yet-valid', 'issued'],
  ] as Array<[string, { nbf?: string; iat?: string }, string, string]>)(
    'answers 401 to a token whose %s is in the future (VCC never sends one)',
    async (_, claims, problem, message) => {
      const { receiver: started, seen } = await receiver({ secret: SECRET });
      const body = JSON.stringify(sampleNotification('channel.connected.v0'));
      const now = Math.floor(Date.now() / 1000);
      const key = Buffer.from(SECRET, 'base64');
      const hash = createHash('sha256').update(body).digest('hex');
      const iat = claims.iat === 'future' ? now + 3_600 : now;
      const jwt = new SignJWT({
        payload_hash: hash,
        ...(claims.nbf === 'future' ? { nbf: now + 600 } : {}),
      })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuedAt(iat)
        .setExpirationTime(iat + 300)
        .setJti(crypto.randomUUID());
      const headers = {
        'content-type': 'application/cloudevents+json',
        'vonage-signature': `Bearer ${await jwt.sign(key)}`,
      };
      expect((await post(started.url, body, headers)).status).toBe(401);
      expect(seen[0]).toMatchObject({ status: 401, signature: problem });
      expect(seen[0]!.signatureMessage).toContain(message);
    },
  );

  it('answers 401 to a token it accepted before (a replay: VCC signs every attempt afresh)', async () => {
    const { receiver: started, seen } = await receiver({ secret: SECRET });
    const body = JSON.stringify(sampleNotification('channel.connected.v0'));
    const headers = await signed(body);
    expect((await post(started.url, body, headers)).status).toBe(200);
    expect((await post(started.url, body, headers)).status).toBe(401);
    expect((await post(started.url, body, await signed(body))).status).toBe(200);
    expect(seen.map((received) => [received.signature, received.duplicate])).toEqual([
      ['valid', false],
      ['replayed', false],
      ['valid', true],
    ]);
  });

  it('remembers the last `window` notifications and channels only, so memory stays flat', async () => {
    const { receiver: started, seen } = await receiver({ window: 2 });
    const [a, b, c] = notificationSeries(3, { channels: 3 });
    for (const notification of [a, b, c, a, c]) {
      await post(started.url, JSON.stringify(notification));
    }
    // a fell out of the window when c came; c was still in it.
    expect(seen.map((received) => received.duplicate)).toEqual([false, false, false, false, true]);
  });

  it('counts at most 1,000 event types by name, however many distinct ones arrive', async () => {
    const { receiver: started } = await receiver();
    const notification = sampleNotification('channel.connected.v0');
    await Promise.all(
      Array.from({ length: 1_010 }, (_, index) =>
        post(started.url, JSON.stringify({ ...notification, id: `n${index}`, type: `t${index}` })),
      ),
    );
    const types = started.summary().types;
    expect(Object.keys(types)).toHaveLength(1_001);
    expect(types['(other types)']).toBe(10);
  });

  it.each([
    [{ failRate: 1.5 }, 'failure rate must be between 0 and 1'],
    [{ failStatuses: [42] }, 'failure status must be 100–599'],
    [{ failStatuses: [] }, 'at least one failure status'],
    [{ delayMs: 3e9 }, 'The delay must be from 0'],
    [{ delayMs: Number.NaN }, 'The delay must be from 0'],
    [{ retryAfterSeconds: -1 }, 'Retry-After must be a whole number'],
    [{ port: 70_000 }, 'The port must be a whole number from 0 to 65535'],
    [{ seed: 1.5 }, 'The seed must be a whole number'],
    [{ maxBodyBytes: 0 }, 'The body limit must be a whole number'],
    [{ window: 0 }, 'The window must be a whole number'],
    [{ clockToleranceSeconds: Number.NaN, secret: SECRET }, 'clock tolerance must be a number'],
  ] as Array<[ReceiverOptions, string]>)(
    'refuses %j before listening',
    async (options, message) => {
      const error = await startReceiver(options).catch((thrown: unknown) => thrown);
      expect(isVccSimError(error, 'usage')).toBe(true);
      expect((error as Error).message).toContain(message);
    },
  );

  it('answers 405 to anything but POST, without counting it', async () => {
    const { receiver: started } = await receiver();
    const response = await undiciRequest(started.url);
    expect(response.statusCode).toBe(405);
    expect(await response.body.text()).toContain('POST');
    expect(started.summary().requests).toBe(0);
  });

  it('refuses a port that is taken', async () => {
    const { receiver: first } = await receiver();
    expect.assertions(2);
    try {
      await startReceiver({ port: first.port });
    } catch (error) {
      expect(isVccSimError(error, 'usage')).toBe(true);
      expect((error as Error).message).toContain('in use');
    }
  });

  it('sees what push sends: chaos duplicates and bad signatures flagged, every notification valid', async () => {
    const { receiver: started } = await receiver({ secret: SECRET });
    const report = await pushNotifications(notificationSeries(60), {
      url: started.url,
      secret: SECRET,
      seed: 4,
      chaos: { duplicate: 0.1, unsigned: 0.05, staleSignature: 0.05, wrongSignature: 0.05 },
      retry: { initialDelayMs: 1, maxDelayMs: 5 },
    });
    const summary = started.summary();
    const bad = report.chaos!.badSignatures;
    expect(report.delivered).toBe(60);
    expect(summary).toMatchObject({
      requests: report.requests,
      accepted: 60 + report.chaos!.duplicated,
      invalid: 0,
      duplicates: report.chaos!.duplicated,
      signatures: {
        valid: report.requests - bad.sent,
        missing: bad.unsigned,
        expired: bad.stale,
        'wrong-signature': bad.wrong,
      },
    });
  });
});
