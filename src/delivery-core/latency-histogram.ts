import * as int32Module from 'hdr-histogram-js/dist/Int32Histogram.js';
import type { Percentiles } from './types.js';

/**
 * Latencies in an HDR histogram (`hdr-histogram-js`): flat memory however long the run, every
 * percentile within 0.1% of the exact one, and mergeable, so the reports of several processes add
 * up to the report of one. Values are kept in microseconds (HDR histograms count integers).
 *
 * Only the typed-array histogram is loaded (a few ms), not the package's entry, which also parses
 * its WebAssembly build and compression (~40 ms) on import.
 */

type Int32HistogramClass = typeof int32Module.default.default;
type HdrHistogram = InstanceType<Int32HistogramClass>;

/** What an HDR histogram leaves out: the exact extremes and total of the values, in milliseconds. */
export type ExactFigures = { min: number; max: number; sum: number };

/** The class, whether the CommonJS module arrives wrapped in `default` (Node) or not (bundlers). */
const Int32Histogram: Int32HistogramClass =
  (int32Module.default as { default?: Int32HistogramClass }).default ??
  (int32Module.default as unknown as Int32HistogramClass);

/** Microseconds per millisecond. */
const MICROS = 1000;
/** One hour in microseconds: the histogram grows past it if it must. */
const HIGHEST_TRACKABLE = 3_600_000_000;

export class LatencyHistogram {
  readonly hdr: HdrHistogram;
  // Exact figures beside the histogram's buckets.
  #min = Infinity;
  #max = -Infinity;
  #sum = 0;

  /** `significantDigits`: 3 keeps every percentile within 0.1%; 2 within 1%, in a tenth of the memory. */
  constructor(significantDigits: 2 | 3 = 3) {
    this.hdr = new Int32Histogram(1, HIGHEST_TRACKABLE, significantDigits);
    this.hdr.autoResize = true;
  }

  /** Records one value in milliseconds. */
  record(ms: number): void {
    const value = ms > 0 ? ms : 0;
    this.hdr.recordValue(Math.round(value * MICROS));
    this.#sum += value;
    if (value < this.#min) this.#min = value;
    if (value > this.#max) this.#max = value;
  }

  get count(): number {
    return this.hdr.totalCount;
  }

  /** Forgets every value. */
  reset(): void {
    this.hdr.reset();
    this.#min = Infinity;
    this.#max = -Infinity;
    this.#sum = 0;
  }

  /** Adds another histogram's values to this one. */
  add(other: LatencyHistogram): void {
    this.hdr.add(other.hdr);
    this.#sum += other.#sum;
    this.#min = Math.min(this.#min, other.#min);
    this.#max = Math.max(this.#max, other.#max);
  }

  /** The exact figures kept beside the buckets (`min` Infinity before the first value). */
  exact(): ExactFigures {
    return { min: this.#min, max: this.#max, sum: this.#sum };
  }

  /**
   * Adds values recorded elsewhere (another process's, decoded from its report): their HDR
   * histogram, in microseconds, and their exact figures.
   */
  addRecorded(hdr: Parameters<HdrHistogram['add']>[0], exact: ExactFigures): void {
    this.hdr.add(hdr);
    this.#sum += exact.sum;
    this.#min = Math.min(this.#min, exact.min);
    this.#max = Math.max(this.#max, exact.max);
  }

  /** The value at quantile `q` (0–1), in milliseconds, clamped to the values seen. */
  quantile(q: number): number {
    const value = this.hdr.getValueAtPercentile(q * 100) / MICROS;
    return Math.min(this.#max, Math.max(this.#min, value));
  }

  /** The usual figures in milliseconds, rounded to 0.01 ms; `undefined` before the first value. */
  summary(): Percentiles | undefined {
    const count = this.hdr.totalCount;
    if (count === 0) return undefined;
    const round = (ms: number) => Math.round(ms * 100) / 100;
    return {
      count,
      min: round(this.#min),
      mean: round(this.#sum / count),
      p50: round(this.quantile(0.5)),
      p90: round(this.quantile(0.9)),
      p99: round(this.quantile(0.99)),
      max: round(this.#max),
    };
  }
}
