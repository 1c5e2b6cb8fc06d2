import type { VccNotification } from '../../../contract/index.js';

/** How far ahead of the notifications in use the pool looks for one it needs. */
const LOOK_AHEAD = 20_000;

/**
 * The notifications of a scenario run, handed out once each, so every check sends notifications
 * no other check sent (a consumer that deduplicates sees each check afresh). The pool reads the
 * run lazily and looks ahead a bounded distance for a notification of a given kind.
 */
export class NotificationPool {
  readonly #source: Iterator<VccNotification>;
  /** Read from the source, not yet handed out, in run order. */
  readonly #buffer: VccNotification[] = [];
  #exhausted = false;

  constructor(source: Iterable<VccNotification>) {
    this.#source = source[Symbol.iterator]();
  }

  #pull(): VccNotification | undefined {
    if (this.#exhausted) return undefined;
    const next = this.#source.next();
    if (next.done) {
      this.#exhausted = true;
      return undefined;
    }
    this.#buffer.push(next.value);
    return next.value;
  }

  /** The first unused notification that passes `test`, or `undefined` within the look-ahead. */
  take(test: (notification: VccNotification) => boolean = () => true): VccNotification | undefined {
    let index = this.#buffer.findIndex(test);
    while (index === -1 && this.#buffer.length < LOOK_AHEAD) {
      const pulled = this.#pull();
      if (!pulled) break;
      if (test(pulled)) index = this.#buffer.length - 1;
    }
    return index === -1 ? undefined : this.#buffer.splice(index, 1)[0];
  }

  /** Takes `count` notifications that pass `test` (fewer if the look-ahead runs out). */
  takeMany(count: number, test?: (notification: VccNotification) => boolean): VccNotification[] {
    const taken: VccNotification[] = [];
    for (let i = 0; i < count; i++) {
      const next = this.take(test);
      if (!next) break;
      taken.push(next);
    }
    return taken;
  }

  /**
   * The first pair of unused notifications where `second(first)` matches a later one (a v0 and
   * its v1, say), taken together.
   */
  takePair(
    first: (notification: VccNotification) => boolean,
    second: (first: VccNotification, candidate: VccNotification) => boolean,
  ): [VccNotification, VccNotification] | undefined {
    for (;;) {
      for (let i = 0; i < this.#buffer.length; i++) {
        const a = this.#buffer[i]!;
        if (!first(a)) continue;
        const j = this.#buffer.findIndex((b, k) => k !== i && second(a, b));
        if (j === -1) continue;
        const b = this.#buffer[j]!;
        for (const k of [i, j].sort((x, y) => y - x)) this.#buffer.splice(k, 1);
        return [a, b];
      }
      if (this.#buffer.length >= LOOK_AHEAD) return undefined;
      // Read on a little before looking again.
      let pulled = 0;
      while (pulled < 64 && this.#pull()) pulled++;
      if (pulled === 0) return undefined;
    }
  }

  /**
   * Every unused notification of a channel whose lifecycle, from `alerted` to `ended`, completes
   * within the look-ahead, keeping only the types `keep` accepts (in run order): the first with
   * at least `richness` events, else the longest found.
   */
  takeLifecycle(
    keep: (notification: VccNotification) => boolean,
    richness = 5,
  ): VccNotification[] | undefined {
    const complete = (ended: VccNotification): VccNotification[] | undefined => {
      const events = this.#buffer.filter(
        (candidate) => candidate.subject === ended.subject && keep(candidate),
      );
      return events.length >= 3 && events[0]!.type.startsWith('channel.alerted.')
        ? events
        : undefined;
    };
    const isEnd = (notification: VccNotification) =>
      notification.type.startsWith('channel.ended.') && keep(notification);
    let best: VccNotification[] | undefined;
    const consider = (events: VccNotification[] | undefined) => {
      if (events && events.length > (best?.length ?? 0)) best = events;
      return (best?.length ?? 0) >= richness;
    };
    let done = this.#buffer.filter(isEnd).some((ended) => consider(complete(ended)));
    while (!done && this.#buffer.length < LOOK_AHEAD) {
      const pulled = this.#pull();
      if (!pulled) break;
      if (isEnd(pulled)) done = consider(complete(pulled));
    }
    if (!best) return undefined;
    const taken = new Set(best);
    for (let i = this.#buffer.length - 1; i >= 0; i--) {
      if (taken.has(this.#buffer[i]!)) this.#buffer.splice(i, 1);
    }
    return best;
  }

  /** The next unused notification, however far on (for the load checks). */
  next(): VccNotification | undefined {
    return this.#buffer.shift() ?? (this.#pull() && this.#buffer.shift());
  }
}

/** The most notifications in any one second of `time`, reading at most `limit` of them. */
export function peakPerSecond(notifications: Iterable<VccNotification>, limit = 500_000): number {
  let peak = 0;
  let second = Number.NaN;
  let count = 0;
  let read = 0;
  const perSecond = new Map<number, number>();
  for (const notification of notifications) {
    if (++read > limit) break;
    const at = Math.floor(Date.parse(notification.time) / 1000);
    // Notifications come in `time` order, so one second's count is final once the next begins;
    // the map covers the few that are not (v1 times are when the event happened).
    if (at !== second) {
      second = at;
      count = perSecond.get(at) ?? 0;
    }
    count++;
    perSecond.set(at, count);
    if (count > peak) peak = count;
    if (perSecond.size > 64) perSecond.delete(perSecond.keys().next().value!);
  }
  return peak;
}
