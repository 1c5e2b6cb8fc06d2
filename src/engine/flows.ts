import type { AgentRun } from './agent-run.js';
import type { CallRun, ChannelRun } from './call-run.js';
import { BUSY_SHARE } from './defaults.js';
import { randomGuid } from './people.js';
import type { FlowName } from './types.js';

/**
 * What happens on each kind of call once the queue has done its part, written against the
 * lifecycle (`call.apply`), so a flow cannot emit an event the lifecycle does not allow. Flows
 * never decide whether a caller waits, abandons or goes to voicemail: the simulation does, from
 * the state of the queue. Times are milliseconds on the scenario clock.
 */
export type FlowBehaviour =
  | {
      direction: 'inbound';
      /** Whether the caller waits for ever (an email) instead of running out of patience. */
      patient?: boolean;
      /** Whether the agent offered the call lets it ring out (on the first offer only). */
      missesFirstOffer?: boolean;
      /** The agent answered at `at` on `channel`: the rest of the call. */
      answered(call: CallRun, agent: AgentRun, channel: ChannelRun, at: number): void;
    }
  | {
      direction: 'outbound';
      /** The agent dials at `at`: the whole call. */
      dial(call: CallRun, agent: AgentRun, at: number): void;
    };

/** Rings an agent from `at`: they answer after `ring`, or miss the call at the ring timeout. */
export function ringAgent(
  call: CallRun,
  agent: AgentRun,
  at: number,
  options: { miss?: boolean; ids?: { conversationId?: string; interactionId?: string } } = {},
): { channel: ChannelRun; answeredAt: number } | { channel: ChannelRun; missedAt: number } {
  const channel = call.agentChannel(agent, 'agent', options.ids);
  call.apply(channel, 'alert', at);
  const ring = call.draw('ring');
  const timeout = Math.max(1, call.draw('ringTimeout'));
  if (options.miss === true || ring >= timeout) {
    const missedAt = at + timeout;
    call.apply(channel, 'fail', missedAt);
    call.apply(channel, 'end', missedAt);
    call.summary.missed++;
    return { channel, missedAt };
  }
  call.apply(channel, 'connect', at + ring);
  return { channel, answeredAt: at + ring };
}

/**
 * An outbound call: the agent's own channel comes first (zero-length alerting); placing the call
 * takes a moment (routing) before the customer's phone rings.
 */
function agentDials(call: CallRun, agent: AgentRun, at: number) {
  const channel = call.agentChannel(agent);
  call.apply(channel, 'alert', at);
  call.apply(channel, 'connect', at);
  const customer = call.channel({ role: 'external' });
  const ringsAt = at + call.draw('routing');
  call.apply(customer, 'alert', ringsAt);
  return { channel, customer, ringsAt };
}

/** The customer does not pick up: busy fails fast, otherwise it rings until the timeout. */
function noPickUp(
  call: CallRun,
  ringsAt: number,
): { failedAt: number; outcome: 'busy' | 'unanswered' } {
  if (call.life.next() < BUSY_SHARE)
    return { failedAt: ringsAt + call.draw('busy'), outcome: 'busy' };
  return { failedAt: ringsAt + Math.max(1, call.draw('ringTimeout')), outcome: 'unanswered' };
}

/** The agent's side of an outbound call that failed: they hang up and wrap. */
function outboundFails(
  call: CallRun,
  agent: AgentRun,
  dialled: { channel: ChannelRun; customer: ChannelRun },
  failure: { failedAt: number; outcome: 'busy' | 'unanswered' },
): void {
  call.apply(dialled.customer, 'fail', failure.failedAt);
  call.apply(dialled.customer, 'end', failure.failedAt);
  call.apply(dialled.channel, 'disconnect', failure.failedAt);
  wrapUp(call, agent, dialled.channel, failure.failedAt);
  call.finish(failure.outcome);
}

/** Both sides leave at the same instant; whoever hangs up first is sent first. */
function hangUp(call: CallRun, channels: ChannelRun[], at: number): void {
  const ordered = call.life.below(2) === 0 ? channels : [...channels].reverse();
  for (const channel of ordered) call.apply(channel, 'disconnect', at);
}

/** After-call work: the agent's channel ends when wrap does, and the agent is free again. */
function wrapUp(
  call: CallRun,
  agent: AgentRun,
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

/**
 * A conversation from the agent's answer, with an optional middle part (`during`, which returns
 * how much longer it makes the call).
 */
function conversation(
  call: CallRun,
  agent: AgentRun,
  channel: ChannelRun,
  connectedAt: number,
  during?: (talk: number) => number,
): void {
  const talk = call.draw('talk');
  const extra = during ? during(talk) : 0;
  const end = connectedAt + talk + extra;
  hangUp(call, [customerOf(call), channel], end);
  wrapUp(call, agent, channel, end);
  call.finish('answered');
}

function inbound(
  answered: (call: CallRun, agent: AgentRun, channel: ChannelRun, at: number) => void,
  options: { patient?: boolean; missesFirstOffer?: boolean } = {},
): FlowBehaviour {
  return { direction: 'inbound', answered, ...options };
}

const plainCall = inbound((call, agent, channel, at) => conversation(call, agent, channel, at));

/**
 * The flows. `inbound-abandoned` and `inbound-voicemail` are plain inbound calls: whether a caller
 * abandons or reaches voicemail follows from the queue (patience, staffing, the scenario's
 * voicemail rules), never from the flow.
 */
export const FLOWS: Record<FlowName, FlowBehaviour> = {
  'inbound-answered': plainCall,
  'inbound-abandoned': plainCall,
  'inbound-voicemail': plainCall,

  // The first agent offered the call lets it ring out; the call is rerouted to another.
  'inbound-rerouted': inbound(
    (call, agent, channel, at) => conversation(call, agent, channel, at),
    {
      missesFirstOffer: true,
    },
  ),

  'outbound-answered': {
    direction: 'outbound',
    dial(call, agent, at) {
      const dialled = agentDials(call, agent, at);
      const pickUp = call.draw('dial');
      const timeout = Math.max(1, call.draw('ringTimeout'));
      if (pickUp >= timeout) {
        outboundFails(call, agent, dialled, {
          failedAt: dialled.ringsAt + timeout,
          outcome: 'unanswered',
        });
        return;
      }
      const pickedUpAt = dialled.ringsAt + pickUp;
      call.apply(dialled.customer, 'connect', pickedUpAt);
      const end = pickedUpAt + call.draw('talk');
      hangUp(call, [dialled.customer, dialled.channel], end);
      wrapUp(call, agent, dialled.channel, end);
      call.finish('answered');
    },
  },

  'outbound-unanswered': {
    direction: 'outbound',
    dial(call, agent, at) {
      const dialled = agentDials(call, agent, at);
      outboundFails(call, agent, dialled, noPickUp(call, dialled.ringsAt));
    },
  },

  'warm-transfer': inbound((call, first, firstChannel, at) => {
    const customer = customerOf(call);
    const consultAt = at + call.draw('talk');
    // The transferee is looked for when the consultation starts, among agents Ready then.
    call.host.later(call, consultAt, () => {
      const second = call.host.reserveAgent(call.team, consultAt, first);
      if (!second) {
        hangUp(call, [customer, firstChannel], consultAt);
        wrapUp(call, first, firstChannel, consultAt);
        call.finish('answered');
        return;
      }
      call.apply(customer, 'hold', consultAt);
      const ringing = ringAgent(call, second, consultAt);
      if ('missedAt' in ringing) {
        // Nobody picked up: the first agent takes the customer back and finishes the call.
        call.host.release(second, ringing.missedAt, true);
        call.apply(customer, 'retrieve', ringing.missedAt);
        const end = ringing.missedAt + call.flow.timings.talk(call.life);
        hangUp(call, [customer, firstChannel], end);
        wrapUp(call, first, firstChannel, end);
        call.finish('answered');
        return;
      }
      call.summary.transferred = true;
      const handoverAt = ringing.answeredAt + call.draw('consult');
      call.apply(customer, 'retrieve', handoverAt);
      call.apply(firstChannel, 'disconnect', handoverAt);
      wrapUp(call, first, firstChannel, handoverAt);
      const end = handoverAt + call.flow.timings.talk(call.life);
      hangUp(call, [customer, ringing.channel], end);
      wrapUp(call, second, ringing.channel, end, false);
      call.finish('answered');
    });
  }),

  'supervisor-monitoring': inbound((call, agent, channel, at) => {
    conversation(call, agent, channel, at, (talk) => {
      const joinAt = within(call, at, talk, 0.1, 0.5);
      const listen = call.draw('monitor');
      call.host.later(call, joinAt, () => {
        const supervisor = call.host.reserveSupervisor(call.team, joinAt);
        if (!supervisor) return;
        const monitor = call.agentChannel(supervisor, 'monitor');
        call.apply(monitor, 'alert', joinAt);
        call.apply(monitor, 'connect', joinAt);
        const leaveAt = Math.min(joinAt + listen, at + talk);
        call.apply(monitor, 'disconnect', leaveAt);
        call.host.releaseSupervisor(supervisor, leaveAt);
      });
      return 0;
    });
  }),

  'hold-retrieve': inbound((call, agent, channel, at) => {
    conversation(call, agent, channel, at, (talk) => {
      const customer = customerOf(call);
      const holdAt = within(call, at, talk, 0.2, 0.7);
      const hold = call.draw('hold');
      call.apply(customer, 'hold', holdAt);
      call.apply(customer, 'retrieve', holdAt + hold);
      return hold;
    });
  }),

  'park-unpark': inbound((call, agent, channel, at) => {
    conversation(call, agent, channel, at, (talk) => {
      const customer = customerOf(call);
      const parkAt = within(call, at, talk, 0.2, 0.7);
      const park = call.draw('park');
      for (const parked of [channel, customer]) call.apply(parked, 'park', parkAt);
      for (const parked of [channel, customer]) call.apply(parked, 'unpark', parkAt + park);
      return park;
    });
  }),

  'email-interrupted': inbound(
    (call, agent, emailChannel, at) => {
      conversation(call, agent, emailChannel, at, (handling) => {
        const customer = customerOf(call);
        // A call for the same agent, in a conversation of its own, arrives and is routed to them:
        // when their phone rings, the email loses their focus.
        const callAt = within(call, at, handling, 0.2, 0.7);
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
        const ringing = ringAgent(call, agent, interruptAt, { ids: phone });
        let resumeAt: number;
        if ('missedAt' in ringing) {
          // The agent lets it ring out; the caller hangs up, and the agent goes away after the email.
          call.apply(caller, 'disconnect', ringing.missedAt);
          agent.missedPending = true;
          resumeAt = ringing.missedAt;
        } else {
          const callEnd = ringing.answeredAt + call.draw('interruption');
          hangUp(call, [caller, ringing.channel], callEnd);
          const wrap = call.flow.timings.wrap(call.life);
          call.apply(ringing.channel, 'end', callEnd + wrap);
          resumeAt = callEnd + wrap;
        }
        for (const channel of [emailChannel, customer]) call.apply(channel, 'resume', resumeAt);
        return resumeAt - callAt;
      });
    },
    { patient: true },
  ),
};
