import { CHANNEL_EVENTS, type EventType } from '../contract/index.js';
import { arrivalClock } from './arrivals.js';
import { CallRun, type Agent, type CallHost, type ChannelRun, type TeamState } from './call-run.js';
import type { ScenarioModel } from './compile-scenario.js';
import { FLOWS } from './flows.js';
import { MinHeap } from './min-heap.js';
import type { PendingNotification } from './pending-notification.js';
import { randomStream, type RandomStream } from './random.js';
import type { CallSummary, EventFilter } from './types.js';

/** 100-nanosecond ticks per millisecond: `time` has 7 fractional digits. */
const TICKS_PER_MS = 10_000;

/** The largest gap between two notifications of one channel sent back to back (20 ms). */
const MAX_SEND_GAP_TICKS = 20 * TICKS_PER_MS;

/** Something to decide at a moment of the scenario clock (milliseconds since start). */
type Decision =
  | { at: number; seq: number; kind: 'arrival' }
  | { at: number; seq: number; kind: 'enqueue' | 'abandon'; call: CallRun }
  | { at: number; seq: number; kind: 'dispatch'; team: TeamState };

/** A decision before it gets its place in the order of equal times. */
type NewDecision = Decision extends infer D ? (D extends Decision ? Omit<D, 'seq'> : never) : never;

/** Every version of each event, as the catalogue lists them. */
const VERSIONS = new Map<string, EventType[]>(
  CHANNEL_EVENTS.map((row) => [
    row.name,
    row.versions.map((version) => `${row.name}.v${version}` as EventType),
  ]),
);
/** A version of an event, and whether the run's filter lets it out. */
interface Version {
  type: EventType;
  selected: boolean;
}

const REASONS = new Map<string, string>(
  CHANNEL_EVENTS.filter((row) => 'reason' in row.extraData).map((row) => [row.name, 'released']),
);

export interface SimulationSettings {
  model: ScenarioModel;
  filter: EventFilter;
  /** Team indices to simulate (a shard), or undefined for all. */
  teams: ReadonlySet<number> | undefined;
  onCall: ((call: CallSummary) => void) | undefined;
}

/**
 * A discrete-event simulation of a contact centre. Decisions (arrivals, queue entries, agents
 * becoming free, patience running out) are taken in time order; a call's events from a decision on
 * are generated as soon as they are known and wait in a heap until no later decision can produce
 * anything earlier. Memory holds only the calls in progress.
 */
export class Simulation implements CallHost {
  readonly #model: ScenarioModel;
  readonly #shard: ReadonlySet<number> | undefined;
  readonly #onCall: ((call: CallSummary) => void) | undefined;
  readonly #teams: TeamState[];
  readonly #decisions = new MinHeap<Decision>(
    (a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq),
  );
  readonly #pending = new MinHeap<PendingNotification>(
    (a, b) =>
      a.ticks < b.ticks ||
      (a.ticks === b.ticks && (a.call < b.call || (a.call === b.call && a.seq < b.seq))),
  );
  readonly #arrivals: RandomStream;
  readonly #nextArrival: () => number;
  readonly #mixWeights: number[];
  /** The versions of each event with the filter applied, decided once per run. */
  readonly #versions: Map<string, Version[]>;
  #decisionSeq = 0;
  #callIndex = 0;

  constructor({ model, filter, teams, onCall }: SimulationSettings) {
    this.#model = model;
    this.#shard = teams;
    this.#onCall = onCall;
    this.#teams = model.teams.map((team) => {
      const state: TeamState = { model: team, agents: [], supervisors: [], queue: [] };
      team.agents.forEach((identity, index) =>
        state.agents.push({ identity, team: state, index, freeAt: 0 }),
      );
      team.supervisors.forEach((identity, index) =>
        state.supervisors.push({ identity, team: state, index, freeAt: 0 }),
      );
      return state;
    });
    this.#arrivals = randomStream(model.seed, 'arrivals');
    this.#nextArrival = arrivalClock(model.arrivals, model.startMs, this.#arrivals);
    let total = 0;
    this.#mixWeights = model.flows.map((flow) => (total += flow.weight));
    this.#versions = new Map(
      [...VERSIONS].map(([event, types]) => [
        event,
        types.map((type) => ({ type, selected: filter(type) })),
      ]),
    );
  }

  /** The notifications, in send order, each made by `build` when it is due. */
  *run<T>(build: (pending: PendingNotification) => T): Generator<T> {
    this.#scheduleArrival();
    const pending = this.#pending;
    for (let decision = this.#decisions.pop(); decision; decision = this.#decisions.pop()) {
      // Everything generated from now on happens at or after this decision, so whatever is due
      // strictly before it can go out.
      const horizon = decision.at * TICKS_PER_MS;
      while (pending.size > 0 && pending.peek()!.ticks < horizon) yield build(pending.pop()!);
      this.#decide(decision);
    }
    while (pending.size > 0) yield build(pending.pop()!);
  }

  #schedule(decision: NewDecision): void {
    (decision as Decision).seq = this.#decisionSeq++;
    this.#decisions.push(decision as Decision);
  }

  #scheduleArrival(): void {
    const { calls, durationMs } = this.#model;
    if (calls !== undefined && this.#callIndex >= calls) return;
    const at = this.#nextArrival();
    if (durationMs !== undefined && at >= durationMs) return;
    this.#schedule({ at, kind: 'arrival' });
  }

  #decide(decision: Decision): void {
    switch (decision.kind) {
      case 'arrival':
        this.#arrive(decision.at);
        this.#scheduleArrival();
        return;
      case 'enqueue':
        decision.call.status = 'waiting';
        decision.call.team.queue.push(decision.call);
        if (decision.call.patience !== Infinity) {
          this.#schedule({
            at: decision.at + decision.call.patience,
            kind: 'abandon',
            call: decision.call,
          });
        }
        this.#dispatch(decision.call.team, decision.at);
        return;
      case 'abandon':
        if (decision.call.status === 'waiting' && !decision.call.offered)
          this.#abandon(decision.call, decision.at);
        return;
      case 'dispatch':
        this.#dispatch(decision.team, decision.at);
        return;
    }
  }

  #arrive(at: number): void {
    const index = this.#callIndex++;
    const model = this.#model;
    const life = randomStream(model.seed, 'call', index);
    const flowIndex = pick(this.#mixWeights, life);
    const flow = model.flows[flowIndex]!;
    const team = flow.teams[pick(flow.teamWeights, life)]!;
    if (this.#shard && !this.#shard.has(team)) return;
    const notes = randomStream(model.seed, 'notes', index);
    const call = new CallRun(index, flow, this.#teams[team]!, life, notes, at, this);
    const queueing = FLOWS[flow.flow].arrive(call, at);
    if (!queueing) return;
    call.patience = queueing.patience;
    this.#schedule({ at: queueing.queueAt, kind: 'enqueue', call });
    call.enqueuedAt = queueing.queueAt;
  }

  #abandon(call: CallRun, at: number): void {
    call.team.queue.splice(call.team.queue.indexOf(call), 1);
    call.summary.durations.queue = at - call.enqueuedAt;
    if (call.customer) call.apply(call.customer, 'disconnect', at);
    call.finish('abandoned');
  }

  /** Offers waiting calls, oldest first, to the team's longest-idle free agents. */
  #dispatch(team: TeamState, at: number): void {
    while (team.queue.length > 0) {
      const call = team.queue[0]!;
      const agent = this.reserve(team, 'agents', at, call.exclude);
      if (!agent) return;
      team.queue.shift();
      call.status = 'talking';
      call.summary.durations.queue ??= at - call.enqueuedAt;
      const again = FLOWS[call.flow.flow].answer(call, agent, at);
      if (again !== undefined) {
        call.status = 'arriving';
        call.enqueuedAt = again;
        this.#schedule({ at: again, kind: 'enqueue', call });
      }
    }
  }

  reserve(
    team: TeamState,
    pool: 'agents' | 'supervisors',
    at: number,
    exclude?: Agent,
  ): Agent | undefined {
    let chosen: Agent | undefined;
    for (const agent of team[pool]) {
      if (agent.freeAt <= at && agent !== exclude && (!chosen || agent.freeAt < chosen.freeAt))
        chosen = agent;
    }
    if (chosen) chosen.freeAt = Infinity;
    return chosen;
  }

  release(agent: Agent, at: number): void {
    agent.freeAt = at;
    this.#schedule({ at, kind: 'dispatch', team: agent.team });
  }

  finish(call: CallRun): void {
    this.#onCall?.(call.summary);
  }

  emit(call: CallRun, channel: ChannelRun, event: string, at: number): void {
    const model = this.#model;
    const notes = call.notes;
    for (const { type, selected } of this.#versions.get(event)!) {
      // Draw for every version whatever the filter, so a filter never changes other notifications.
      const lag = model.sendLag(notes) * TICKS_PER_MS + notes.below(TICKS_PER_MS);
      // A channel's notifications leave in the order its events happened, a little apart.
      const gap = 1 + notes.below(MAX_SEND_GAP_TICKS);
      const ticks = Math.max(at * TICKS_PER_MS + lag, channel.lastSendTicks + gap);
      channel.lastSendTicks = ticks;
      const w0 = notes.nextUint32();
      const w1 = notes.nextUint32();
      const w2 = notes.nextUint32();
      const w3 = notes.nextUint32();
      if (!selected) continue;
      const sentTicks = Math.floor(ticks / TICKS_PER_MS);
      this.#pending.push({
        ticks,
        call: call.index,
        seq: call.seq++,
        type,
        channel,
        reason: REASONS.get(event),
        sentMs: model.startMs + sentTicks,
        sentSubTicks: ticks - sentTicks * TICKS_PER_MS,
        eventMs: model.startMs + at,
        w0,
        w1,
        w2,
        w3,
      });
    }
  }
}

/** Index of a weighted choice: `cumulative` holds running totals of the weights. */
function pick(cumulative: readonly number[], random: RandomStream): number {
  const target = random.next() * cumulative[cumulative.length - 1]!;
  let index = 0;
  while (cumulative[index]! <= target) index++;
  return index;
}
