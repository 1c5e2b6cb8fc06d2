import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import {
  builtInScenario,
  generateWebhookSecret,
  simulate,
  simulateJson,
  type ChannelNotification,
} from 'vcc-sim';
import { pushNotifications } from 'vcc-sim/http';
import { atLeast, atMost, type BenchRow } from '../measure.js';

const RECEIVER = fileURLToPath(new URL('../support/loopback-receiver.js', import.meta.url));
/** Connections for both the pusher and the baseline, as in the facts' loopback measurement. */
const CONNECTIONS = 50;
const ROUNDS = 3;

/** Starts the loopback webhook in its own process, so it does not share the sender's core. */
async function startReceiver(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [RECEIVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.stdout!.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim())));
  });
  return { url: `http://127.0.0.1:${port}/webhook`, child };
}

/** Raw undici: the same bodies to the same receiver, no signing, no bookkeeping. */
async function baseline(url: string, bodies: Buffer[]): Promise<number> {
  const { origin, pathname } = new URL(url);
  const pool = new Pool(origin, { connections: CONNECTIONS });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const response = await pool.request({
          path: pathname,
          method: 'POST',
          body,
          headers: { 'content-type': 'application/cloudevents+json' },
        });
        await response.body.dump();
      }
    }),
  );
  const rate = bodies.length / ((performance.now() - started) / 1000);
  await pool.close();
  return rate;
}

/** The pusher, fed the engine's JSON text as `vcc-sim push` is: the same bytes as the baseline's. */
async function pushed(url: string, notifications: string[], secret: string) {
  const started = performance.now();
  const report = await pushNotifications(notifications, {
    url,
    secret,
    speed: 'max',
    concurrency: CONNECTIONS,
  });
  if (report.delivered !== notifications.length) {
    throw new Error(`push delivered ${report.delivered} of ${notifications.length}`);
  }
  return report.delivered / ((performance.now() - started) / 1000);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/** The same notifications, re-timed `1000 / perSecond` ms apart from now on the scenario clock. */
function retimed(notifications: ChannelNotification[], perSecond: number): ChannelNotification[] {
  const start = Date.parse('2026-01-05T09:00:00Z');
  return notifications.map((notification, index) => ({
    ...notification,
    time: new Date(start + (index * 1000) / perSecond).toISOString().replace('Z', '0000Z'),
  }));
}

export async function httpRows(): Promise<BenchRow[]> {
  const notifications = [
    ...simulate(builtInScenario('contact-centre-day'), { events: 'channel.*', seed: 1 }),
  ]
    .filter((notification) => notification.source === '/channel')
    .slice(0, 40_000) as ChannelNotification[];
  const texts = [
    ...simulateJson(builtInScenario('contact-centre-day'), { events: 'channel.*', seed: 1 }),
  ].slice(0, 40_000);
  const bodies = texts.map((text) => Buffer.from(text));
  const secret = generateWebhookSecret();
  const { url, child } = await startReceiver();
  try {
    // Warm both paths (connections, JIT), then alternate so load on the machine hits both alike.
    await baseline(url, bodies.slice(0, 5_000));
    await pushed(url, texts.slice(0, 5_000), secret);
    const raw: number[] = [];
    const ours: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      raw.push(await baseline(url, bodies));
      ours.push(await pushed(url, texts, secret));
    }
    const rawRate = median(raw);
    const pushRate = median(ours);

    const paced = await pushNotifications(retimed(notifications.slice(0, 10_000), 2_000), {
      url,
      secret,
      speed: 1,
      concurrency: CONNECTIONS,
    });
    return [
      {
        row: 'http: push --speed max, signed, to a loopback webhook',
        figure: pushRate,
        unit: 'notifications/s',
        target: {
          text: '≥ 70% of baseline',
          met: (figure) => figure >= 0.7 * rawRate,
        },
        baseline: { label: 'raw undici Pool, same bodies', figure: rawRate, unit: 'req/s' },
      },
      {
        row: 'http: push real-time pacing at 2,000/s, p99 lateness',
        figure: paced.latenessMs?.p99 ?? Number.NaN,
        unit: 'ms',
        target: atMost(5),
      },
      {
        row: 'http: push real-time pacing at 2,000/s, achieved rate',
        figure: paced.deliveredPerSecond,
        unit: 'notifications/s',
        target: atLeast(1_900),
      },
    ];
  } finally {
    child.kill('SIGTERM');
  }
}
