import { describe, expect, it } from 'vitest';
import { builtInScenario, simulate } from '../../../index.js';
import type { Exchange } from '../types.js';
import { rampSteps, runPaced } from './load.js';

const notifications = [...simulate(builtInScenario('contact-centre-day'), { seed: 3 })];

/** A webhook that takes `ms` to answer each request, one at a time. */
function answersAfter(ms: number) {
  return (notification: { type: string; id: string }) =>
    new Promise<Exchange>((resolve) =>
      setTimeout(
        () =>
          resolve({
            sent: {
              type: notification.type,
              id: notification.id,
              mode: 'structured',
              signature: 'valid',
              bytes: 1,
            },
            answer: { status: 200, latencyMs: ms },
          }),
        ms,
      ),
    );
}

describe('rampSteps', () => {
  it('doubles from the peak, passes through the burst rate, and ends at the cap', () => {
    expect(rampSteps(21, 210, 1000)).toEqual([21, 42, 84, 168, 210, 336, 672, 1000]);
    expect(rampSteps(20, 40, 100)).toEqual([20, 40, 80, 100]);
    expect(rampSteps(50, 500, 200)).toEqual([50, 100, 200]);
  });
});

describe('runPaced', () => {
  it('sends every request it planned when the webhook keeps up', async () => {
    let index = 0;
    const run = await runPaced({
      rate: 200,
      count: 20,
      concurrency: 20,
      maxLagMs: 10_000,
      next: () => notifications[index++],
      send: answersAfter(1),
    });
    expect(run).toMatchObject({ planned: 20, requests: 20, succeeded: 20 });
    expect(run.abandonedAfter).toBeUndefined();
  });

  it('stops sending once it falls maxLagMs behind schedule, and says after how many', async () => {
    let index = 0;
    // One at a time, 50 ms each, asked for 1,000/s: every request starts later than the last.
    const run = await runPaced({
      rate: 1000,
      count: 200,
      concurrency: 1,
      maxLagMs: 100,
      next: () => notifications[index++],
      send: answersAfter(50),
    });
    expect(run.abandonedAfter).toBeGreaterThan(0);
    expect(run.requests).toBe(run.abandonedAfter);
    expect(run.requests).toBeLessThan(run.planned);
    expect(run.succeeded).toBe(run.requests);
  });

  it('splits one schedule into shares that send it whole, each request at its own instant', async () => {
    const sent: Array<{ id: string; dueMs: number }> = [];
    const origin = Date.now() + 50;
    const shares = await Promise.all(
      [0, 1, 2].map((index) => {
        let taken = 0;
        // Each share's source gives its own notifications: the index-th, then every third.
        const own = notifications.filter((_, i) => i % 3 === index);
        return runPaced({
          rate: 100,
          count: 10,
          concurrency: 4,
          share: { index, count: 3 },
          startAtMs: origin,
          next: () => own[taken++],
          send: (notification) => {
            sent.push({ id: notification.id, dueMs: Date.now() - origin });
            return answersAfter(1)(notification);
          },
        });
      }),
    );
    expect(shares.map((share) => share.planned)).toEqual([4, 3, 3]);
    expect(shares.map((share) => share.offeredPerSecond)).toEqual([100 / 3, 100 / 3, 100 / 3]);
    expect(shares.every((share) => share.startedAt === new Date(origin).toISOString())).toBe(true);
    expect(sent.map((request) => request.id).sort()).toEqual(
      notifications
        .slice(0, 10)
        .map((notification) => notification.id)
        .sort(),
    );
    // None before the shared start: the last of ten at 100/s is due 90 ms after it (give or take a timer’s ms).
    expect(Math.min(...sent.map((request) => request.dueMs))).toBeGreaterThanOrEqual(0);
    expect(Math.max(...sent.map((request) => request.dueMs))).toBeGreaterThanOrEqual(85);
  });
});
