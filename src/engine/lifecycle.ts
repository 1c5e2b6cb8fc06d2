import type { ChannelEventName, PartyRole } from '../contract/index.js';

/**
 * The channel lifecycle of the facts (§2) as a table: each phase, the steps allowed from it, and
 * the events each step emits (in order, at the same instant). The engine cannot emit anything this
 * table does not allow: {@link step} throws on an illegal step, which would be a bug in a flow.
 */
export type Phase =
  | 'new'
  | 'alerting'
  | 'connected'
  | 'held'
  | 'parked'
  | 'interrupted'
  | 'wrap'
  | 'unexpected'
  | 'done';

/** What a flow can do to a channel. */
export type Step =
  | 'alert'
  | 'connect'
  | 'fail'
  | 'hold'
  | 'retrieve'
  | 'park'
  | 'unpark'
  | 'interrupt'
  | 'resume'
  | 'disconnect'
  | 'end';

interface Transition {
  to: Phase;
  events: readonly ChannelEventName[];
}

/** Only agents wrap: their disconnect starts wrap at the same instant; everyone else just ends. */
function wraps(role: PartyRole): boolean {
  return role === 'agent';
}

const LIFECYCLE: Record<Phase, Partial<Record<Step, Transition>>> = {
  new: { alert: { to: 'alerting', events: ['channel.alerted'] } },
  alerting: {
    connect: { to: 'connected', events: ['channel.connected'] },
    fail: { to: 'unexpected', events: ['channel.connectionfailed'] },
  },
  connected: {
    hold: { to: 'held', events: ['channel.held'] },
    park: { to: 'parked', events: ['channel.parked'] },
    interrupt: { to: 'interrupted', events: ['channel.interrupted'] },
    // `disconnect` depends on the role; see step().
  },
  held: { retrieve: { to: 'connected', events: ['channel.retrieved'] } },
  parked: { unpark: { to: 'connected', events: ['channel.unparked'] } },
  interrupted: { resume: { to: 'connected', events: ['channel.resumed'] } },
  wrap: { end: { to: 'done', events: ['channel.ended'] } },
  unexpected: { end: { to: 'done', events: ['channel.ended'] } },
  done: {},
};

const DISCONNECT_AND_WRAP: Transition = {
  to: 'wrap',
  events: ['channel.disconnected', 'channel.wrapstarted'],
};
const DISCONNECT_AND_END: Transition = {
  to: 'done',
  events: ['channel.disconnected', 'channel.ended'],
};

/**
 * The transition for `step` from `phase` for a party of `role`.
 * @throws {Error} when the lifecycle does not allow it (a bug in a flow, never user input).
 */
export function step(phase: Phase, action: Step, role: PartyRole): Transition {
  if (phase === 'connected' && action === 'disconnect') {
    return wraps(role) ? DISCONNECT_AND_WRAP : DISCONNECT_AND_END;
  }
  const transition = LIFECYCLE[phase][action];
  if (!transition) throw new Error(`Illegal lifecycle step: ${action} from ${phase} (${role})`);
  return transition;
}
