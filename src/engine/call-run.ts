import type { SubjectParts } from './notification-parts.js';
import type { AGENT_ROLES, Party, PartyRole } from '../contract/index.js';
import type { AgentRun, Person } from './agent-run.js';
import type { CallOutcome, CallSummary } from './types.js';
import type { FlowModel, TeamModel, TimingName } from './model.js';
import { step, type Phase, type Step } from './lifecycle.js';
import { randomGuid } from './people.js';
import type { RandomStream } from './random.js';

/** A supervisor: no roster or presence; free to monitor from `freeAt` (Infinity while monitoring). */
export interface Supervisor extends Person {
  freeAt: number;
}

/** A team during a run: its people, the calls waiting in its queue and its outbound contacts. */
export interface TeamState {
  readonly model: TeamModel;
  readonly agents: AgentRun[];
  readonly supervisors: Supervisor[];
  /** Inbound calls waiting for an agent, in the order they joined the queue. */
  readonly queue: CallRun[];
  /** Outbound contacts waiting to be dialled, oldest first. */
  readonly dialList: CallRun[];
  /** Calls in the centre: inbound from arrival, outbound from dialling, until they finish. */
  active: number;
  /** Inbound agents logged in (for the voicemail rule `noAgentLoggedIn`). */
  inboundLoggedIn: number;
  /** Whether a dispatch is already scheduled for when dialling hours open. */
  diallingScheduled: boolean;
}

/** What the simulation offers a call's flow: emitting events, people, and later steps. */
export interface CallHost {
  emit(call: CallRun, channel: ChannelRun, event: string, at: number): void;
  /** Holds a Ready, idle agent of the team (not `other`) from `at`, or returns undefined. */
  reserveAgent(team: TeamState, at: number, other?: AgentRun): AgentRun | undefined;
  /** Holds a free supervisor of the team from `at`, or returns undefined. */
  reserveSupervisor(team: TeamState, at: number): Supervisor | undefined;
  /** Frees an agent at `at`; `missed` when they let the call ring out. */
  release(agent: AgentRun, at: number, missed?: boolean): void;
  releaseSupervisor(supervisor: Supervisor, at: number): void;
  /** Puts an inbound call back in its team's queue at `at` (the agent offered it missed it). */
  requeue(call: CallRun, at: number): void;
  /** Runs `then` at `at`, in time order with everything else (a flow's later decision). */
  later(call: CallRun, at: number, then: (at: number) => void): void;
  finish(call: CallRun): void;
}

/** One channel of a call: a party's lifecycle in an interaction. */
export class ChannelRun {
  readonly conversationId: string;
  readonly interactionId: string;
  readonly channelId: string;
  readonly party: Party;
  phase: Phase = 'new';
  /** Send time (ticks) of this channel's latest notification: later ones are never sent earlier. */
  lastSendTicks = -1;
  /** The JSON that all of the channel's notifications share, made on first use. */
  parts: SubjectParts | undefined;

  constructor(conversationId: string, interactionId: string, channelId: string, party: Party) {
    this.conversationId = conversationId;
    this.interactionId = interactionId;
    this.channelId = channelId;
    this.party = party;
  }

  get role(): PartyRole {
    return this.party.role;
  }
}

/** The state of one call while it is simulated. */
export class CallRun {
  readonly index: number;
  readonly flow: FlowModel;
  readonly team: TeamState;
  /** Draws that shape the call (durations, choices, ids). */
  readonly life: RandomStream;
  /** Draws for its notifications (send lags, KSUID payloads), kept apart so filters change nothing else. */
  readonly notes: RandomStream;
  readonly arrivedAt: number;
  readonly host: CallHost;
  readonly summary: CallSummary;
  status: 'arriving' | 'waiting' | 'offered' | 'talking' | 'done' = 'arriving';
  /** When the call first joined its team's queue or dial list. */
  queuedAt = 0;
  /** When the caller's patience runs out (Infinity for a caller who waits for ever). */
  patienceEnds = Infinity;
  /** The customer's channel of an inbound call, from its arrival. */
  customer: ChannelRun | undefined;
  /** Orders events of this call that share an instant. */
  seq = 0;
  conversationId: string;
  interactionId: string;

  constructor(
    index: number,
    flow: FlowModel,
    team: TeamState,
    life: RandomStream,
    notes: RandomStream,
    arrivedAt: number,
    host: CallHost,
  ) {
    this.index = index;
    this.flow = flow;
    this.team = team;
    this.life = life;
    this.notes = notes;
    this.arrivedAt = arrivedAt;
    this.host = host;
    this.conversationId = randomGuid(life);
    this.interactionId = randomGuid(life);
    this.summary = {
      index,
      flow: flow.flow,
      team: team.model.name,
      direction: flow.direction,
      conversationId: this.conversationId,
      interactionId: this.interactionId,
      outcome: 'answered',
      agents: [],
      arrivedAt,
      queuedAt: undefined,
      waited: undefined,
      missed: 0,
      transferred: false,
      durations: {},
    };
  }

  /** Draws a timing of the call's flow (ms); the first draw of each timing goes into the summary. */
  draw(name: TimingName): number {
    const value = this.flow.timings[name](this.life);
    this.summary.durations[name] ??= value;
    return value;
  }

  /** A new channel for a party, in this call's interaction unless another is given. */
  channel(party: Party, ids: { conversationId?: string; interactionId?: string } = {}): ChannelRun {
    return new ChannelRun(
      ids.conversationId ?? this.conversationId,
      ids.interactionId ?? this.interactionId,
      randomGuid(this.life),
      party,
    );
  }

  /** A channel for an agent or supervisor, recorded in the summary. */
  agentChannel(agent: Person, role: (typeof AGENT_ROLES)[number] = 'agent', ids = {}): ChannelRun {
    if (role === 'agent') this.summary.agents.push(agent.identity.agentId);
    const { agentId, userId } = agent.identity;
    return this.channel({ role, agentId, userId }, ids);
  }

  /** Moves a channel through the lifecycle at `at` (ms), emitting what the lifecycle says. */
  apply(channel: ChannelRun, action: Step, at: number): void {
    const transition = step(channel.phase, action, channel.role);
    for (const event of transition.events) this.host.emit(this, channel, event, at);
    channel.phase = transition.to;
  }

  /** The call's last event is generated: record the outcome. */
  finish(outcome: CallOutcome): void {
    this.status = 'done';
    this.summary.outcome = outcome;
    this.host.finish(this);
  }

  /** The wait ended at `at` (answered, abandoned, or sent to voicemail). */
  waitEnded(at: number): void {
    this.summary.waited ??= at - this.queuedAt;
    this.summary.durations.queue ??= at - this.queuedAt;
  }
}
