/**
 * What the notifications mean to a contact-centre person, derived as a consumer would: from the
 * notifications alone, never from the engine's state. Every rule the report uses lives here.
 *
 * - An **inbound** interaction starts with an `external` channel whose alerting lasted zero time
 *   (alerted and connected at one instant; VCC's inbound shape). It **arrives** when that channel
 *   connects. It is **answered** when a channel of role `agent` in the same interaction connects,
 *   **voicemail** when a `voicemail` channel connects first, **abandoned** when the customer's channel
 *   disconnects (or ends) before either, and **open** while none of these has happened.
 * - Its **wait** is from arrival to the agent's `connected` (ringing included, as callers hear it),
 *   or to the customer's hang-up for an abandoned call.
 * - An **outbound** interaction starts with an `agent` channel (or an `external` channel that rang):
 *   it **connects** when the customer's channel connects, is **unanswered** when that channel fails.
 * - An agent is **busy** from their channel's first event (alerted) to its `ended`: ringing,
 *   talking, holding and wrap-up. `monitor` channels (supervisors listening in) are drawn but are
 *   not handling time.
 * - **Service level** = answered within the threshold ÷ (answered + abandoned); **abandonment rate** =
 *   abandoned ÷ offered; **ASA** = mean wait of answered calls; **occupancy** = busy ÷ ready time.
 *
 * The functions take timestamps in any order and ignore repeats (a v1 beside its v0, a duplicate
 * delivery): each fact is the earliest instant it was seen.
 */
import { CHANNEL_STATES, type ChannelState, type PresenceKind, type Segment } from './types.js';

/** The default service-level threshold: 20 seconds, the usual "80/20" target's. */
export const SERVICE_LEVEL_THRESHOLD_MS = 20_000;

/** A channel event's name: `connected` in `channel.connected.v1`. */
type ChannelEventName = string;

/** One channel's notifications, reduced to what the derivations need. */
export interface ChannelRecord {
  role: string;
  agentId?: string;
  /** `[data.timestamp in ms, event name]`, in arrival order, repeats allowed. */
  events: Array<[number, ChannelEventName]>;
}

/** What an interaction was, once its notifications are in. */
export type InteractionVerdict =
  | {
      direction: 'inbound';
      arrivedMs: number;
      outcome: 'answered' | 'abandoned' | 'voicemail' | 'open';
      /** Until answered or abandoned (absent for voicemail and open). */
      waitMs?: number;
      /** When the call stopped waiting for an agent: answered, voicemail or abandoned. */
      settledMs?: number;
    }
  | { direction: 'outbound'; startedMs: number; outcome: 'connected' | 'unanswered' | 'open' }
  | { direction: 'unknown' };

/** The earliest instant of any of `names` on a channel. */
function firstOf(channel: ChannelRecord, ...names: ChannelEventName[]): number | undefined {
  let first: number | undefined;
  for (const [at, name] of channel.events) {
    if (names.includes(name) && (first === undefined || at < first)) first = at;
  }
  return first;
}

function earliest(values: Array<number | undefined>): number | undefined {
  let first: number | undefined;
  for (const value of values)
    if (value !== undefined && (first === undefined || value < first)) first = value;
  return first;
}

/** Classifies an interaction from its channels (see the module's rules). */
export function classifyInteraction(channels: Iterable<ChannelRecord>): InteractionVerdict {
  const all = [...channels];
  let first: ChannelRecord | undefined;
  let firstMs = Infinity;
  for (const channel of all) {
    const at = earliest(channel.events.map(([time]) => time)) ?? Infinity;
    // On a tie the customer's channel is first: an agent never rings before the call exists.
    if (at < firstMs || (at === firstMs && channel.role === 'external')) {
      first = channel;
      firstMs = at;
    }
  }
  if (!first) return { direction: 'unknown' };
  const connectedOf = (role: string) =>
    earliest(all.filter((channel) => channel.role === role).map((c) => firstOf(c, 'connected')));

  if (first.role === 'external') {
    const alerted = firstOf(first, 'alerted');
    const connected = firstOf(first, 'connected');
    if (connected !== undefined && (alerted === undefined || alerted === connected)) {
      const answered = connectedOf('agent');
      const voicemail = connectedOf('voicemail');
      const left = firstOf(first, 'disconnected', 'ended', 'connectionfailed');
      const before = (at: number | undefined, ...others: Array<number | undefined>) =>
        at !== undefined && others.every((other) => other === undefined || at <= other);
      if (before(answered, left, voicemail)) {
        return {
          direction: 'inbound',
          arrivedMs: connected,
          outcome: 'answered',
          waitMs: answered! - connected,
          settledMs: answered!,
        };
      }
      if (before(voicemail, left)) {
        return {
          direction: 'inbound',
          arrivedMs: connected,
          outcome: 'voicemail',
          settledMs: voicemail!,
        };
      }
      if (left !== undefined) {
        return {
          direction: 'inbound',
          arrivedMs: connected,
          outcome: 'abandoned',
          waitMs: left - connected,
          settledMs: left,
        };
      }
      return { direction: 'inbound', arrivedMs: connected, outcome: 'open' };
    }
  }
  if (first.role !== 'agent' && first.role !== 'external') return { direction: 'unknown' };
  const customers = all.filter((channel) => channel.role === 'external');
  const outcome = customers.some((c) => firstOf(c, 'connected') !== undefined)
    ? 'connected'
    : customers.some((c) => firstOf(c, 'connectionfailed', 'ended') !== undefined)
      ? 'unanswered'
      : 'open';
  return { direction: 'outbound', startedMs: firstMs, outcome };
}

/** The order of events that share an instant, as the lifecycle walks them. */
const SAME_INSTANT_ORDER: Record<string, number> = {
  alerted: 0,
  connected: 1,
  held: 2,
  parked: 2,
  interrupted: 2,
  retrieved: 3,
  unparked: 3,
  resumed: 3,
  connectionfailed: 4,
  disconnected: 5,
  wrapstarted: 6,
  ended: 7,
};

const STATE_INDEX = Object.fromEntries(
  CHANNEL_STATES.map((state, index) => [state, index]),
) as Record<ChannelState, number>;

/** The state a channel of `role` enters on an event; `null` when it stops being drawn. */
function stateAfter(name: ChannelEventName, role: string, current: ChannelState | null) {
  const talking: ChannelState = role === 'monitor' ? 'monitoring' : 'talking';
  switch (name) {
    case 'alerted':
      return 'ringing';
    case 'connected':
    case 'retrieved':
    case 'unparked':
    case 'resumed':
      return talking;
    case 'held':
      return 'held';
    case 'parked':
      return 'parked';
    case 'interrupted':
      return 'interrupted';
    case 'connectionfailed':
      return 'missed';
    case 'disconnected':
      // An agent's channel wraps up (wrapstarted comes at the same instant); others are done.
      return role === 'agent' ? 'wrap' : null;
    case 'wrapstarted':
      return 'wrap';
    case 'ended':
      return null;
    default:
      return current;
  }
}

/**
 * A channel's bars, in time order: each event ends the state before it. A channel that never
 * ended stops at its last event, so a filtered stream never invents time.
 */
export function channelSegments(channel: ChannelRecord): Segment[] {
  const events = [...channel.events].sort(
    ([a, x], [b, y]) => a - b || (SAME_INSTANT_ORDER[x] ?? 8) - (SAME_INSTANT_ORDER[y] ?? 8),
  );
  const segments: Segment[] = [];
  let state: ChannelState | null = null;
  let since = 0;
  for (const [at, name] of events) {
    const next = stateAfter(name, channel.role, state);
    if (next === state) continue;
    if (state !== null && at > since) segments.push([since, at, STATE_INDEX[state]]);
    state = next;
    since = at;
  }
  return segments;
}

/** The presence lane of a presence category (`data.presence.category`). */
export function presenceKind(category: string | undefined, subcategory?: string): PresenceKind {
  switch (category) {
    case 'ready':
      return subcategory === 'readyOutbound' ? 'readyOutbound' : 'ready';
    case 'extendedAway':
      return 'extendedAway';
    case 'loggedOut':
      return 'loggedOut';
    default:
      // `away`, and any category VCC adds later: the agent is not taking interactions.
      return 'away';
  }
}

/** Whether an agent in this presence can be offered interactions (occupancy's denominator). */
export function isReady(kind: PresenceKind): boolean {
  return kind === 'ready' || kind === 'readyOutbound';
}

function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Answered within the threshold ÷ (answered + abandoned); `null` when there were neither. */
export function serviceLevel(answeredWithin: number, answered: number, abandoned: number) {
  return ratio(answeredWithin, answered + abandoned);
}

/** Abandoned ÷ offered; `null` when nothing was offered. */
export function abandonmentRate(abandoned: number, offered: number) {
  return ratio(abandoned, offered);
}

/** Busy ÷ ready time, at most 1 (busy time outside Ready, such as finishing a call, is capped). */
export function occupancy(busyMs: number, readyMs: number): number | null {
  const value = ratio(busyMs, readyMs);
  return value === null ? null : Math.min(1, value);
}
