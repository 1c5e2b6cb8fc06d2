import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateWebhookSecret } from 'vcc-sim';
import { median, type BenchRow } from '../measure.js';
import { sampleCpu } from '../support/cpu-busy.js';
import { startReceiver } from '../support/start-receiver.js';

const BIN = fileURLToPath(new URL('../../bin/vcc-sim.js', import.meta.url));
/** A whole day of the centre, every event: about 53,000 notifications. */
const RUN = ['-s', 'contact-centre-day', '-e', '*', '--speed', 'max'];
const ROUNDS = 3;
/** Long enough for every process to start and load its shard before the shared start. */
const LEAD_MS = 4_000;

/** Runs `vcc-sim push` as users do, in `cwd` (where its journal goes); resolves when it exits 0. */
function push(args: string[], secret: string, cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    const child = spawn(process.execPath, [BIN, 'push', ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      cwd,
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
async function aggregateRate(
  url: string,
  shards: number,
  dir: string,
): Promise<{ rate: number; fromMs: number; toMs: number }> {
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
        dir,
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
  return { rate: delivered / ((last - first) / 1000), fromMs: first, toMs: last };
}

/**
 * Two shards against one process, alternated over a few rounds, one receiver process: medians.
 * The receiver is the lean sink, so that the senders are what is measured. Beside it, the most
 * any split can give on this machine: one process and the sink keep a share of the cores busy,
 * and shards at the same cost per notification can at best fill them all (1 ÷ that share).
 */
export async function shardRows(): Promise<BenchRow[]> {
  const receiver = await startReceiver('sink');
  const dir = await mkdtemp(join(tmpdir(), 'vcc-sim-bench-shards-'));
  const cpu = sampleCpu();
  try {
    const one: number[] = [];
    const two: number[] = [];
    const busy: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const single = await aggregateRate(receiver.url, 1, dir);
      one.push(single.rate);
      const share = cpu.busyShare(single.fromMs, single.toMs);
      if (share !== undefined) busy.push(share);
      two.push((await aggregateRate(receiver.url, 2, dir)).rate);
    }
    const single = median(one);
    const rows: BenchRow[] = [
      {
        row: 'push --shard i/2: 2 processes, aggregate (signed, lean sink in its own process)',
        figure: median(two),
        unit: 'notifications/s',
        target: { text: '≥ 1.5× baseline', met: (figure) => figure >= 1.5 * single },
        baseline: { label: '1 process, same run', figure: single, unit: 'notifications/s' },
      },
    ];
    if (busy.length > 0) {
      const share = median(busy);
      rows.push({
        row: `push --shard i/2: the most any split can give here (1 process and the sink keep ${Math.round(100 * share)}% of ${cpus().length} cores busy)`,
        figure: 1 / share,
        unit: '× 1 process',
      });
    }
    return rows;
  } finally {
    cpu.stop();
    receiver.child.kill();
    await rm(dir, { recursive: true, force: true });
  }
}
