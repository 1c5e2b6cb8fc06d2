import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateWebhookSecret } from 'vcc-sim';
import type { BenchRow } from '../measure.js';
import { startReceiver } from '../support/start-receiver.js';

const BIN = fileURLToPath(new URL('../../bin/vcc-sim.js', import.meta.url));
/** A whole day of the centre, every event: about 53,000 notifications. */
const RUN = ['-s', 'contact-centre-day', '-e', '*', '--speed', 'max'];
const ROUNDS = 3;
/** Long enough for every process to start and load its shard before the shared start. */
const LEAD_MS = 4_000;

/** Runs `vcc-sim push` as users do; resolves when it exits 0. */
function push(args: string[], secret: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    const child = spawn(process.execPath, [BIN, 'push', ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, VCC_WEBHOOK_SECRET: secret, NO_COLOR: '1' },
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`vcc-sim push exited ${code}: ${stderr}`)),
    );
  });
}

/**
 * `shards` processes push the shards of one run from one `--start-at`: the aggregate rate is
 * everything delivered over the span from the first start to the last finish, read from the
 * processes' own reports. One process (`shards` = 1) is measured the same way.
 */
async function aggregateRate(url: string, shards: number, dir: string): Promise<number> {
  const secret = generateWebhookSecret();
  const startAt = new Date(Date.now() + LEAD_MS).toISOString();
  const reports = Array.from({ length: shards }, (_, index) => join(dir, `shard-${index}.json`));
  await Promise.all(
    reports.map((report, index) =>
      push(
        [
          url,
          ...RUN,
          '--start-at',
          startAt,
          '--report',
          report,
          ...(shards > 1 ? ['--shard', `${index}/${shards}`] : []),
        ],
        secret,
      ),
    ),
  );
  const parts = await Promise.all(
    reports.map(
      async (report) =>
        JSON.parse(await readFile(report, 'utf8')) as {
          startedAt: string;
          elapsedMs: number;
          delivered: number;
          notifications: number;
        },
    ),
  );
  let delivered = 0;
  let first = Infinity;
  let last = -Infinity;
  for (const part of parts) {
    if (part.delivered !== part.notifications) {
      throw new Error(`a shard delivered ${part.delivered} of ${part.notifications}`);
    }
    delivered += part.delivered;
    const started = Date.parse(part.startedAt);
    first = Math.min(first, started);
    last = Math.max(last, started + part.elapsedMs);
  }
  return delivered / ((last - first) / 1000);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/** Two shards against one process, alternated over a few rounds, one receiver process: medians. */
export async function shardRows(): Promise<BenchRow[]> {
  const receiver = await startReceiver();
  const dir = await mkdtemp(join(tmpdir(), 'vcc-sim-bench-shards-'));
  try {
    const one: number[] = [];
    const two: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      one.push(await aggregateRate(receiver.url, 1, dir));
      two.push(await aggregateRate(receiver.url, 2, dir));
    }
    const single = median(one);
    return [
      {
        row: 'push --shard i/2: 2 processes, aggregate (signed, receiver in its own process)',
        figure: median(two),
        unit: 'notifications/s',
        target: { text: '≥ 1.5× baseline', met: (figure) => figure >= 1.5 * single },
        baseline: { label: '1 process, same run', figure: single, unit: 'notifications/s' },
      },
    ];
  } finally {
    receiver.child.kill();
    await rm(dir, { recursive: true, force: true });
  }
}
