import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { builtInScenario, createWebhookSigner, generateWebhookSecret, simulateJson } from 'vcc-sim';
import { nodeCrypto } from 'vcc-sim/http';
import { atMost, type BenchRow } from '../measure.js';

const BIN = fileURLToPath(new URL('../../bin/vcc-sim.js', import.meta.url));
const REPORT_RSS = fileURLToPath(new URL('../support/report-peak-rss.mjs', import.meta.url));
/** The run: a million notifications, each with its own id and a fresh signature. */
const NOTIFICATIONS = Number(process.env['VCC_BENCH_LISTEN_NOTIFICATIONS'] ?? 1_000_000);
const CONNECTIONS = 32;

type Listener = { child: ChildProcess; url: string; peakRssMb: Promise<number> };

/** `vcc-sim listen` in its own process; its peak RSS is reported when it exits. */
async function startListen(secret: string): Promise<Listener> {
  const child = spawn(process.execPath, ['--import', REPORT_RSS, BIN, 'listen'], {
    env: { ...process.env, VCC_WEBHOOK_SECRET: secret, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = /Listening at (http:\/\/\S+)/.exec(stderr);
      if (match) resolve(match[1]!);
    };
    child.stderr!.on('data', check);
    child.once('exit', () => reject(new Error(`listen exited: ${stderr}`)));
  });
  const peakRssMb = new Promise<number>((resolve) =>
    child.once('exit', () => resolve(Number(/peak-rss-kb=(\d+)/.exec(stderr)?.[1]) / 1024)),
  );
  return { child, url, peakRssMb };
}

/** The resident memory of a process now, from /proc (Linux), in MB. */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
}

/** Bodies with ids of their own: the engine's notifications, each id's last characters varied. */
function* distinctBodies(count: number): Generator<string> {
  const base = [
    ...simulateJson(builtInScenario('contact-centre-day'), { events: 'channel.*', seed: 1 }),
  ].slice(0, 20_000);
  const ids = base.map((text) => (JSON.parse(text) as { id: string }).id);
  for (let index = 0; index < count; index++) {
    const at = index % base.length;
    const id = ids[at]!;
    const suffix = Math.floor(index / base.length)
      .toString(36)
      .padStart(4, '0');
    yield base[at]!.replace(id, id.slice(0, -4) + suffix);
  }
}

/** Posts `count` signed notifications with `CONNECTIONS` in flight; calls `at` along the way. */
async function feed(
  url: string,
  secret: string,
  count: number,
  at: (sent: number) => void,
): Promise<Record<number, number>> {
  const signer = createWebhookSigner(secret, { crypto: nodeCrypto });
  const { origin, pathname } = new URL(url);
  const pool = new Pool(origin, { connections: CONNECTIONS });
  const bodies = distinctBodies(count);
  const statuses: Record<number, number> = {};
  let sent = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      for (let next = bodies.next(); !next.done; next = bodies.next()) {
        const body = next.value;
        const signature = signer.signHash(signer.hashBody(body) as string) as string;
        const response = await pool.request({
          path: pathname,
          method: 'POST',
          body,
          headers: {
            'content-type': 'application/cloudevents+json',
            'vonage-signature': signature,
          },
        });
        await response.body.dump();
        statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
        at(++sent);
      }
    }),
  );
  await pool.close();
  return statuses;
}

async function stop(listener: Listener): Promise<number> {
  listener.child.kill('SIGINT');
  return listener.peakRssMb;
}

/** A million notifications through listen: its peak RSS, beside its RSS after the first tenth. */
async function millionRow(): Promise<BenchRow> {
  const secret = generateWebhookSecret();
  const listener = await startListen(secret);
  let early = 0;
  const statuses = await feed(listener.url, secret, NOTIFICATIONS, (sent) => {
    if (sent === Math.floor(NOTIFICATIONS / 10)) early = rssMb(listener.child.pid!);
  });
  const peak = await stop(listener);
  if (statuses[200] !== NOTIFICATIONS) {
    throw new Error(
      `listen accepted ${statuses[200]} of ${NOTIFICATIONS}: ${JSON.stringify(statuses)}`,
    );
  }
  return {
    row: `listen: ${NOTIFICATIONS.toLocaleString('en-US')} signed notifications (distinct ids), peak RSS`,
    figure: peak,
    unit: 'MB',
    target: atMost(200),
    baseline: {
      label: `RSS after the first ${(NOTIFICATIONS / 10).toLocaleString('en-US')}`,
      figure: early,
      unit: 'MB',
    },
  };
}

/** A 50 MB body: refused with 413, and listen's memory barely moves. */
async function bigBodyRow(): Promise<BenchRow> {
  const secret = generateWebhookSecret();
  const listener = await startListen(secret);
  const idle = rssMb(listener.child.pid!);
  const { origin, pathname } = new URL(listener.url);
  const pool = new Pool(origin, { connections: 1 });
  const body = Buffer.alloc(50 * 1024 * 1024, 120);
  const response = await pool.request({
    path: pathname,
    method: 'POST',
    body,
    headers: { 'content-type': 'application/cloudevents+json' },
  });
  await response.body.dump();
  await pool.close();
  const peak = await stop(listener);
  if (response.statusCode !== 413) throw new Error(`a 50 MB body got ${response.statusCode}`);
  return {
    row: 'listen: a 50 MB body, refused with 413, peak RSS',
    figure: peak,
    unit: 'MB',
    target: atMost(150),
    baseline: { label: 'RSS idle, before it', figure: idle, unit: 'MB' },
  };
}

export async function listenRows(): Promise<BenchRow[]> {
  return [await bigBodyRow(), await millionRow()];
}
