/**
 * Levels over time (calls waiting, agents busy, agents ready) summarised as their time-weighted
 * means per bucket, from +1/−1 changes given in **any order**. Each bucket keeps, per lane, the net
 * change inside it (`delta`) and the area those changes add before the bucket ends (`partial`), so
 * a bucket's mean is `level at its start + partial / width`, where the level at its start is the sum
 * of earlier deltas. Buckets double in width (pairs merge exactly) whenever the span would need more
 * than `maxBuckets`, so memory stays flat for a run of any length.
 */
export class LevelSeries {
  #widthMs: number;
  readonly #maxBuckets: number;
  readonly #lanes: number;
  /** Per bucket: `lanes` deltas, then `lanes` partial areas. */
  #buckets = new Map<number, Float64Array>();
  #first = Infinity;
  #last = -Infinity;

  constructor(widthMs: number, { maxBuckets = Infinity, lanes = 1 } = {}) {
    this.#widthMs = widthMs;
    this.#maxBuckets = maxBuckets;
    this.#lanes = lanes;
  }

  get widthMs(): number {
    return this.#widthMs;
  }

  #bucket(index: number): Float64Array {
    let bucket = this.#buckets.get(index);
    if (!bucket) this.#buckets.set(index, (bucket = new Float64Array(this.#lanes * 2)));
    return bucket;
  }

  /** The level of `lane` changes by `by` at `atMs`. */
  change(atMs: number, by: number, lane = 0): void {
    const width = this.#widthMs;
    const index = Math.floor(atMs / width);
    const bucket = this.#bucket(index);
    bucket[lane]! += by;
    bucket[this.#lanes + lane]! += ((index + 1) * width - atMs) * by;
    if (index < this.#first) this.#first = index;
    if (index > this.#last) this.#last = index;
    while (this.#last - this.#first + 1 > this.#maxBuckets) this.#coarsen();
  }

  /** The level of `lane` is one higher during `[fromMs, toMs)`. */
  interval(fromMs: number, toMs: number, lane = 0): void {
    if (!(toMs > fromMs)) return;
    this.change(fromMs, 1, lane);
    this.change(toMs, -1, lane);
  }

  #coarsen(): void {
    const width = this.#widthMs;
    const lanes = this.#lanes;
    const old = this.#buckets;
    this.#buckets = new Map();
    for (const [index, bucket] of old) {
      const mergedIndex = Math.floor(index / 2);
      const isLeft = index === mergedIndex * 2;
      const merged = this.#bucket(mergedIndex);
      for (let lane = 0; lane < lanes; lane++) {
        merged[lane]! += bucket[lane]!;
        // A change in the left half now runs on through the right half before the bucket ends.
        merged[lanes + lane]! += bucket[lanes + lane]! + (isLeft ? width * bucket[lane]! : 0);
      }
    }
    this.#widthMs = width * 2;
    this.#first = Math.floor(this.#first / 2);
    this.#last = Math.floor(this.#last / 2);
  }

  /** `[bucket start (ms), mean of lane 0, mean of lane 1, …]` from the first change to the last. */
  means(): number[][] {
    const round = (value: number) => Math.round(value * 1000) / 1000;
    return [...this.#walk()].map(([start, ...means]) => [start!, ...means.map(round)]);
  }

  /** The area under each lane (level × ms) per bucket, keyed by the bucket's start. */
  areas(): Map<number, number[]> {
    const width = this.#widthMs;
    return new Map(
      [...this.#walk()].map(([start, ...means]) => [start!, means.map((mean) => mean * width)]),
    );
  }

  *#walk(): Generator<number[]> {
    const width = this.#widthMs;
    const lanes = this.#lanes;
    const level = new Array<number>(lanes).fill(0);
    for (let index = this.#first; index <= this.#last; index++) {
      const bucket = this.#buckets.get(index);
      yield [
        index * width,
        ...level.map((value, lane) => value + (bucket ? bucket[lanes + lane]! / width : 0)),
      ];
      if (bucket) for (let lane = 0; lane < lanes; lane++) level[lane]! += bucket[lane]!;
    }
  }
}
