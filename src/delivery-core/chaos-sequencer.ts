import type { ChaosPlan } from './chaos.js';

/** An item held back by chaos, and until when. */
type Delayed<T> = { item: T; due: number; order: number };

/**
 * Puts items in the order chaos sends them. An item planned for reordering is held and goes out
 * right after the next item that is not held. With `timeOf` (the twin, which plays the scenario
 * clock), an item planned for a delay is held until an item at least `delayMs` later on that clock
 * goes out, and goes just before it; without it (`push`, which delays on the wall clock) delays
 * are left to the caller. Nothing is lost: `flush()` returns what is still held.
 */
export class ChaosSequencer<T> {
  readonly #timeOf: ((item: T) => number) | undefined;
  #reordered: Array<{ item: T; delayMs: number }> = [];
  #delayed: Delayed<T>[] = [];
  #order = 0;

  constructor(timeOf?: (item: T) => number) {
    this.#timeOf = timeOf;
  }

  /** The items that go out now that `item` has arrived with `plan` (maybe none, maybe several). */
  push(item: T, plan: ChaosPlan | undefined): T[] {
    const delayMs = plan?.delayMs ?? 0;
    if (plan?.reorder) {
      this.#reordered.push({ item, delayMs });
      return [];
    }
    const out: T[] = [];
    this.#release(item, delayMs, out);
    if (this.#reordered.length > 0) {
      const held = this.#reordered;
      this.#reordered = [];
      for (const late of held) this.#release(late.item, late.delayMs, out);
    }
    return out;
  }

  /** Everything still held: reordered items, then delayed ones by when they are due. */
  flush(): T[] {
    const out = this.#reordered.map((held) => held.item);
    this.#reordered = [];
    const delayed = this.#delayed.sort((a, b) => a.due - b.due || a.order - b.order);
    this.#delayed = [];
    return [...out, ...delayed.map((held) => held.item)];
  }

  #release(item: T, delayMs: number, out: T[]): void {
    const time = this.#timeOf?.(item) ?? Number.NaN;
    if (!Number.isFinite(time)) {
      out.push(item);
      return;
    }
    if (delayMs > 0) {
      this.#delayed.push({ item, due: time + delayMs, order: this.#order++ });
      return;
    }
    if (this.#delayed.length > 0) {
      const due = this.#delayed.filter((held) => held.due <= time);
      if (due.length > 0) {
        this.#delayed = this.#delayed.filter((held) => held.due > time);
        due.sort((a, b) => a.due - b.due || a.order - b.order);
        for (const held of due) out.push(held.item);
      }
    }
    out.push(item);
  }
}
