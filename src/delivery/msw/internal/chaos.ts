import type { ChaosOptions } from '../types.js';

/**
 * Duplicates and reordering, as VCC warns consumers they happen (facts §3): a notification may be
 * delivered twice, and order is not guaranteed. Both are rates, drawn from the twin's random
 * source, so a run is repeatable.
 */

/** What the twin sends, once chaos has had its say. */
export type Send<T> = {
  item: T;
  /** A second delivery of a notification already sent. */
  duplicate: boolean;
  /** Held back, and sent after notifications that came after it. */
  reordered: boolean;
};

interface Held<T> {
  send: Send<T>;
  /** Sends still to pass before it goes out. */
  after: number;
}

/**
 * Plans sends one source item at a time: push items, then flush at the end. A held item goes out
 * right after the next item that is sent; a duplicate right after its original.
 */
export class ChaosPlanner<T> {
  private held: Held<T>[] = [];

  constructor(
    private readonly options: ChaosOptions,
    private readonly random: () => number,
  ) {}

  /** The sends that go out now that `item` has arrived (maybe none, maybe several). */
  push(item: T): Send<T>[] {
    if (this.draw(this.options.reorder)) {
      this.held.push({ send: { item, duplicate: false, reordered: true }, after: 1 });
      return [];
    }
    const out: Send<T>[] = [];
    this.emit({ item, duplicate: false, reordered: false }, out);
    return out;
  }

  /** Everything still held, in the order it was held. */
  flush(): Send<T>[] {
    const out = this.held.map((held) => held.send);
    this.held = [];
    return out;
  }

  private emit(send: Send<T>, out: Send<T>[]): void {
    out.push(send);
    for (const held of this.held) held.after--;
    if (!send.duplicate && this.draw(this.options.duplicate)) {
      this.held.unshift({ send: { item: send.item, duplicate: true, reordered: false }, after: 0 });
    }
    const due = this.held.filter((held) => held.after <= 0);
    if (due.length === 0) return;
    this.held = this.held.filter((held) => held.after > 0);
    for (const held of due) this.emit(held.send, out);
  }

  private draw(rate: number | undefined): boolean {
    return rate !== undefined && rate > 0 && this.random() < rate;
  }
}
