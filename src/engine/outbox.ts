import { EVENT_TYPES, type EventType } from '../contract/index.js';
import type { AgentRun } from './agent-run.js';
import type { CallRun, ChannelRun } from './call-run.js';
import type { ScenarioModel } from './model.js';
import type { Sampler } from './distribution.js';
import { MinHeap } from './min-heap.js';
import type { PendingNotification } from './pending-notification.js';
import type { RandomStream } from './random.js';
import type { EventFilter, PresenceName } from './types.js';

/** 100-nanosecond ticks per millisecond: `time` has 7 fractional digits. */
export const TICKS_PER_MS = 10_000;

/** The largest gap between two notifications of one subject sent back to back (20 ms). */
const MAX_SEND_GAP_TICKS = 20 * TICKS_PER_MS;

/** A version of an event, and whether the run's filter lets it out. */
interface Version {
  type: EventType;
  selected: boolean;
}

/** Something that makes notifications about one subject (a channel, an agent) in order. */
interface Sender {
  lastSendTicks: number;
}

/**
 * Where generated notifications wait until they are due, in send order. Each notification draws
 * its send lag, its place after the subject's previous one and its KSUID payload from the random
 * stream of whoever made it, for every version whatever the filter, so a filter never changes the
 * other notifications.
 */
export class Outbox {
  readonly pending = new MinHeap<PendingNotification>(
    (a, b) =>
      a.ticks < b.ticks ||
      (a.ticks === b.ticks && (a.order < b.order || (a.order === b.order && a.seq < b.seq))),
  );
  readonly #startMs: number;
  readonly #sendLag: Sampler;
  /** The versions of each event with the filter applied, decided once per run. */
  readonly #versions = new Map<string, Version[]>();

  constructor(model: ScenarioModel, filter: EventFilter) {
    this.#startMs = model.startMs;
    this.#sendLag = model.sendLag;
    for (const info of EVENT_TYPES) {
      const versions = this.#versions.get(info.name) ?? [];
      versions.push({ type: info.type, selected: filter(info.type) });
      this.#versions.set(info.name, versions);
    }
  }

  /** A channel event of a call at `at`. */
  channel(call: CallRun, channel: ChannelRun, event: string, at: number): void {
    const notes = call.notes;
    const startMs = this.#startMs;
    for (const { type, selected } of this.#versions.get(event)!) {
      const ticks = this.#sendTicks(notes, channel, at * TICKS_PER_MS);
      const w0 = notes.nextUint32();
      const w1 = notes.nextUint32();
      const w2 = notes.nextUint32();
      const w3 = notes.nextUint32();
      if (!selected) continue;
      const sentTicks = Math.floor(ticks / TICKS_PER_MS);
      // One shape for both kinds keeps the heap's objects monomorphic.
      this.pending.push({
        ticks,
        order: call.index,
        seq: call.seq++,
        kind: 'channel',
        type,
        sentMs: startMs + sentTicks,
        sentSubTicks: ticks - sentTicks * TICKS_PER_MS,
        eventMs: startMs + at,
        eventSubTicks: 0,
        w0,
        w1,
        w2,
        w3,
        channel,
        agent: undefined,
        presence: undefined,
      } as PendingNotification);
    }
  }

  /**
   * An agent's change of presence at `at`. Presence timestamps have 100 ns precision: a change
   * into a ready presence is stamped a fraction of a millisecond into `at` (routing offers work
   * from the next millisecond); any other change exactly at `at`, the instant the agent stopped
   * being available.
   */
  presence(agent: AgentRun, presence: PresenceName, at: number, ready: boolean): void {
    const notes = agent.notes;
    const startMs = this.#startMs;
    const fraction = 1 + notes.below(TICKS_PER_MS - 1);
    const eventSubTicks = ready ? fraction : 0;
    for (const { type, selected } of this.#versions.get('agent.presencechanged')!) {
      const ticks = this.#sendTicks(notes, agent, at * TICKS_PER_MS + eventSubTicks);
      const w0 = notes.nextUint32();
      const w1 = notes.nextUint32();
      const w2 = notes.nextUint32();
      const w3 = notes.nextUint32();
      if (!selected) continue;
      const sentTicks = Math.floor(ticks / TICKS_PER_MS);
      this.pending.push({
        ticks,
        order: -1 - agent.ordinal,
        seq: agent.seq++,
        kind: 'presence',
        type,
        sentMs: startMs + sentTicks,
        sentSubTicks: ticks - sentTicks * TICKS_PER_MS,
        eventMs: startMs + at,
        eventSubTicks,
        w0,
        w1,
        w2,
        w3,
        channel: undefined,
        agent,
        presence,
      } as PendingNotification);
    }
  }

  /**
   * When a notification of an event at `eventTicks` is sent: after a send lag, and after the
   * subject's previous notification, a little apart (a subject's notifications leave in the order
   * its events happened). Drawn for every version whatever the filter.
   */
  #sendTicks(notes: RandomStream, sender: Sender, eventTicks: number): number {
    const lag = this.#sendLag(notes) * TICKS_PER_MS + notes.below(TICKS_PER_MS);
    const gap = 1 + notes.below(MAX_SEND_GAP_TICKS);
    const ticks = Math.max(eventTicks + lag, sender.lastSendTicks + gap);
    sender.lastSendTicks = ticks;
    return ticks;
  }
}
