import { MAX_TIMER_DELAY_MS } from './retry-policy.js';
/** An entry of {@link Deadlines}, linked in place: adding and removing it allocate nothing. */
export interface DeadlineEntry {
  /** When it expires, on the clock the {@link Deadlines} was given. */
  readonly deadline: number;
  previous: DeadlineEntry | undefined;
  next: DeadlineEntry | undefined;
  /** Called once, when the deadline has passed and the entry is still listed. */
  expire(): void;
}

/** A timer handle: Node's can be unref'd, a browser's is a number. */
type TimerHandle = ReturnType<typeof setTimeout> & { ref?: () => unknown; unref?: () => unknown };

/**
 * Times out requests with one timer for all of them, instead of a timer each: requests that share
 * one timeout expire in the order they were sent, so entries are added in deadline order and the
 * timer only ever waits for the oldest. Setting and clearing a timer per request cost the HTTP
 * pusher and the twin a few microseconds a request (a timer list and a priority queue each time).
 *
 * When nothing is listed, the timer is kept but no longer holds the process open (Node's
 * `unref`), or cleared where timers cannot be unref'd (browsers).
 */
export class Deadlines<Entry extends DeadlineEntry> {
  #head: DeadlineEntry | undefined;
  #tail: DeadlineEntry | undefined;
  #timer: TimerHandle | undefined;
  #timerAt = Infinity;
  #held = false;
  readonly #now: () => number;

  /** `now`: the clock of the deadlines, in milliseconds (the one the timers run on). */
  constructor(now: () => number) {
    this.#now = now;
  }

  /** The time on the deadlines' clock. */
  now(): number {
    return this.#now();
  }

  /** Lists an entry; its deadline is no earlier than any listed before it. */
  add(entry: Entry): void {
    entry.previous = this.#tail;
    entry.next = undefined;
    if (this.#tail) this.#tail.next = entry;
    else this.#head = entry;
    this.#tail = entry;
    if (this.#timer === undefined) this.#arm();
    else if (!this.#held) this.#hold();
  }

  /** Unlists an entry (answered in time); nothing happens if it is not listed. */
  remove(entry: Entry): void {
    if (entry.previous) entry.previous.next = entry.next;
    else if (this.#head === entry) this.#head = entry.next;
    else return;
    if (entry.next) entry.next.previous = entry.previous;
    else this.#tail = entry.previous;
    entry.previous = entry.next = undefined;
    if (!this.#head) this.#release();
  }

  /** Stops the timer; listed entries never expire. */
  clear(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Infinity;
  }

  #arm(): void {
    const head = this.#head;
    if (!head) return;
    this.#timerAt = head.deadline;
    // Capped at one timer's reach: a longer wait would fire at once, again and again.
    const wait = Math.min(MAX_TIMER_DELAY_MS, Math.max(0, head.deadline - this.#now()));
    this.#timer = setTimeout(() => this.#expire(), wait);
    this.#held = true;
  }

  /** The timer holds the process open again (Node), now that something is listed. */
  #hold(): void {
    this.#held = true;
    this.#timer?.ref?.();
    // A timer kept from an earlier entry fires no later than this entry's deadline: entries come in
    // deadline order, so only an earlier-armed timer can be late, and it never is (see `#expire`).
    if (this.#timerAt > this.#head!.deadline) {
      this.clear();
      this.#arm();
    }
  }

  /** Nothing is listed: let the process end if it has nothing else to do. */
  #release(): void {
    const timer = this.#timer;
    if (timer === undefined) return;
    if (typeof timer.unref === 'function') {
      this.#held = false;
      timer.unref();
    } else this.clear();
  }

  #expire(): void {
    this.#timer = undefined;
    this.#timerAt = Infinity;
    const now = this.#now();
    while (this.#head && this.#head.deadline <= now + 0.5) {
      const entry = this.#head;
      this.remove(entry as Entry);
      entry.expire();
    }
    if (this.#timer === undefined) this.#arm();
  }
}
