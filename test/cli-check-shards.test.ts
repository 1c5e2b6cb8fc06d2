import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { startTestServer, type TestServer } from './support/webhook-server.js';

const SECRET = 'k4J6bYx0w2YQ9pD3hT7sVn1cRz5uAe8LmGf0qWiXoPs=';
/** A one-second burst at 10× the default scenario's peak: a few hundred notifications. */
const BURST = ['--only', 'burst', '--burst-duration', '1s', '--seed', '11'];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vcc-sim-check-shards-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cli = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, { cwd: dir, env: { VCC_WEBHOOK_SECRET: SECRET, ...env } });

/** A webhook that accepts everything and records the id of every notification it is sent. */
async function receiver(): Promise<TestServer & { ids: string[] }> {
  const ids: string[] = [];
  const server = await startTestServer((request) => {
    ids.push((JSON.parse(request.body.toString('utf8')) as { id: string }).id);
    return { status: 200 };
  });
  return Object.assign(server, { ids });
}

type Delivery = {
  notifications: number;
  delivered: number;
  requests: number;
  outcomes: Record<string, number>;
  latencyMs: { count: number };
  merged?: { shards: { count: number; present: number[]; missing: number[] } };
};
type CheckJson = {
  seed: number;
  shard?: { index: number; count: number };
  checks: Array<{ name: string; verdict: string; delivery: Delivery & { burstPerSecond: number } }>;
};

const readJson = async <T>(name: string) =>
  JSON.parse(await readFile(join(dir, name), 'utf8')) as T;

/** An instant a few seconds ahead, for --start-at. */
const soon = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

describe('check --only burst --shard: n processes, one burst', () => {
  let single: { ids: string[]; report: CheckJson };

  beforeAll(async () => {
    const webhook = await receiver();
    try {
      const result = await cli(['check', webhook.url, ...BURST, '--report', 'single.json']);
      expect(result.code).toBe(0);
      single = { ids: [...webhook.ids], report: await readJson<CheckJson>('single.json') };
    } finally {
      await webhook.close();
    }
    expect(single.ids.length).toBeGreaterThan(100);
  }, 60_000);

  it.each([2, 3])(
    '%i shards started together send exactly the single burst’s notifications, none twice, and their reports merge into its figures',
    async (count) => {
      const webhook = await receiver();
      const start = soon(4);
      try {
        const results = await Promise.all(
          Array.from({ length: count }, (_, index) =>
            // The last shard reads its index as a Kubernetes Indexed Job gives it.
            index === count - 1
              ? cli(
                  [
                    'check',
                    webhook.url,
                    ...BURST,
                    '--shards',
                    String(count),
                    '--start-at',
                    start,
                    '--report',
                    `n${count}-${index}.json`,
                  ],
                  { JOB_COMPLETION_INDEX: String(index) },
                )
              : cli([
                  'check',
                  webhook.url,
                  ...BURST,
                  '--shard',
                  `${index}/${count}`,
                  '--start-at',
                  start,
                  '--report',
                  `n${count}-${index}.json`,
                ]),
          ),
        );
        for (const [index, result] of results.entries()) {
          expect(result.code).toBe(0);
          expect(result.stderr).toMatch(/^Waiting until .* to start; Ctrl-C stops\.\n$/);
          expect(result.stdout).toContain(`shard ${index}/${count}`);
        }
        expect(new Set(webhook.ids).size).toBe(webhook.ids.length);
        expect([...webhook.ids].sort()).toEqual([...single.ids].sort());
      } finally {
        await webhook.close();
      }

      const names = Array.from({ length: count }, (_, index) => `n${count}-${index}.json`);
      const shards = await Promise.all(names.map((name) => readJson<CheckJson>(name)));
      const whole = single.report.checks[0]!.delivery;
      for (const [index, shard] of shards.entries()) {
        expect(shard.shard).toEqual({ index, count });
        const burst = shard.checks[0]!.delivery;
        expect(burst.burstPerSecond).toBe(whole.burstPerSecond);
        expect(burst.notifications).toBe(Math.ceil((whole.notifications - index) / count));
      }
      const merge = await cli(['report', 'merge', ...names, '--json']);
      expect(merge.stderr).toBe('');
      expect(merge.code).toBe(0);
      const merged = JSON.parse(merge.stdout) as Delivery;
      for (const key of ['notifications', 'delivered', 'requests', 'outcomes'] as const) {
        expect(merged[key]).toEqual(whole[key]);
      }
      expect(merged.latencyMs.count).toBe(whole.latencyMs.count);
      expect(merged.merged!.shards).toEqual({
        count,
        present: Array.from({ length: count }, (_, index) => index),
        missing: [],
      });
      const text = await cli(['report', 'merge', ...names]);
      expect(text.code).toBe(0);
      expect(text.stdout).toContain(
        `✓ ${whole.delivered} of ${whole.notifications} notifications delivered to ${webhook.url}`,
      );
    },
    90_000,
  );

  it('draws the shards’ seed from their shared start when no --seed is given', async () => {
    const webhook = await receiver();
    const start = soon(3);
    try {
      const args = (index: number) => [
        'check',
        webhook.url,
        '--only',
        'burst',
        '--burst-duration',
        '1s',
        '--shard',
        `${index}/2`,
        '--start-at',
        start,
        '--json',
      ];
      const [a, b] = await Promise.all([cli(args(0)), cli(args(1))]);
      expect(a.code).toBe(0);
      expect(b.code).toBe(0);
      const seeds = [a, b].map((result) => (JSON.parse(result.stdout) as CheckJson).seed);
      expect(seeds[0]).toBe(seeds[1]);
      expect(new Set(webhook.ids).size).toBe(webhook.ids.length);
    } finally {
      await webhook.close();
    }
  }, 60_000);

  it('refuses a shard of anything but the burst, or of no shared burst, in one line with exit 2', async () => {
    const webhook = await receiver();
    /** The first line of what `check <url> …args` says on stderr, once it exits 2. */
    const refusal = async (...args: string[]) => {
      const result = await cli(['check', webhook.url, ...args]);
      expect(result.code).toBe(2);
      return result.stderr.split('\n')[0];
    };
    try {
      expect(await refusal('--shard', '0/2', '--seed', '1')).toBe(
        "vcc-sim: A shard sends its part of the burst and nothing else: select the burst alone (--only burst, only: ['burst']) and run the other checks once, unsharded (also selected: accepts-every-event-type, refuses-unsigned, refuses-wrong-secret and 20 more).",
      );
      expect(await refusal('--only', 'load', '--shard', '0/2', '--seed', '1')).toContain(
        '(also selected: ramp)',
      );
      expect(await refusal('--only', 'burst', '--shard', '1/2')).toBe(
        'vcc-sim: The shards of a burst must send parts of the same one: give them all the same --seed, or the same --start-at (the seed then follows from it).',
      );
      expect(await refusal('--only', 'burst', '--shard', '2/2', '--seed', '1')).toContain(
        '--shard 2/2 names no shard',
      );
      expect(webhook.ids).toEqual([]);
    } finally {
      await webhook.close();
    }
    const merge = await cli(['report', 'merge', 'single.json']);
    expect(merge.code).toBe(0);
  }, 60_000);
});
