import { EVENT_TYPES, type EventType } from '../contract/index.js';
import type { AgentRun } from './agent-run.js';
import type { CallRun, ChannelRun } from './call-run.js';
import type { ScenarioModel } from './compile-scenario.js';
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

  /** A time on the scenario clock (ms) in send ticks. */
  ticksAt(ms: number): number {
    return ms * TICKS_PER_MS;
  }

  /** A channel event of a call at `at`. */
  channel(call: CallRun, channel: ChannelRun, event: string, at: number): void {
    this.#send(event, call.notes, call, call.index, channel, at, 0, channel);
  }

  /**
   * An agent's change of presence at `at`. Presence timestamps have 100 ns precision: a change
   * into a ready presence is stamped a fraction of a millisecond into `at` (routing offers work
   * from the next millisecond); any other change exactly at `at`, the instant the agent stopped
   * being available.
   */
  presence(agent: AgentRun, presence: PresenceName, at: number, ready: boolean): void {
    const fraction = 1 + agent.notes.below(TICKS_PER_MS - 1);
    this.#send(
      'agent.presencechanged',
      agent.notes,
      agent,
      -1 - agent.ordinal,
      agent,
      at,
      ready ? fraction : 0,
      undefined,
      agent,
      presence,
    );
  }

  #send(
    event: string,
    notes: RandomStream,
    owner: { seq: number },
    order: number,
    sender: Sender,
    at: number,
    eventSubTicks: number,
    channel: ChannelRun | undefined,
    agent?: AgentRun,
    presence?: PresenceName,
  ): void {
    const startMs = this.#startMs;
    const kind = channel ? 'channel' : 'presence';
    for (const { type, selected } of this.#versions.get(event)!) {
      const lag = this.#sendLag(notes) * TICKS_PER_MS + notes.below(TICKS_PER_MS);
      // A subject's notifications leave in the order its events happened, a little apart.
      const gap = 1 + notes.below(MAX_SEND_GAP_TICKS);
      const ticks = Math.max(at * TICKS_PER_MS + eventSubTicks + lag, sender.lastSendTicks + gap);
      sender.lastSendTicks = ticks;
      const w0 = notes.nextUint32();
      const w1 = notes.nextUint32();
      const w2 = notes.nextUint32();
      const w3 = notes.nextUint32();
      if (!selected) continue;
      const sentTicks = Math.floor(ticks / TICKS_PER_MS);
      // One shape for both kinds keeps the heap's objects monomorphic.
      this.pending.push({
        ticks,
        order,
        seq: owner.seq++,
        kind,
        type,
        sentMs: startMs + sentTicks,
        sentSubTicks: ticks - sentTicks * TICKS_PER_MS,
        eventMs: startMs + at,
        eventSubTicks,
        w0,
        w1,
        w2,
        w3,
        channel,
        agent,
        presence,
      } as PendingNotification);
    }
  }
}
