/**
 * Percentiles in flat memory: values (milliseconds) fall into logarithmic buckets 1% wide, so a run
 * of any length keeps a few thousand counters and every percentile is within 1% of the exact one.
 */
import type { Percentiles } from '../types.js';

const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
/** Values below this (1 µs) share the first bucket. */
const FLOOR = 0.001;

export class Histogram {
  #counts: number[] = [];
  #count = 0;
  #sum = 0;
  #min = Infinity;
  #max = -Infinity;

  record(value: number): void {
    const bucket = value <= FLOOR ? 0 : Math.ceil(Math.log(value / FLOOR) / LOG_GROWTH);
    this.#counts[bucket] = (this.#counts[bucket] ?? 0) + 1;
    this.#count++;
    this.#sum += value;
    if (value < this.#min) this.#min = value;
    if (value > this.#max) this.#max = value;
  }

  /** Adds every value of `other` (same buckets, so percentiles stay within 1%). */
  merge(other: Histogram): void {
    other.#counts.forEach((count, bucket) => {
      this.#counts[bucket] = (this.#counts[bucket] ?? 0) + count;
    });
    this.#count += other.#count;
    this.#sum += other.#sum;
    this.#min = Math.min(this.#min, other.#min);
    this.#max = Math.max(this.#max, other.#max);
  }

  get count(): number {
    return this.#count;
  }

  /** The value at quantile `q` (0–1): the upper edge of its bucket, clamped to the observed range. */
  quantile(q: number): number {
    if (this.#count === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil(q * this.#count));
    let seen = 0;
    for (let bucket = 0; bucket < this.#counts.length; bucket++) {
      seen += this.#counts[bucket] ?? 0;
      if (seen >= rank) {
        const edge = bucket === 0 ? FLOOR : FLOOR * GROWTH ** bucket;
        return Math.min(this.#max, Math.max(this.#min, edge));
      }
    }
    return this.#max;
  }

  /** The usual figures, rounded to 0.01 ms; `undefined` before the first value. */
  summary(): Percentiles | undefined {
    if (this.#count === 0) return undefined;
    const round = (value: number) => Math.round(value * 100) / 100;
    return {
      count: this.#count,
      min: round(this.#min),
      mean: round(this.#sum / this.#count),
      p50: round(this.quantile(0.5)),
      p90: round(this.quantile(0.9)),
      p99: round(this.quantile(0.99)),
      max: round(this.#max),
    };
  }
}
