import { AgentRun } from './agent-run.js';
import { arrivalClock } from './arrivals.js';
import {
  CallRun,
  type CallHost,
  type ChannelRun,
  type Supervisor,
  type TeamState,
} from './call-run.js';
import type { ScenarioModel } from './model.js';
import { FLOWS, ringAgent } from './flows.js';
import { nextOpening, within } from './hours.js';
import { MinHeap } from './min-heap.js';
import { Outbox, TICKS_PER_MS } from './outbox.js';
import type { PendingNotification } from './pending-notification.js';
import { randomStream, type RandomStream } from './random.js';
import type { CallOutcome, EventFilter, PresenceName, SimulationObserver } from './types.js';

/** Something to decide at a moment of the scenario clock (milliseconds since start). */
type Decision =
  | { at: number; rank: number; seq: number; kind: 'arrival' }
  | {
      at: number;
      rank: number;
      seq: number;
      kind: 'enqueue' | 'abandon' | 'overflow';
      call: CallRun;
    }
  | { at: number; rank: number; seq: number; kind: 'dispatch'; team: TeamState }
  | { at: number; rank: number; seq: number; kind: 'agent'; agent: AgentRun }
  | { at: number; rank: number; seq: number; kind: 'release'; agent: AgentRun; missed: boolean }
  | { at: number; rank: number; seq: number; kind: 'later'; then: (at: number) => void };

type Kind = Decision['kind'];

/**
 * The order of decisions at the same millisecond: people come free and change presence before
 * routing looks for them, and routing goes before callers give up, so nobody abandons a queue
 * while an agent who could take the call is Ready and idle.
 */
const RANK: Record<Kind, number> = {
  arrival: 0,
  release: 1,
  agent: 1,
  later: 1,
  enqueue: 2,
  dispatch: 3,
  overflow: 4,
  abandon: 5,
};

/** A decision before it gets its place in the order of equal times. */
type NewDecision = Decision extends infer D
  ? D extends Decision
    ? Omit<D, 'seq' | 'rank'>
    : never
  : never;

export interface SimulationSettings {
  model: ScenarioModel;
  filter: EventFilter;
  /** Team indices to simulate (a shard), or undefined for all. */
  teams: ReadonlySet<number> | undefined;
  observer: SimulationObserver | undefined;
}

/**
 * A discrete-event simulation of a contact centre. Decisions (arrivals, queue entries, agents
 * coming free or changing presence, patience running out) are taken in time order; a call's
 * events from a decision on are generated as soon as they are known and wait in a heap until no
 * later decision can produce anything earlier. Memory holds only the calls in progress and one
 * day's plan per agent.
 */
export class Simulation implements CallHost {
  readonly #model: ScenarioModel;
  readonly #shard: ReadonlySet<number> | undefined;
  readonly #observer: SimulationObserver | undefined;
  readonly #teams: TeamState[];
  readonly #decisions = new MinHeap<Decision>(
    (a, b) =>
      a.at < b.at || (a.at === b.at && (a.rank < b.rank || (a.rank === b.rank && a.seq < b.seq))),
  );
  readonly #notes: Outbox;
  readonly #nextArrival: () => number;
  readonly #mixWeights: number[];
  #decisionSeq = 0;
  #callIndex = 0;
  /** The end of the run (ms): its duration, or the last call's arrival once it is known. */
  #endAt: number | undefined;
  #now = 0;
  /** The latest instant any channel event happened at: the end of the last call. */
  #lastEventAt = 0;

  constructor({ model, filter, teams, observer }: SimulationSettings) {
    this.#model = model;
    this.#shard = teams;
    this.#observer = observer;
    this.#endAt = model.durationMs;
    this.#notes = new Outbox(model, filter);
    let ordinal = 0;
    this.#teams = model.teams.map((team): TeamState => {
      const state: TeamState = {
        model: team,
        agents: [],
        supervisors: team.supervisors.map((identity) => ({ identity, freeAt: 0 })),
        queue: [],
        dialList: [],
        active: 0,
        inboundLoggedIn: 0,
        diallingScheduled: false,
      };
      team.agents.forEach((identity, index) => {
        const agent = new AgentRun(identity, team.index, index, {
          ordinal: ordinal++,
          seed: model.seed,
          startMs: model.startMs,
          roster: team.roster,
          work: team.work,
        });
        state.agents.push(agent);
        if (agent.loggedIn && agent.work === 'inbound') state.inboundLoggedIn++;
      });
      return state;
    });
    this.#nextArrival = arrivalClock(
      model.arrivals,
      model.startMs,
      randomStream(model.seed, 'arrivals'),
    );
    let total = 0;
    this.#mixWeights = model.flows.map((flow) => (total += flow.weight));
  }

  /** The notifications, in send order, each made by `build` when it is due. */
  *run<T>(build: (pending: PendingNotification) => T): Generator<T> {
    const model = this.#model;
    this.#observer?.start?.({
      startMs: model.startMs,
      teams: this.#teams
        .filter((team) => this.#inShard(team))
        .map((team) => ({ name: team.model.name, agents: team.agents.length })),
      targets: model.targets,
      answerWithinMs: model.answerWithinMs,
    });
    for (const team of this.#teams) {
      if (!this.#inShard(team)) continue;
      for (const agent of team.agents) this.#scheduleAgent(agent);
    }
    this.#scheduleArrival();
    const pending = this.#notes.pending;
    for (let decision = this.#decisions.pop(); decision; decision = this.#decisions.pop()) {
      // Everything generated from now on happens at or after this decision, so whatever is due
      // strictly before it can go out.
      const horizon = decision.at * TICKS_PER_MS;
      while (pending.size > 0 && pending.peek()!.ticks < horizon) yield build(pending.pop()!);
      this.#now = decision.at;
      this.#decide(decision);
    }
    this.#close();
    while (pending.size > 0) yield build(pending.pop()!);
  }

  #inShard(team: TeamState): boolean {
    return !this.#shard || this.#shard.has(team.model.index);
  }

  #schedule(decision: NewDecision): void {
    const full = decision as Decision;
    full.rank = RANK[decision.kind];
    full.seq = this.#decisionSeq++;
    this.#decisions.push(full);
  }

  #pastEnd(at: number): boolean {
    return this.#endAt !== undefined && at >= this.#endAt;
  }

  #scheduleArrival(): void {
    const { calls, durationMs } = this.#model;
    if (calls !== undefined && this.#callIndex >= calls) return;
    const at = this.#nextArrival();
    if (durationMs !== undefined && at >= durationMs) return;
    if (calls !== undefined && this.#callIndex === calls - 1) this.#endAt = at;
    this.#schedule({ at, kind: 'arrival' });
  }

  #decide(decision: Decision): void {
    switch (decision.kind) {
      case 'arrival':
        this.#arrive(decision.at);
        this.#scheduleArrival();
        return;
      case 'enqueue':
        this.#enqueue(decision.call, decision.at);
        return;
      case 'abandon':
        if (decision.call.status === 'waiting') this.#abandon(decision.call, decision.at);
        return;
      case 'overflow':
        if (decision.call.status === 'waiting') this.#toVoicemail(decision.call, decision.at);
        return;
      case 'dispatch':
        this.#dispatch(decision.team, decision.at);
        return;
      case 'agent':
        this.#agentDue(decision.agent, decision.at);
        return;
      case 'release':
        this.#released(decision.agent, decision.at, decision.missed);
        return;
      case 'later':
        decision.then(decision.at);
        return;
    }
  }

  #arrive(at: number): void {
    const index = this.#callIndex++;
    const model = this.#model;
    const life = randomStream(model.seed, 'call', index);
    const flow = model.flows[pick(this.#mixWeights, life)]!;
    const team = this.#teams[flow.teams[pick(flow.teamWeights, life)]!]!;
    if (!this.#inShard(team)) return;
    const notes = randomStream(model.seed, 'notes', index);
    const call = new CallRun(index, flow, team, life, notes, at, this);
    const behaviour = FLOWS[flow.flow];
    if (behaviour.direction === 'outbound') {
      call.queuedAt = at;
      call.summary.queuedAt = at;
      call.status = 'waiting';
      team.dialList.push(call);
      this.#dispatch(team, at);
      return;
    }
    team.active++;
    // An inbound interaction's first channel alerts for zero time: the caller is connected (to
    // the IVR, then the queue) from the moment they arrive.
    const customer = call.channel({ role: 'external' });
    call.apply(customer, 'alert', at);
    call.apply(customer, 'connect', at);
    call.customer = customer;
    const queueAt = at + call.draw('routing');
    call.patienceEnds = behaviour.patient ? Infinity : queueAt + call.draw('patience');
    this.#schedule({ at: queueAt, kind: 'enqueue', call });
  }

  #enqueue(call: CallRun, at: number): void {
    const { voicemail, startMs } = this.#model;
    const team = call.team;
    call.queuedAt = at;
    call.summary.queuedAt = at;
    if (
      (voicemail.openingHours && !within(voicemail.openingHours, startMs + at)) ||
      (voicemail.noAgentLoggedIn && team.inboundLoggedIn === 0)
    ) {
      this.#toVoicemail(call, at);
      return;
    }
    call.status = 'waiting';
    team.queue.push(call);
    if (call.patienceEnds !== Infinity) {
      this.#schedule({ at: Math.max(at, call.patienceEnds), kind: 'abandon', call });
    }
    if (voicemail.maxWait !== undefined) {
      this.#schedule({ at: at + voicemail.maxWait, kind: 'overflow', call });
    }
    this.#dispatch(team, at);
  }

  requeue(call: CallRun, at: number): void {
    this.#schedule({ at, kind: 'later', then: () => this.#requeued(call, at) });
  }

  #requeued(call: CallRun, at: number): void {
    const queue = call.team.queue;
    call.status = 'waiting';
    // Back at the head of the line: the queue is kept in the order callers joined it.
    let index = queue.length;
    while (index > 0 && queue[index - 1]!.queuedAt > call.queuedAt) index--;
    queue.splice(index, 0, call);
    // A caller whose patience ran out while the phone rang gives up now, unless routing finds an
    // agent first; the voicemail rule likewise.
    if (call.patienceEnds <= at) this.#schedule({ at, kind: 'abandon', call });
    const maxWait = this.#model.voicemail.maxWait;
    if (maxWait !== undefined && call.queuedAt + maxWait <= at) {
      this.#schedule({ at, kind: 'overflow', call });
    }
    this.#dispatch(call.team, at);
  }

  #leaveQueue(call: CallRun, at: number): void {
    const queue = call.team.queue;
    const index = queue.indexOf(call);
    if (index !== -1) queue.splice(index, 1);
    call.waitEnded(at);
  }

  #abandon(call: CallRun, at: number): void {
    this.#leaveQueue(call, at);
    call.apply(call.customer!, 'disconnect', at);
    call.finish('abandoned');
  }

  /** The caller leaves a message: a voicemail channel takes the call. */
  #toVoicemail(call: CallRun, at: number): void {
    this.#leaveQueue(call, at);
    const voicemail = call.channel({ role: 'voicemail' });
    call.apply(voicemail, 'alert', at);
    call.apply(voicemail, 'connect', at);
    const end = at + call.draw('voicemail');
    call.apply(call.customer!, 'disconnect', end);
    call.apply(voicemail, 'disconnect', end);
    call.finish('voicemail');
  }

  /**
   * Offers waiting calls, oldest first, to the team's longest-idle Ready agents, and outbound
   * contacts to its Ready (Outbound) agents within dialling hours.
   */
  #dispatch(team: TeamState, at: number): void {
    const queue = team.queue;
    while (queue.length > 0) {
      const agent = this.#available(team, 'ready', at);
      if (!agent) break;
      const call = queue.shift()!;
      this.#hold(agent, at);
      this.#offer(call, agent, at);
    }
    if (team.dialList.length === 0) return;
    const { diallingHours, startMs } = this.#model;
    if (!within(diallingHours, startMs + at)) {
      const opens = nextOpening(diallingHours, startMs + at) - startMs;
      if (!team.diallingScheduled && !this.#pastEnd(opens)) {
        team.diallingScheduled = true;
        this.#schedule({
          at: opens,
          kind: 'later',
          then: (when) => {
            team.diallingScheduled = false;
            this.#dispatch(team, when);
          },
        });
      }
      return;
    }
    while (team.dialList.length > 0) {
      const agent = this.#available(team, 'readyOutbound', at);
      if (!agent) break;
      const call = team.dialList.shift()!;
      team.active++;
      call.status = 'talking';
      // How long the contact waited on the list (`queue` stays the measure of inbound queues).
      call.summary.waited = at - call.queuedAt;
      this.#hold(agent, at);
      const behaviour = FLOWS[call.flow.flow];
      if (behaviour.direction === 'outbound') behaviour.dial(call, agent, at);
    }
  }

  #offer(call: CallRun, agent: AgentRun, at: number): void {
    call.status = 'offered';
    const behaviour = FLOWS[call.flow.flow];
    if (behaviour.direction !== 'inbound') return;
    const ringing = ringAgent(call, agent, at, {
      miss: behaviour.missesFirstOffer === true && call.summary.missed === 0,
    });
    if ('missedAt' in ringing) {
      this.release(agent, ringing.missedAt, true);
      this.requeue(call, ringing.missedAt);
      return;
    }
    call.status = 'talking';
    call.waitEnded(ringing.answeredAt);
    behaviour.answered(call, agent, ringing.channel, ringing.answeredAt);
  }

  /** The longest-idle agent in `presence` whom routing may offer work at `at`. */
  #available(team: TeamState, presence: PresenceName, at: number): AgentRun | undefined {
    let chosen: AgentRun | undefined;
    for (const agent of team.agents) {
      if (
        agent.presence === presence &&
        !agent.busy &&
        agent.availableFrom <= at &&
        (!chosen || agent.idleSince < chosen.idleSince)
      ) {
        chosen = agent;
      }
    }
    return chosen;
  }

  #hold(agent: AgentRun, at: number): void {
    agent.busy = true;
    agent.busySince = at;
  }

  reserveAgent(team: TeamState, at: number, other?: AgentRun): AgentRun | undefined {
    let chosen: AgentRun | undefined;
    for (const agent of team.agents) {
      if (
        agent !== other &&
        agent.presence === 'ready' &&
        !agent.busy &&
        agent.availableFrom <= at &&
        (!chosen || agent.idleSince < chosen.idleSince)
      ) {
        chosen = agent;
      }
    }
    if (chosen) this.#hold(chosen, at);
    return chosen;
  }

  reserveSupervisor(team: TeamState, at: number): Supervisor | undefined {
    let chosen: Supervisor | undefined;
    for (const supervisor of team.supervisors) {
      if (supervisor.freeAt <= at && (!chosen || supervisor.freeAt < chosen.freeAt)) {
        chosen = supervisor;
      }
    }
    if (chosen) chosen.freeAt = Infinity;
    return chosen;
  }

  releaseSupervisor(supervisor: Supervisor, at: number): void {
    supervisor.freeAt = at;
  }

  release(agent: AgentRun, at: number, missed = false): void {
    this.#schedule({ at, kind: 'release', agent, missed });
  }

  later(_call: CallRun, at: number, then: (at: number) => void): void {
    this.#schedule({ at, kind: 'later', then });
  }

  #released(agent: AgentRun, at: number, missed: boolean): void {
    const team = this.#teams[agent.teamIndex]!;
    agent.busy = false;
    this.#observer?.agent?.({
      team: team.model.name,
      agentId: agent.identity.agentId,
      kind: 'busy',
      from: agent.busySince,
      to: at,
    });
    agent.availableFrom = at;
    agent.idleSince = at;
    const missedCall = this.#model.missedCall;
    let presence: PresenceName;
    if (missed || agent.missedPending) {
      agent.missedPending = false;
      const awayFor = missedCall.for(agent.life);
      if (missedCall.then === 'away') {
        presence = agent.missCall(at, awayFor);
      } else {
        // VCC's Unexpected state: still Ready, but routing leaves them alone for a while.
        agent.availableFrom = at + awayFor;
        agent.idleSince = at + awayFor;
        this.#schedule({ at: at + awayFor, kind: 'dispatch', team });
        presence = agent.advance(at);
      }
    } else {
      presence = agent.advance(at);
    }
    this.#changePresence(agent, presence, at);
    this.#scheduleAgent(agent);
    this.#dispatch(team, at);
  }

  #agentDue(agent: AgentRun, at: number): void {
    const team = this.#teams[agent.teamIndex]!;
    if (agent.decisionAt !== at) return; // superseded
    agent.decisionAt = Number.NaN;
    // Busy agents do what fell due when they are free (their release advances them).
    if (agent.busy) return;
    // After the end, rosters go on only while the team still has calls to finish.
    if (this.#pastEnd(at) && team.active === 0) return;
    this.#changePresence(agent, agent.advance(at), at);
    this.#scheduleAgent(agent);
  }

  #scheduleAgent(agent: AgentRun): void {
    const due = agent.due();
    if (due === Infinity || due === agent.decisionAt) return;
    agent.decisionAt = Math.max(due, this.#now);
    this.#schedule({ at: agent.decisionAt, kind: 'agent', agent });
  }

  #changePresence(agent: AgentRun, presence: PresenceName, at: number): void {
    const team = this.#teams[agent.teamIndex]!;
    const from = agent.presence;
    if (presence === from) return;
    this.#observer?.agent?.({
      team: team.model.name,
      agentId: agent.identity.agentId,
      kind: from,
      from: agent.presenceSince,
      to: at,
    });
    const countedBefore = from !== 'loggedOut' && agent.work === 'inbound';
    agent.presence = presence;
    agent.presenceSince = at;
    const countedAfter = presence !== 'loggedOut' && agent.work === 'inbound';
    team.inboundLoggedIn += Number(countedAfter) - Number(countedBefore);
    const ready = presence === 'ready' || presence === 'readyOutbound';
    this.#notes.presence(agent, presence, at, ready);
    if (ready) {
      // Stamped a fraction of a millisecond after `at`: routing offers work from the next one.
      agent.availableFrom = Math.max(agent.availableFrom, at + 1);
      agent.idleSince = Math.max(agent.idleSince, at + 1);
      this.#schedule({ at: at + 1, kind: 'dispatch', team });
    }
    if (
      presence === 'loggedOut' &&
      this.#model.voicemail.noAgentLoggedIn &&
      team.inboundLoggedIn === 0
    ) {
      for (const call of [...team.queue]) this.#toVoicemail(call, at);
    }
  }

  finish(call: CallRun): void {
    if (call.summary.direction === 'inbound' || call.summary.outcome !== 'not-dialled') {
      call.team.active--;
    }
    this.#observer?.call?.(call.summary);
  }

  emit(call: CallRun, channel: ChannelRun, event: string, at: number): void {
    if (at > this.#lastEventAt) this.#lastEventAt = at;
    this.#notes.channel(call, channel, event, at);
  }

  /** The run is over: what was never dialled is reported, and every presence span closed. */
  #close(): void {
    const end = Math.max(this.#lastEventAt, this.#endAt ?? 0);
    for (const team of this.#teams) {
      if (!this.#inShard(team)) continue;
      for (const call of team.dialList) finishUndialled(call);
      team.dialList.length = 0;
      for (const agent of team.agents) {
        this.#observer?.agent?.({
          team: team.model.name,
          agentId: agent.identity.agentId,
          kind: agent.presence,
          from: agent.presenceSince,
          to: end,
        });
      }
    }
  }
}

function finishUndialled(call: CallRun): void {
  const outcome: CallOutcome = 'not-dialled';
  call.status = 'done';
  call.summary.outcome = outcome;
  call.host.finish(call);
}

/** Index of a weighted choice: `cumulative` holds running totals of the weights. */
function pick(cumulative: readonly number[], random: RandomStream): number {
  const target = random.next() * cumulative[cumulative.length - 1]!;
  let index = 0;
  while (cumulative[index]! <= target) index++;
  return index;
}
