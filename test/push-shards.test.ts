import { afterEach, describe, expect, it } from 'vitest';
import { builtInScenario, planShard, simulateJson, type SimulateOptions } from '../src/index.js';
import { pushNotifications, type PushReport } from '../src/delivery/http/index.js';
import { LatencyHistogram } from '../src/delivery-core/latency-histogram.js';
import { mergeDeliveryReports } from '../src/delivery-core/merge-reports.js';
import { startTestServer, type TestServer } from './support/webhook-server.js';

/** The pusher's own clock (performance-based), so arrivals and schedules compare exactly. */
const now = () => performance.timeOrigin + performance.now();

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A webhook that notes when (on `now`) each notification arrived, by id. */
async function webhook() {
  const arrivals = new Map<string, number>();
  const server = await startTestServer((request) => {
    arrivals.set((JSON.parse(request.body.toString('utf8')) as { id: string }).id, now());
    return { status: 200 };
  });
  servers.push(server);
  return { url: server.url, arrivals };
}

describe('pushNotifications of shards', () => {
  it('merges into the percentiles of one histogram of every latency the shards measured', async () => {
    const { url } = await webhook();
    const scenario = builtInScenario('contact-centre-day');
    const options: SimulateOptions = { seed: 2, events: 'channel.*', duration: '8h' };
    const measured: number[] = [];
    const reports = await Promise.all(
      [0, 1, 2].map((index) =>
        pushNotifications(simulateJson(scenario, { ...options, shard: { index, count: 3 } }), {
          url,
          speed: 'max',
          concurrency: 8,
          onAttempt: (event) => measured.push(event.result.latencyMs),
        }),
      ),
    );
    const merged = mergeDeliveryReports(
      reports.map((report, index) => ({ name: `shard-${index}`, report })),
    );
    const whole = [...simulateJson(scenario, options)].length;
    expect(merged.delivered).toBe(whole);
    expect(merged.requests).toBe(measured.length);
    const single = new LatencyHistogram();
    for (const latency of measured) single.record(latency);
    expect(merged.latencyMs).toEqual(single.summary());
    const sorted = [...measured].sort((a, b) => a - b);
    for (const [q, figure] of [
      [0.5, merged.latencyMs!.p50],
      [0.99, merged.latencyMs!.p99],
    ] as const) {
      const exact = sorted[Math.ceil(q * sorted.length) - 1]!;
      expect(Math.abs(figure - exact)).toBeLessThanOrEqual(exact * 0.001 + 0.005);
    }
  });

  it('paced from one start and the whole run’s first time, shards send nothing before the single run would', async () => {
    const { url, arrivals } = await webhook();
    const scenario = builtInScenario('inbound-answered');
    const options: SimulateOptions = { seed: 4, calls: 6, events: 'channel.*' };
    const speed = 600;
    const startAt = now() + 300;
    const reports: PushReport[] = [];
    await Promise.all(
      [0, 1].map(async (index) => {
        const shard = { index, count: 2 };
        const plan = planShard(scenario, { ...options, shard });
        reports.push(
          await pushNotifications(simulateJson(scenario, { ...options, shard }), {
            url,
            speed,
            now,
            startAt,
            paceFrom: plan.firstTime!,
          }),
        );
      }),
    );
    const whole = [...simulateJson(scenario, options)].map(
      (line) => JSON.parse(line) as { id: string; time: string },
    );
    const first = Date.parse(whole[0]!.time);
    expect(arrivals.size).toBe(whole.length);
    // Each notification is due when the single run would send it: never earlier.
    for (const { id, time } of whole) {
      const due = startAt + (Date.parse(time) - first) / speed;
      expect(arrivals.get(id)!).toBeGreaterThanOrEqual(due - 1);
    }
    // The shard without the run's first notification waited for its own first one.
    expect(Math.min(...reports.map((report) => report.delivered))).toBeGreaterThan(0);
  });

  it('waits for startAt, and an abort while waiting takes nothing from the source', async () => {
    const { url, arrivals } = await webhook();
    const stop = new AbortController();
    let taken = 0;
    function* source() {
      for (const line of simulateJson(builtInScenario('inbound-answered'), { calls: 2 })) {
        taken++;
        yield line;
      }
    }
    setTimeout(() => stop.abort(), 50);
    const report = await pushNotifications(source(), {
      url,
      startAt: new Date(Date.now() + 60_000),
      signal: stop.signal,
    });
    expect(report.interrupted).toEqual({ reason: 'signal' });
    expect(report.notifications).toBe(0);
    expect(taken).toBe(0);
    expect(arrivals.size).toBe(0);
  });
});
