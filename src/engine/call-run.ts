import type { AGENT_ROLES, Party, PartyRole } from '../contract/index.js';
import type { AgentDefinition, CallOutcome, CallSummary } from './types.js';
import type { FlowModel, TeamModel, TimingName } from './compile-scenario.js';
import { step, type Phase, type Step } from './lifecycle.js';
import { randomGuid } from './people.js';
import type { RandomStream } from './random.js';

/** An agent or supervisor, and when they are next free (Infinity while held by a call). */
export interface Agent {
  readonly identity: AgentDefinition;
  readonly team: TeamState;
  readonly index: number;
  freeAt: number;
}

/** A team during a run: its people and the calls waiting in its queue. */
export interface TeamState {
  readonly model: TeamModel;
  readonly agents: Agent[];
  readonly supervisors: Agent[];
  /** Calls waiting for an agent, oldest first. */
  queue: CallRun[];
}

/** What the simulation offers a call: emitting events and holding or releasing people. */
export interface CallHost {
  emit(call: CallRun, channel: ChannelRun, event: string, at: number): void;
  /** Holds a free person of `pool` from `at` on, or returns undefined when none is free. */
  reserve(
    team: TeamState,
    pool: 'agents' | 'supervisors',
    at: number,
    exclude?: Agent,
  ): Agent | undefined;
  /** Frees a held person at `at`. */
  release(agent: Agent, at: number): void;
  finish(call: CallRun): void;
}

/** The parts of a channel's notifications around `time` and `data.timestamp`. */
export interface ChannelParts {
  /** `","source":"/channel","subject":"<channelId>","time":"` */
  afterId: string;
  /** `","channel":{…}` */
  afterTimestamp: string;
  afterIdBytes: Uint8Array;
  afterTimestampBytes: Uint8Array;
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
  parts: ChannelParts | undefined;

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
  status: 'arriving' | 'waiting' | 'talking' | 'done' = 'arriving';
  /** When the call joined its team's queue, and how long it will wait there. */
  enqueuedAt = 0;
  patience = Infinity;
  /** Set when the call already had an agent and came back to the queue (reroute). */
  offered = false;
  /** An agent the call must not be offered to again. */
  exclude: Agent | undefined;
  /** Flow-specific state between arrival and answer. */
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
      outcome: 'answered',
      agents: [],
      arrivedAt,
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
  agentChannel(agent: Agent, role: (typeof AGENT_ROLES)[number] = 'agent', ids = {}): ChannelRun {
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
}
