/**
 * Caps requests per second by spacing them `1000 / rate` ms apart, allowing a burst of up to 10 ms
 * of catch-up so timer granularity does not lower the rate.
 */
export class RateLimiter {
  readonly #interval: number;
  readonly #burstMs: number;
  #next = -Infinity;

  constructor(perSecond: number) {
    this.#interval = 1000 / perSecond;
    this.#burstMs = Math.min(10, this.#interval);
  }

  /** Takes a slot at `now` and returns 0, or returns how many ms to wait for the next one. */
  take(now: number): number {
    const next = Math.max(this.#next, now - this.#burstMs);
    if (next > now) return next - now;
    this.#next = next + this.#interval;
    return 0;
  }
}
