import type { Agent, CallRun, ChannelRun } from './call-run.js';
import { randomGuid } from './people.js';
import type { FlowName } from './types.js';

/**
 * How each call flow plays out, written against the lifecycle (`call.apply`), so a flow cannot emit
 * an event the lifecycle does not allow. Times are milliseconds on the scenario clock.
 */
export interface FlowBehaviour {
  /**
   * The call arrives at `at`. Returns when it joins its team's queue and how long the customer will
   * wait there, or nothing when the call never needs an agent (it finishes on its own).
   */
  arrive(call: CallRun, at: number): { queueAt: number; patience: number } | undefined;
  /**
   * An agent takes the call at `at`. Returns a time to queue the call again (a reroute), or nothing
   * when the call is finished.
   */
  answer(call: CallRun, agent: Agent, at: number): number | undefined;
}

/** The customer's channel of an inbound interaction: alerting of zero length, then connected. */
function customerConnects(call: CallRun, at: number): ChannelRun {
  const customer = call.channel({ role: 'external' });
  call.apply(customer, 'alert', at);
  call.apply(customer, 'connect', at);
  call.customer = customer;
  return customer;
}

function inboundArrival(call: CallRun, at: number, patient = false) {
  customerConnects(call, at);
  const queueAt = at + call.draw('routing');
  return { queueAt, patience: patient ? Infinity : call.draw('patience') };
}

/** An agent's phone rings and they answer. */
function agentAnswers(call: CallRun, agent: Agent, at: number, ids = {}) {
  const channel = call.agentChannel(agent, 'agent', ids);
  call.apply(channel, 'alert', at);
  const connectedAt = at + call.draw('ring');
  call.apply(channel, 'connect', connectedAt);
  return { channel, connectedAt };
}

/**
 * An outbound call: the agent's own channel comes first (zero-length alerting); placing the call
 * takes a moment (routing) before the customer's phone rings.
 */
function agentDials(call: CallRun, agent: Agent, at: number) {
  const channel = call.agentChannel(agent);
  call.apply(channel, 'alert', at);
  call.apply(channel, 'connect', at);
  const customer = call.channel({ role: 'external' });
  const ringsAt = at + call.draw('routing');
  call.apply(customer, 'alert', ringsAt);
  return { channel, customer, ringsAt };
}

/** Both sides leave at the same instant; whoever hangs up first is sent first. */
function hangUp(call: CallRun, channels: ChannelRun[], at: number): void {
  const ordered = call.life.below(2) === 0 ? channels : [...channels].reverse();
  for (const channel of ordered) call.apply(channel, 'disconnect', at);
}

/** After-call work: the agent's channel ends when wrap does, and the agent is free again. */
function wrapUp(
  call: CallRun,
  agent: Agent,
  channel: ChannelRun,
  at: number,
  firstWrap = true,
): number {
  const wrap = firstWrap ? call.draw('wrap') : call.flow.timings.wrap(call.life);
  call.apply(channel, 'end', at + wrap);
  call.host.release(agent, at + wrap);
  return at + wrap;
}

/** A point within a span, a share of the way in drawn from [from, to). */
function within(call: CallRun, start: number, length: number, from: number, to: number): number {
  return start + Math.floor(length * (from + (to - from) * call.life.next()));
}

function customerOf(call: CallRun): ChannelRun {
  if (!call.customer) throw new Error(`call ${call.index} has no customer channel`);
  return call.customer;
}

/** A plain answered conversation, with an optional middle part (`during`) between connect and end. */
function conversation(
  call: CallRun,
  agent: Agent,
  at: number,
  during?: (agentChannel: ChannelRun, connectedAt: number, talk: number) => number,
): void {
  const customer = customerOf(call);
  const { channel, connectedAt } = agentAnswers(call, agent, at);
  const talk = call.draw('talk');
  const extra = during ? during(channel, connectedAt, talk) : 0;
  const end = connectedAt + talk + extra;
  hangUp(call, [customer, channel], end);
  wrapUp(call, agent, channel, end);
  call.finish('answered');
}

const inboundAnswered: FlowBehaviour = {
  arrive: (call, at) => inboundArrival(call, at),
  answer(call, agent, at) {
    conversation(call, agent, at);
    return undefined;
  },
};

export const FLOWS: Record<FlowName, FlowBehaviour> = {
  'inbound-answered': inboundAnswered,

  'inbound-abandoned': {
    arrive(call, at) {
      const customer = customerConnects(call, at);
      const leaveAt = at + call.draw('routing') + call.draw('patience');
      call.apply(customer, 'disconnect', leaveAt);
      call.finish('abandoned');
      return undefined;
    },
    answer: () => undefined,
  },

  'inbound-voicemail': {
    arrive(call, at) {
      const customer = customerConnects(call, at);
      const answeredAt = at + call.draw('routing');
      const voicemail = call.channel({ role: 'voicemail' });
      call.apply(voicemail, 'alert', answeredAt);
      call.apply(voicemail, 'connect', answeredAt);
      const end = answeredAt + call.draw('voicemail');
      call.apply(customer, 'disconnect', end);
      call.apply(voicemail, 'disconnect', end);
      call.finish('voicemail');
      return undefined;
    },
    answer: () => undefined,
  },

  'inbound-rerouted': {
    arrive: (call, at) => inboundArrival(call, at),
    answer(call, agent, at) {
      if (call.offered) {
        conversation(call, agent, at);
        call.summary.outcome = 'rerouted';
        return undefined;
      }
      // The first agent does not pick up: the attempt fails and the call goes back to the queue.
      const channel = call.agentChannel(agent);
      call.apply(channel, 'alert', at);
      const failedAt = at + call.draw('ringTimeout');
      call.apply(channel, 'fail', failedAt);
      call.apply(channel, 'end', failedAt);
      call.host.release(agent, failedAt);
      call.offered = true;
      call.exclude = agent;
      return failedAt;
    },
  },

  'outbound-answered': {
    arrive: (_call, at) => ({ queueAt: at, patience: Infinity }),
    answer(call, agent, at) {
      const { channel, customer, ringsAt } = agentDials(call, agent, at);
      const pickedUpAt = ringsAt + call.draw('dial');
      call.apply(customer, 'connect', pickedUpAt);
      const end = pickedUpAt + call.draw('talk');
      hangUp(call, [customer, channel], end);
      wrapUp(call, agent, channel, end);
      call.finish('answered');
      return undefined;
    },
  },

  'outbound-unanswered': {
    arrive: (_call, at) => ({ queueAt: at, patience: Infinity }),
    answer(call, agent, at) {
      const { channel, customer, ringsAt } = agentDials(call, agent, at);
      const givenUpAt = ringsAt + call.draw('ringTimeout');
      call.apply(customer, 'fail', givenUpAt);
      call.apply(customer, 'end', givenUpAt);
      call.apply(channel, 'disconnect', givenUpAt);
      wrapUp(call, agent, channel, givenUpAt);
      call.finish('unanswered');
      return undefined;
    },
  },

  'warm-transfer': {
    arrive: (call, at) => inboundArrival(call, at),
    answer(call, first, at) {
      const customer = customerOf(call);
      // The transferee is held from now, so nobody else books them before the consultation.
      const second = call.host.reserve(call.team, 'agents', at, first);
      if (!second) {
        conversation(call, first, at);
        return undefined;
      }
      const a = agentAnswers(call, first, at);
      const consultAt = a.connectedAt + call.draw('talk');
      call.apply(customer, 'hold', consultAt);
      const b = agentAnswers(call, second, consultAt);
      const handoverAt = b.connectedAt + call.draw('consult');
      call.apply(customer, 'retrieve', handoverAt);
      call.apply(a.channel, 'disconnect', handoverAt);
      wrapUp(call, first, a.channel, handoverAt);
      const end = handoverAt + call.flow.timings.talk(call.life);
      hangUp(call, [customer, b.channel], end);
      wrapUp(call, second, b.channel, end, false);
      call.finish('transferred');
      return undefined;
    },
  },

  'supervisor-monitoring': {
    arrive: (call, at) => inboundArrival(call, at),
    answer(call, agent, at) {
      const supervisor = call.host.reserve(call.team, 'supervisors', at);
      conversation(call, agent, at, (_channel, connectedAt, talk) => {
        if (!supervisor) return 0;
        const joinAt = within(call, connectedAt, talk, 0.1, 0.5);
        const monitor = call.agentChannel(supervisor, 'monitor');
        call.apply(monitor, 'alert', joinAt);
        call.apply(monitor, 'connect', joinAt);
        const leaveAt = Math.min(joinAt + call.draw('monitor'), connectedAt + talk);
        call.apply(monitor, 'disconnect', leaveAt);
        call.host.release(supervisor, leaveAt);
        return 0;
      });
      return undefined;
    },
  },

  'hold-retrieve': {
    arrive: (call, at) => inboundArrival(call, at),
    answer(call, agent, at) {
      conversation(call, agent, at, (_channel, connectedAt, talk) => {
        const customer = customerOf(call);
        const holdAt = within(call, connectedAt, talk, 0.2, 0.7);
        const hold = call.draw('hold');
        call.apply(customer, 'hold', holdAt);
        call.apply(customer, 'retrieve', holdAt + hold);
        return hold;
      });
      return undefined;
    },
  },

  'park-unpark': {
    arrive: (call, at) => inboundArrival(call, at),
    answer(call, agent, at) {
      conversation(call, agent, at, (channel, connectedAt, talk) => {
        const customer = customerOf(call);
        const parkAt = within(call, connectedAt, talk, 0.2, 0.7);
        const park = call.draw('park');
        for (const parked of [channel, customer]) call.apply(parked, 'park', parkAt);
        for (const parked of [channel, customer]) call.apply(parked, 'unpark', parkAt + park);
        return park;
      });
      return undefined;
    },
  },

  'email-interrupted': {
    arrive: (call, at) => inboundArrival(call, at, true),
    answer(call, agent, at) {
      conversation(call, agent, at, (emailChannel, connectedAt, handling) => {
        const customer = customerOf(call);
        // A call for the same agent, in a conversation of its own, arrives and is routed to them:
        // when their phone rings, the email loses their focus.
        const callAt = within(call, connectedAt, handling, 0.2, 0.7);
        const phone = {
          conversationId: randomGuid(call.life),
          interactionId: randomGuid(call.life),
        };
        const caller = call.channel({ role: 'external' }, phone);
        call.apply(caller, 'alert', callAt);
        call.apply(caller, 'connect', callAt);
        const interruptAt = callAt + call.draw('routing');
        for (const channel of [emailChannel, customer])
          call.apply(channel, 'interrupt', interruptAt);
        const answered = agentAnswers(call, agent, interruptAt, phone);
        const callEnd = answered.connectedAt + call.draw('interruption');
        hangUp(call, [caller, answered.channel], callEnd);
        const wrap = call.flow.timings.wrap(call.life);
        call.apply(answered.channel, 'end', callEnd + wrap);
        const resumeAt = callEnd + wrap;
        for (const channel of [emailChannel, customer]) call.apply(channel, 'resume', resumeAt);
        return resumeAt - callAt;
      });
      return undefined;
    },
  },
};
