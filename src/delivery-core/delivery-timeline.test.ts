import { describe, expect, it } from 'vitest';
import { DeliveryTimeline } from './delivery-timeline.js';

describe('DeliveryTimeline', () => {
  it('counts statuses and latency per second of the run', () => {
    const timeline = new DeliveryTimeline();
    timeline.record(100, '200', 4);
    timeline.record(900, '503', 8);
    timeline.record(1500, 'timeout');
    expect(timeline.summary()).toEqual({
      bucketMs: 1000,
      points: [
        {
          atMs: 0,
          requests: 2,
          outcomes: { '200': 1, '503': 1 },
          latencyMs: expect.objectContaining({ count: 2, max: 8 }),
        },
        { atMs: 1000, requests: 1, outcomes: { timeout: 1 } },
      ],
    });
  });

  it('doubles its buckets as the run grows, keeping every request and at most 240 points', () => {
    const timeline = new DeliveryTimeline();
    for (let second = 0; second < 1000; second++)
      timeline.record(second * 1000 + 10, '200', second % 50);
    const summary = timeline.summary()!;
    expect(summary.bucketMs).toBe(8000);
    expect(summary.points.length).toBeLessThanOrEqual(240);
    expect(summary.points.reduce((sum, point) => sum + point.requests, 0)).toBe(1000);
    expect(summary.points[0]!.latencyMs).toMatchObject({ count: 8, min: 0, max: 7 });
  });
});
