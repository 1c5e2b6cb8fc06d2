import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { Pool } from 'undici';
import {
  builtInScenario,
  generateWebhookSecret,
  simulate,
  simulateJson,
  type ChannelNotification,
} from 'vcc-sim';
import { pushNotifications } from 'vcc-sim/http';
import packageJson from '../../package.json' with { type: 'json' };
import { createVccTwin, routeFetch } from 'vcc-sim/msw';
import { startReceiver } from '../support/start-receiver.js';
import { atLeast, atMost, median, type BenchRow } from '../measure.js';

/** Connections for both the pusher and the baseline, as in the facts' loopback measurement. */
const CONNECTIONS = 50;
const ROUNDS = 3;
const JOURNAL_ROUNDS = 5;

/**
 * Raw undici: the same bodies and headers (signature aside) to the same receiver, over the same
 * pool settings, with no signing and no bookkeeping.
 */
async function baseline(url: string, bodies: Buffer[]): Promise<number> {
  const { origin, pathname } = new URL(url);
  const pool = new Pool(origin, { connections: CONNECTIONS, pipelining: 1 });
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
          // The pusher's own User-Agent, so both sides send the same headers.
          headers: {
            'content-type': 'application/cloudevents+json',
            'user-agent': `vcc-sim/${packageJson.version}`,
          },
        });
        await response.body.dump();
      }
    }),
  );
  const rate = bodies.length / ((performance.now() - started) / 1000);
  await pool.close();
  return rate;
}

/**
 * The pusher, fed the engine's JSON text as `vcc-sim push` is: the same bytes as the baseline's.
 * With `journal`, it keeps its write-ahead journal in that file, as `vcc-sim push` does by default;
 * without a secret, it sends unsigned.
 */
async function pushed(
  url: string,
  notifications: string[],
  secret: string | undefined,
  journal?: string,
) {
  if (journal) rmSync(journal, { force: true });
  const started = performance.now();
  const report = await pushNotifications(notifications, {
    url,
    ...(secret === undefined ? {} : { secret }),
    speed: 'max',
    concurrency: CONNECTIONS,
    ...(journal ? { resumeFile: journal } : {}),
  });
  if (report.delivered !== notifications.length) {
    throw new Error(`push delivered ${report.delivered} of ${notifications.length}`);
  }
  return report.delivered / ((performance.now() - started) / 1000);
}

/** The same notifications, re-timed `1000 / perSecond` ms apart from now on the scenario clock. */
function retimed(notifications: ChannelNotification[], perSecond: number): ChannelNotification[] {
  const start = Date.parse('2026-01-05T09:00:00Z');
  return notifications.map((notification, index) => ({
    ...notification,
    time: new Date(start + (index * 1000) / perSecond).toISOString().replace('Z', '0000Z'),
  }));
}

/** A small Hono webhook: reads the body, answers 204. */
function honoApp() {
  return new Hono().post('/webhooks/vcc', async (context) => {
    await context.req.text();
    return context.body(null, 204);
  });
}

const WEBHOOK = 'https://app.example/webhooks/vcc';

/** The twin delivering in-process through `routeFetch`: deliveries per second. */
async function twinRate(notifications: ChannelNotification[]): Promise<number> {
  const app = honoApp();
  const twin = createVccTwin();
  twin.addSubscription({ name: 'bench', url: WEBHOOK, events: ['*'] });
  const fetch = routeFetch({ 'https://app.example': app.fetch });
  const started = performance.now();
  const report = await twin.run(notifications, { fetch });
  if (report.delivered !== notifications.length) {
    throw new Error(`the twin delivered ${report.delivered} of ${notifications.length}`);
  }
  return report.delivered / ((performance.now() - started) / 1000);
}

/** The same bodies handed to `app.fetch` directly, one after another as the twin sends them. */
async function appFetchRate(bodies: string[]): Promise<number> {
  const app = honoApp();
  const headers = { 'content-type': 'application/cloudevents+json' };
  const started = performance.now();
  for (const body of bodies) {
    const response = await app.fetch(new Request(WEBHOOK, { method: 'POST', headers, body }));
    await response.arrayBuffer();
  }
  return bodies.length / ((performance.now() - started) / 1000);
}

/** Both in-process rates, alternated over a few rounds: the medians. */
async function inProcessRows(notifications: ChannelNotification[]): Promise<BenchRow[]> {
  const bodies = notifications.map((notification) => JSON.stringify(notification));
  await twinRate(notifications.slice(0, 1_000));
  await appFetchRate(bodies.slice(0, 1_000));
  const twin: number[] = [];
  const direct: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    twin.push(await twinRate(notifications));
    direct.push(await appFetchRate(bodies));
  }
  const directRate = median(direct);
  return [
    {
      row: 'msw: twin.run() in-process (routeFetch to a Hono app), signed',
      figure: median(twin),
      unit: 'deliveries/s',
      target: { text: '≥ 50% of baseline', met: (figure) => figure >= 0.5 * directRate },
      baseline: { label: 'app.fetch directly, same bodies', figure: directRate, unit: 'req/s' },
    },
  ];
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
    const unsigned: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      raw.push(await baseline(url, bodies));
      ours.push(await pushed(url, texts, secret));
      unsigned.push(await pushed(url, texts, undefined));
    }
    const rawRate = median(raw);
    const pushRate = median(ours);

    // The journal's cost: the same push with and without it, alternated.
    const folder = mkdtempSync(join(tmpdir(), 'vcc-sim-bench-journal-'));
    const journal = join(folder, 'job.ndjson');
    const withJournal: number[] = [];
    const withoutJournal: number[] = [];
    try {
      await pushed(url, texts.slice(0, 5_000), secret, journal);
      // A cost of some 10% between two noisy figures: more rounds than the others.
      for (let round = 0; round < JOURNAL_ROUNDS; round++) {
        withoutJournal.push(await pushed(url, texts, secret));
        withJournal.push(await pushed(url, texts, secret, journal));
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    const journalOff = median(withoutJournal);

    // Real time at 2,000/s for 5 s, a few times: the medians (one GC pause is not the pacer).
    const schedule = retimed(notifications.slice(0, 10_000), 2_000);
    const pacedRuns = [];
    for (let round = 0; round < ROUNDS; round++) {
      pacedRuns.push(
        await pushNotifications(schedule, { url, secret, speed: 1, concurrency: CONNECTIONS }),
      );
    }
    const pacedP99 = median(pacedRuns.map((run) => run.latenessMs?.p99 ?? Number.NaN));
    const pacedRate = median(pacedRuns.map((run) => run.deliveredPerSecond));
    return [
      {
        row: 'http: push --speed max, signed, to a loopback webhook',
        figure: pushRate,
        unit: 'notifications/s',
        target: {
          text: '≥ 85% of baseline',
          met: (figure) => figure >= 0.85 * rawRate,
        },
        baseline: { label: 'raw undici Pool, same bodies', figure: rawRate, unit: 'req/s' },
      },
      {
        // What the pusher costs besides signing: the gap of the row above is the signature's.
        row: 'http: push --speed max, unsigned (the same push, no secret)',
        figure: median(unsigned),
        unit: 'notifications/s',
        baseline: { label: 'raw undici Pool, same bodies', figure: rawRate, unit: 'req/s' },
      },
      {
        row: 'http: push --speed max, signed, with its write-ahead journal (the default)',
        figure: median(withJournal),
        unit: 'notifications/s',
        target: {
          text: '≥ 90% of baseline',
          met: (figure) => figure >= 0.9 * journalOff,
        },
        baseline: {
          label: 'the same push, no journal',
          figure: journalOff,
          unit: 'notifications/s',
        },
      },
      {
        row: 'http: push real-time pacing at 2,000/s, p99 lateness (median of 3 runs)',
        figure: pacedP99,
        unit: 'ms',
        target: atMost(5),
      },
      {
        row: 'http: push real-time pacing at 2,000/s, achieved rate (median of 3 runs)',
        figure: pacedRate,
        unit: 'notifications/s',
        target: atLeast(1_900),
      },
      ...(await inProcessRows(notifications.slice(0, 5_000))),
    ];
  } finally {
    child.kill('SIGTERM');
  }
}
