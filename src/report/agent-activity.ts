import type { Segment } from './types.js';

/**
 * Bars of one timeline lane, at most `limit` of them: past it, bars closer than a resolution that
 * doubles each time are merged (the longer part names the merged bar), so a long run keeps its
 * shape in bounded memory.
 */
export class SegmentList {
  readonly #limit: number;
  #segments: Segment[] = [];
  #resolutionMs = 0;

  constructor(limit: number) {
    this.#limit = limit;
  }

  get resolutionMs(): number {
    return this.#resolutionMs;
  }

  add(segment: Segment): void {
    if (this.#limit === 0) return;
    this.#segments.push(segment);
    if (this.#segments.length > this.#limit) this.#coarsen();
  }

  #coarsen(): void {
    const sorted = this.#segments.sort((a, b) => a[0] - b[0]);
    while (sorted.length > this.#limit * 0.75) {
      this.#resolutionMs = Math.max(1000, this.#resolutionMs * 2);
      const merged: Segment[] = [];
      // The longest part of each merged bar, to name it.
      let longest = 0;
      for (const segment of sorted) {
        const last = merged[merged.length - 1];
        const length = segment[1] - segment[0];
        if (last && segment[0] - last[1] < this.#resolutionMs) {
          if (length > longest) {
            last[2] = segment[2];
            longest = length;
          }
          last[1] = Math.max(last[1], segment[1]);
        } else {
          merged.push([segment[0], segment[1], segment[2]]);
          longest = length;
        }
      }
      sorted.splice(0, sorted.length, ...merged);
    }
  }

  segments(): Segment[] {
    return [...this.#segments].sort((a, b) => a[0] - b[0]);
  }
}

/** Where committed busy and ready time goes (the level series). */
export interface ActivitySink {
  busy(fromMs: number, toMs: number): void;
  ready(fromMs: number, toMs: number): void;
}

/**
 * One agent's activity while a run is read: busy intervals (overlaps merged) and presence changes
 * wait a while, since notifications arrive in send order rather than in event order, and are then
 * committed to the totals, the level series and the timeline bars.
 */
export class AgentActivity {
  readonly roles = new Set<'agent' | 'monitor'>();
  handled = 0;
  busyMs = 0;
  readyMs = 0;
  /** Whether any `agent.presencechanged` named this agent. */
  sawPresence = false;
  readonly channels: SegmentList;
  readonly presence: SegmentList;
  /** Disjoint, sorted busy intervals not yet committed. */
  readonly #busy: Array<[number, number]> = [];
  /** Presence changes not yet committed: `[at, state index, ready]`, sorted by time. */
  readonly #changes: Array<[number, number, boolean, boolean]> = [];

  constructor(segmentLimit: number) {
    this.channels = new SegmentList(segmentLimit);
    this.presence = new SegmentList(segmentLimit);
  }

  addBusy(fromMs: number, toMs: number): void {
    if (!(toMs > fromMs)) return;
    const busy = this.#busy;
    let index = busy.length;
    while (index > 0 && busy[index - 1]![0] > fromMs) index--;
    busy.splice(index, 0, [fromMs, toMs]);
    // Merge with the neighbours it overlaps.
    let at = Math.max(0, index - 1);
    while (at < busy.length - 1) {
      const current = busy[at]!;
      const next = busy[at + 1]!;
      if (next[0] <= current[1]) {
        current[1] = Math.max(current[1], next[1]);
        busy.splice(at + 1, 1);
      } else if (at >= index) break;
      else at++;
    }
  }

  /** A presence change; `drawn` is false for Logged Out, which leaves the lane empty. */
  addPresence(atMs: number, state: number, ready: boolean, drawn: boolean): void {
    this.sawPresence = true;
    const changes = this.#changes;
    let index = changes.length;
    while (index > 0 && changes[index - 1]![0] > atMs) index--;
    const before = changes[index - 1];
    if (before && before[0] === atMs && before[1] === state) return; // a repeat (v1 beside v0)
    changes.splice(index, 0, [atMs, state, ready, drawn]);
  }

  /** Commits what ended before `beforeMs`. */
  commit(beforeMs: number, sink: ActivitySink): void {
    const busy = this.#busy;
    while (busy.length > 0 && busy[0]![1] < beforeMs) {
      const [from, to] = busy.shift()!;
      this.busyMs += to - from;
      sink.busy(from, to);
    }
    const changes = this.#changes;
    while (changes.length >= 2 && changes[1]![0] < beforeMs) {
      this.#commitPresence(changes[0]!, changes[1]![0], sink);
      changes.shift();
    }
  }

  /** Commits everything; the last presence lasts until `endMs`. */
  finish(endMs: number, sink: ActivitySink): void {
    this.commit(Infinity, sink);
    const last = this.#changes.pop();
    if (last) this.#commitPresence(last, Math.max(endMs, last[0]), sink);
  }

  #commitPresence(
    [from, state, ready, drawn]: [number, number, boolean, boolean],
    to: number,
    sink: ActivitySink,
  ): void {
    if (!(to > from)) return;
    if (drawn) this.presence.add([from, to, state]);
    if (ready) {
      this.readyMs += to - from;
      sink.ready(from, to);
    }
  }
}
