import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as hdr from 'hdr-histogram-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from './support/cli.js';
import { startTestServer, type TestServer } from './support/webhook-server.js';

const SECRET = 'k4J6bYx0w2YQ9pD3hT7sVn1cRz5uAe8LmGf0qWiXoPs=';
/** One run: eight hours of the centre's day, every event (channel and presence, v0 and v1). */
const RUN = ['-s', 'contact-centre-day', '-e', '*', '--duration', '8h', '--seed', '3'];
// A long timeout: under load, a slow answer must not add retries the single run did not have.
const PUSH = ['--speed', 'max', '--max-attempts', '4', '-c', '16', '--timeout', '60s'];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vcc-sim-shards-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cli = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, { cwd: dir, env: { VCC_WEBHOOK_SECRET: SECRET, ...env } });

/**
 * A webhook that fails the first attempt of about one notification in eight (chosen by its id,
 * so a sharded run meets the same failures as the single one) and records every id it accepts.
 */
async function receiver(): Promise<TestServer & { accepted: string[] }> {
  const failedOnce = new Set<string>();
  const accepted: string[] = [];
  const server = await startTestServer((request) => {
    const id = (JSON.parse(request.body.toString('utf8')) as { id: string }).id;
    if (id.charCodeAt(id.length - 1) % 8 === 0 && !failedOnce.has(id)) {
      failedOnce.add(id);
      return { status: 503 };
    }
    accepted.push(id);
    return { status: 200 };
  });
  return Object.assign(server, { accepted });
}

type Report = {
  notifications: number;
  delivered: number;
  requests: number;
  retries: number;
  outcomes: Record<string, number>;
  latencyMs: { count: number; p50: number; p90: number; p99: number; min: number; max: number };
  histograms: { latency: { hdr: string } };
  merged?: { shards: { count: number; present: number[]; missing: number[] } };
};

async function readJson<T>(name: string): Promise<T> {
  return JSON.parse(await readFile(join(dir, name), 'utf8')) as T;
}

describe('push --shard: n processes, one run', () => {
  let single: { ids: string[]; report: Report };

  beforeAll(async () => {
    const webhook = await receiver();
    try {
      const result = await cli(['push', webhook.url, ...RUN, ...PUSH, '--report', 'single.json']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      single = { ids: [...webhook.accepted], report: await readJson<Report>('single.json') };
    } finally {
      await webhook.close();
    }
    expect(single.ids.length).toBeGreaterThan(3_000);
    expect(single.report.retries).toBeGreaterThan(0);
  }, 60_000);

  it.each([2, 3, 8])(
    '%i shards deliver exactly the ids of the single run, none twice, and their reports merge into its counts',
    async (count) => {
      const webhook = await receiver();
      try {
        const results = await Promise.all(
          Array.from({ length: count }, (_, index) =>
            cli([
              'push',
              webhook.url,
              ...RUN,
              ...PUSH,
              '--shard',
              `${index}/${count}`,
              '--report',
              `n${count}-shard-${index}.json`,
            ]),
          ),
        );
        for (const result of results) {
          expect(result.stderr).toBe('');
          expect(result.code).toBe(0);
        }
        expect(new Set(webhook.accepted).size).toBe(webhook.accepted.length);
        expect([...webhook.accepted].sort()).toEqual([...single.ids].sort());
      } finally {
        await webhook.close();
      }

      const names = Array.from({ length: count }, (_, index) => `n${count}-shard-${index}.json`);
      const merge = await cli(['report', 'merge', ...names, '--json']);
      expect(merge.stderr).toBe('');
      expect(merge.code).toBe(0);
      const merged = JSON.parse(merge.stdout) as Report;
      for (const key of [
        'notifications',
        'delivered',
        'requests',
        'retries',
        'outcomes',
      ] as const) {
        expect(merged[key]).toEqual(single.report[key]);
      }
      expect(merged.merged!.shards).toEqual({
        count,
        present: Array.from({ length: count }, (_, index) => index),
        missing: [],
      });
      // The merged percentiles are those of one histogram holding every shard's latencies, read
      // here with hdr-histogram-js itself: equal within its precision (3 digits, 0.1%).
      const shards = await Promise.all(names.map((name) => readJson<Report>(name)));
      const all = hdr.build({ numberOfSignificantValueDigits: 3 });
      for (const shard of shards) {
        all.add(hdr.decodeFromCompressedBase64(shard.histograms.latency.hdr));
      }
      expect(merged.latencyMs.count).toBe(all.totalCount);
      expect(merged.latencyMs.count).toBe(single.report.latencyMs.count);
      for (const [figure, percentile] of [
        ['p50', 50],
        ['p90', 90],
        ['p99', 99],
      ] as const) {
        const expected = all.getValueAtPercentile(percentile) / 1000;
        const clamped = Math.min(merged.latencyMs.max, Math.max(merged.latencyMs.min, expected));
        expect(Math.abs(merged.latencyMs[figure] - clamped)).toBeLessThanOrEqual(
          clamped * 0.001 + 0.01,
        );
      }

      const text = await cli(['report', 'merge', ...names]);
      expect(text.code).toBe(0);
      expect(text.stdout).toContain(
        `✓ ${single.report.delivered.toLocaleString('en-US')} of ${single.report.notifications.toLocaleString('en-US')} notifications delivered`,
      );
      expect(text.stdout).toContain(`shards          ${count} of ${count}, all merged`);
    },
    120_000,
  );

  it('merges what kubectl logs gives: a report after stderr lines', async () => {
    const report = await readFile(join(dir, 'n2-shard-0.json'), 'utf8');
    await writeFile(
      join(dir, 'pod-0.log'),
      `Waiting until 2026-01-05T09:00:00.000Z (in 2.0s) to start; Ctrl-C stops.\n${report}`,
    );
    const merge = await cli(['report', 'merge', 'pod-0.log', 'n2-shard-1.json', '--json']);
    expect(merge.code).toBe(0);
    expect((JSON.parse(merge.stdout) as Report).delivered).toBe(single.report.delivered);
  });

  it('says which shards are missing and exits 1; refuses a shard twice with exit 2', async () => {
    const partial = await cli(['report', 'merge', 'n3-shard-0.json', 'n3-shard-2.json']);
    expect(partial.code).toBe(1);
    expect(partial.stdout).toContain('⚠ shards          2 of 3: missing 1');
    const twice = await cli(['report', 'merge', 'n3-shard-0.json', 'n3-shard-0.json']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toBe(
      'vcc-sim: Shard 0/3 is in both "n3-shard-0.json" and "n3-shard-0.json": its notifications would count twice.\n',
    );
    const missing = await cli(['report', 'merge', 'nowhere.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('vcc-sim: Cannot read "nowhere.json": ENOENT\n');
  });

  it('report --push-report reads a merged report', async () => {
    const merge = await cli([
      'report',
      'merge',
      'n3-shard-0.json',
      'n3-shard-1.json',
      'n3-shard-2.json',
      '--json',
    ]);
    await writeFile(join(dir, 'merged.json'), merge.stdout);
    const run = await cli(['generate', ...RUN, '--out', 'run.ndjson']);
    expect(run.code).toBe(0);
    const report = await cli([
      'report',
      'run.ndjson',
      '--push-report',
      'merged.json',
      '--html',
      'run.html',
    ]);
    expect(report.stderr).toBe('');
    expect(report.code).toBe(0);
    const html = await readFile(join(dir, 'run.html'), 'utf8');
    expect(html).toContain(`"delivered":${single.report.delivered}`);
  });
});

describe('generate --shard', () => {
  it('writes parts whose lines are the single run’s, each once, in its order; --shards reads the index', async () => {
    const whole = (await cli(['generate', ...RUN])).stdout.trim().split('\n');
    const parts = await Promise.all(
      [0, 1, 2].map(
        async (index) => (await cli(['generate', ...RUN, '--shard', `${index}/3`])).stdout,
      ),
    );
    const lines = parts.flatMap((part) => part.trim().split('\n'));
    expect(lines.length).toBe(whole.length);
    expect([...lines].sort().join('\n')).toBe([...whole].sort().join('\n'));
    const place = new Map(whole.map((line, position) => [line, position]));
    for (const part of parts) {
      const positions = part
        .trim()
        .split('\n')
        .map((line) => place.get(line)!);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    }
    const fromEnv = await cli(['generate', ...RUN, '--shards', '3'], { JOB_COMPLETION_INDEX: '1' });
    expect(fromEnv.stdout).toBe(parts[1]);
    const named = await cli(['generate', ...RUN, '--shards', '3', '--shard-index-env', 'SHARD'], {
      SHARD: '2',
    });
    expect(named.stdout).toBe(parts[2]);
  });

  it.each([
    [['--shard', '3/3'], '--shard 3/3 names no shard: of 3 the indices are 0 to 2'],
    [['--shard', '1'], '--shard must be i/n: shard i of n, counting from 0'],
    [['--shards', '0'], '--shards must be a whole number of shards, 1 or more (got "0")'],
    [['--shards', '4'], '$JOB_COMPLETION_INDEX is not set'],
    [['--shard', '0/2', '--shards', '2'], 'Give --shard i/n or --shards n'],
    [['--shard', '0/2', '--shard-index-env', 'X'], '--shard-index-env goes with --shards n'],
    [['--shard-by', 'teams'], '--shard-by goes with --shard or --shards'],
    [['--shard', '0/4', '--shard-by', 'teams'], '3 teams cannot make 4 shards by team'],
  ])('answers %j with one line and exit 2', async (args, message) => {
    const result = await cli(['generate', '-s', 'contact-centre-day', ...args], {
      JOB_COMPLETION_INDEX: '',
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toContain(message);
  });
});

describe('push --start-at', () => {
  it('sends nothing before the instant', async () => {
    const webhook = await startTestServer();
    try {
      const start = new Date(Date.now() + 1_500);
      const arrivals: number[] = [];
      const push = cli([
        'push',
        webhook.url,
        '--calls',
        '3',
        '--speed',
        'max',
        '--start-at',
        start.toISOString(),
      ]);
      const poll = setInterval(() => {
        if (webhook.requests.length > 0 && arrivals.length === 0) arrivals.push(Date.now());
      }, 5);
      const result = await push;
      clearInterval(poll);
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/^Waiting until .* to start; Ctrl-C stops\.\n$/);
      expect(webhook.requests.length).toBe(6); // two channels connect on each call
      // The timer never fires early; a little slack for the two processes' clocks.
      expect(arrivals[0]!).toBeGreaterThanOrEqual(start.getTime() - 20);
    } finally {
      await webhook.close();
    }
  });

  it('stops cleanly on Ctrl-C while waiting: nothing sent, nothing to resume, exit 130', async () => {
    const webhook = await startTestServer();
    try {
      const start = new Date(Date.now() + 60_000).toISOString();
      const child = spawn(
        process.execPath,
        [BIN, 'push', webhook.url, '--calls', '3', '--start-at', start],
        { cwd: dir, env: { ...process.env, NO_COLOR: '1', VCC_WEBHOOK_SECRET: SECRET } },
      );
      let stdout = '';
      let stderr = '';
      let interrupted = false;
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        // Once: a second Ctrl-C after push let go of the signal would kill the process.
        if (!interrupted && stderr.includes('Ctrl-C stops')) {
          interrupted = true;
          child.kill('SIGINT');
        }
      });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code).toBe(130);
      expect(stdout).toBe('Interrupted while waiting for --start-at: nothing was sent.\n');
      expect(webhook.requests).toEqual([]);
      expect(existsSync(join(dir, 'vcc-sim-resume.ndjson'))).toBe(false);
    } finally {
      await webhook.close();
    }
  });

  it('starts at once, with a warning, when the instant has passed; refuses what is not one', async () => {
    const webhook = await startTestServer();
    try {
      const late = await cli([
        'push',
        webhook.url,
        '--calls',
        '2',
        '--speed',
        'max',
        '--start-at',
        new Date(Date.now() - 600_000).toISOString(),
      ]);
      expect(late.code).toBe(0);
      expect(late.stderr).toMatch(
        /warning: --start-at .* was 10m \d\ds ago: starting now, behind the shared schedule/,
      );
    } finally {
      await webhook.close();
    }
    for (const [value, message] of [
      ['tomorrow', '--start-at must be an ISO 8601 date and time with its zone'],
      ['2026-01-05T09:00:00', '--start-at must be an ISO 8601 date and time with its zone'],
      [new Date(Date.now() + 30 * 86_400_000).toISOString(), 'it may be at most 7 days ahead'],
    ]) {
      const result = await cli(['push', 'http://127.0.0.1:9/', '--start-at', value!]);
      expect(result.code).toBe(2);
      expect(result.stderr.split('\n')[0]).toContain(message);
    }
  });
});
