import { LatencyHistogram } from './latency-histogram.js';
import type { DeliveryTimelineSummary } from './types.js';

interface Bucket {
  requests: number;
  outcomes: Record<string, number>;
  latency: LatencyHistogram;
}

/** Buckets of a run's timeline: at most this many, so a day-long push stays small. */
const MAX_BUCKETS = 240;

/**
 * Each bucket's latencies to 2 significant digits (1% precision): a timeline is for the eye, and
 * 240 histograms at the report's 3 digits would take ~20 MB.
 */
const TIMELINE_DIGITS = 2;

/**
 * Requests over a run, in buckets of one second that double in width (pairs merge) whenever the
 * run outgrows {@link MAX_BUCKETS}: statuses and latency percentiles over time, in flat memory,
 * for `vcc-sim report --push-report`.
 */
export class DeliveryTimeline {
  #bucketMs = 1000;
  #buckets: Bucket[] = [];

  /** One request at `atMs` (since the run started), counted under `outcome` (status or error). */
  record(atMs: number, outcome: string, latencyMs?: number): void {
    const bucket = this.#bucketAt(atMs);
    bucket.requests++;
    bucket.outcomes[outcome] = (bucket.outcomes[outcome] ?? 0) + 1;
    if (latencyMs !== undefined) bucket.latency.record(latencyMs);
  }

  /**
   * Adds a point of another run's timeline (another shard's, from its report): `atMs` since this
   * timeline's start, `widthMs` wide; this timeline coarsens to that width if it is finer.
   */
  addPoint(
    atMs: number,
    widthMs: number,
    point: { requests: number; outcomes: Record<string, number> },
    latency: LatencyHistogram | undefined,
  ): void {
    while (this.#bucketMs < widthMs) this.#coarsen();
    const bucket = this.#bucketAt(atMs);
    bucket.requests += point.requests;
    for (const [key, count] of Object.entries(point.outcomes)) {
      bucket.outcomes[key] = (bucket.outcomes[key] ?? 0) + count;
    }
    if (latency) bucket.latency.add(latency);
  }

  /** Each point's latencies, in the order of {@link summary}'s points (`undefined` where none). */
  latencies(): Array<LatencyHistogram | undefined> {
    return this.#buckets.map((bucket) => (bucket.latency.count > 0 ? bucket.latency : undefined));
  }

  #bucketAt(atMs: number): Bucket {
    let index = Math.floor(Math.max(0, atMs) / this.#bucketMs);
    while (index >= MAX_BUCKETS) {
      this.#coarsen();
      index = Math.floor(Math.max(0, atMs) / this.#bucketMs);
    }
    const buckets = this.#buckets;
    while (buckets.length <= index) {
      buckets.push({ requests: 0, outcomes: {}, latency: new LatencyHistogram(TIMELINE_DIGITS) });
    }
    return buckets[index]!;
  }

  #coarsen(): void {
    const merged: Bucket[] = [];
    for (let index = 0; index < this.#buckets.length; index += 2) {
      const [left, right] = [this.#buckets[index]!, this.#buckets[index + 1]];
      if (right) {
        left.requests += right.requests;
        for (const [key, count] of Object.entries(right.outcomes)) {
          left.outcomes[key] = (left.outcomes[key] ?? 0) + count;
        }
        left.latency.add(right.latency);
      }
      merged.push(left);
    }
    this.#buckets = merged;
    this.#bucketMs *= 2;
  }

  summary(): DeliveryTimelineSummary | undefined {
    if (this.#buckets.length === 0) return undefined;
    return {
      bucketMs: this.#bucketMs,
      points: this.#buckets.map((bucket, index) => {
        const latency = bucket.latency.summary();
        return {
          atMs: index * this.#bucketMs,
          requests: bucket.requests,
          outcomes: { ...bucket.outcomes },
          ...(latency ? { latencyMs: latency } : {}),
        };
      }),
    };
  }
}
