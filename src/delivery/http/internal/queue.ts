/** A FIFO queue with O(1) push and shift (an array with a moving head, compacted as it drains). */
export class Queue<T> {
  #items: T[] = [];
  #head = 0;

  get length(): number {
    return this.#items.length - this.#head;
  }

  push(item: T): void {
    this.#items.push(item);
  }

  /** Puts an item at the front, to be taken next. */
  unshift(item: T): void {
    if (this.#head > 0) this.#items[--this.#head] = item;
    else this.#items.unshift(item);
  }

  shift(): T | undefined {
    if (this.#head >= this.#items.length) return undefined;
    const item = this.#items[this.#head]!;
    this.#items[this.#head++] = undefined as T;
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }

  /** Removes and returns every item, front first. */
  drain(): T[] {
    const items = this.#items.slice(this.#head);
    this.#items = [];
    this.#head = 0;
    return items;
  }
}

/** A min-heap of items by time. */
export class TimeHeap<T> {
  #times: number[] = [];
  #items: T[] = [];

  get length(): number {
    return this.#items.length;
  }

  /** The earliest time, or `undefined` when empty. */
  peekTime(): number | undefined {
    return this.#times[0];
  }

  push(time: number, item: T): void {
    const times = this.#times;
    const items = this.#items;
    let index = items.length;
    times.push(time);
    items.push(item);
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (times[parent]! <= time) break;
      times[index] = times[parent]!;
      items[index] = items[parent]!;
      index = parent;
    }
    times[index] = time;
    items[index] = item;
  }

  pop(): T | undefined {
    const times = this.#times;
    const items = this.#items;
    if (items.length === 0) return undefined;
    const top = items[0]!;
    const lastTime = times.pop()!;
    const lastItem = items.pop()!;
    const length = items.length;
    if (length > 0) {
      let index = 0;
      for (;;) {
        let child = 2 * index + 1;
        if (child >= length) break;
        if (child + 1 < length && times[child + 1]! < times[child]!) child++;
        if (times[child]! >= lastTime) break;
        times[index] = times[child]!;
        items[index] = items[child]!;
        index = child;
      }
      times[index] = lastTime;
      items[index] = lastItem;
    }
    return top;
  }

  /** Removes and returns every item, in no particular order. */
  drain(): T[] {
    const items = this.#items;
    this.#items = [];
    this.#times = [];
    return items;
  }
}
