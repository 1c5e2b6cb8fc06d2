import {
  DEFAULT_PRESENCE_STATES,
  eventTypeInfo,
  formatMillis,
  formatTicks,
  ksuidFromWords,
  presenceData,
  timeIsWhenItHappened,
  writeKsuid,
  writeMillis,
  writeTicks,
  type EventType,
  type VccNotification,
} from '../contract/index.js';
import type { AgentRun } from './agent-run.js';
import type { ChannelRun } from './call-run.js';
import type { SubjectParts } from './notification-parts.js';
import type { PresenceName } from './types.js';

interface PendingBase {
  /** Send time, in 100 ns ticks since the scenario start (orders the heap). */
  ticks: number;
  /**
   * Tie-breakers for equal send times: who made it (a call's index; agents come first, by their
   * place in the scenario, as negative numbers), then the order they made them in.
   */
  order: number;
  seq: number;
  type: EventType;
  /** When it was sent: whole milliseconds since 1970 and the 100 ns ticks within the millisecond. */
  sentMs: number;
  sentSubTicks: number;
  /** When the event happened (`data.timestamp`), likewise. */
  eventMs: number;
  eventSubTicks: number;
  /** The KSUID's payload as four big-endian words; its second is the second it was sent. */
  w0: number;
  w1: number;
  w2: number;
  w3: number;
}

/**
 * A notification generated but not yet due, as raw numbers: it is rendered only when it is sent,
 * as an object, as JSON text, or straight into NDJSON bytes.
 */
export type PendingNotification =
  | (PendingBase & { kind: 'channel'; channel: ChannelRun })
  | (PendingBase & { kind: 'presence'; agent: AgentRun; presence: PresenceName });

function idOf(pending: PendingNotification): string {
  const { sentMs, w0, w1, w2, w3 } = pending;
  return ksuidFromWords(Math.floor(sentMs / 1000), w0, w1, w2, w3);
}

function timeOf(pending: PendingNotification): string {
  return partsOfType(pending).timeIsEvent
    ? formatTicks(pending.eventMs, pending.eventSubTicks)
    : formatTicks(pending.sentMs, pending.sentSubTicks);
}

/** `data.timestamp`: 3 fractional digits on channel events, 7 on agent events, as VCC writes them. */
function timestampOf(pending: PendingNotification): string {
  return pending.kind === 'channel'
    ? formatMillis(pending.eventMs)
    : formatTicks(pending.eventMs, pending.eventSubTicks);
}

/** The notification as an object, properties in VCC's order. */
export function toNotification(pending: PendingNotification): VccNotification {
  if (pending.kind === 'presence') {
    const { agentId, userId } = pending.agent.identity;
    return {
      specversion: '1.0',
      type: pending.type,
      id: idOf(pending),
      source: '/agent',
      subject: agentId,
      time: timeOf(pending),
      datacontenttype: 'application/json',
      data: {
        timestamp: timestampOf(pending),
        presence: presenceData(DEFAULT_PRESENCE_STATES[pending.presence]),
        user: { agentId, userId },
      },
    } as VccNotification;
  }
  const { channel } = pending;
  const { reason } = partsOfType(pending);
  const party = channel.party;
  const data = {
    timestamp: timestampOf(pending),
    channel: {
      conversationId: channel.conversationId,
      interactionId: channel.interactionId,
      channelId: channel.channelId,
      party:
        party.role === 'agent' || party.role === 'monitor'
          ? { role: party.role, agentId: party.agentId, userId: party.userId }
          : { role: party.role },
    },
  };
  return {
    specversion: '1.0',
    type: pending.type,
    id: idOf(pending),
    source: '/channel',
    subject: channel.channelId,
    time: timeOf(pending),
    datacontenttype: 'application/json',
    data: reason === undefined ? data : { ...data, reason },
  } as VccNotification;
}

/**
 * The JSON of a notification in five constant parts around its three variable ones (id, time,
 * timestamp). The parts that belong to a type, a channel or an agent's presence are serialised
 * once; the variable values are made by vcc-sim from characters JSON never escapes (base62,
 * digits), so this is byte for byte what `JSON.stringify(toNotification(pending))` gives. A test
 * holds the two together.
 */
interface TypeParts {
  /** `data.reason` of the type (`released` where the catalogue gives one). */
  reason: string | undefined;
  /** `time` is when the event happened (v1 and later), not when the notification was sent. */
  timeIsEvent: boolean;
  /** `{"specversion":"1.0","type":"<type>","id":"` */
  head: string;
  /** `}}`, or `,"reason":"released"}}` */
  tail: string;
  headBytes: Uint8Array;
  tailBytes: Uint8Array;
}

const MIDDLE = '","datacontenttype":"application/json","data":{"timestamp":"';
const encoder = new TextEncoder();
const MIDDLE_BYTES = encoder.encode(MIDDLE);
const typeParts = new Map<EventType, TypeParts>();

function partsOfType(pending: PendingNotification): TypeParts {
  let parts = typeParts.get(pending.type);
  if (parts === undefined) {
    const info = eventTypeInfo(pending.type)!;
    const reason = info.reasons?.[0];
    const head = `{"specversion":"1.0","type":"${pending.type}","id":"`;
    const tail = reason === undefined ? '}}' : `,"reason":"${reason}"}}`;
    parts = {
      reason,
      timeIsEvent: timeIsWhenItHappened(info.version),
      head,
      tail,
      headBytes: encoder.encode(head),
      tailBytes: encoder.encode(tail),
    };
    typeParts.set(pending.type, parts);
  }
  return parts;
}

function subjectParts(afterId: string, afterTimestamp: string): SubjectParts {
  return {
    afterId,
    afterTimestamp,
    afterIdBytes: encoder.encode(afterId),
    afterTimestampBytes: encoder.encode(afterTimestamp),
  };
}

function partsOfSubject(pending: PendingNotification): SubjectParts {
  if (pending.kind === 'presence') {
    const { agent, presence } = pending;
    let parts = agent.parts[presence];
    if (parts === undefined) {
      // JSON.stringify on the values: agent ids come from scenario files and must be escaped.
      const { agentId, userId } = agent.identity;
      const user = JSON.stringify({ agentId, userId });
      const state = JSON.stringify(presenceData(DEFAULT_PRESENCE_STATES[presence]));
      parts = subjectParts(
        `","source":"/agent","subject":${JSON.stringify(agentId)},"time":"`,
        `","presence":${state},"user":${user}`,
      );
      agent.parts[presence] = parts;
    }
    return parts;
  }
  const channel = pending.channel;
  if (channel.parts === undefined) {
    const { party } = channel;
    const partyJson =
      party.role === 'agent' || party.role === 'monitor'
        ? `{"role":"${party.role}","agentId":${JSON.stringify(party.agentId)},"userId":${JSON.stringify(party.userId)}}`
        : `{"role":"${party.role}"}`;
    channel.parts = subjectParts(
      `","source":"/channel","subject":"${channel.channelId}","time":"`,
      `","channel":{"conversationId":"${channel.conversationId}","interactionId":"${channel.interactionId}","channelId":"${channel.channelId}","party":${partyJson}}`,
    );
  }
  return channel.parts;
}

/** The notification as JSON text: exactly `JSON.stringify(toNotification(pending))`. */
export function toJson(pending: PendingNotification): string {
  const type = partsOfType(pending);
  const subject = partsOfSubject(pending);
  return (
    type.head +
    idOf(pending) +
    subject.afterId +
    timeOf(pending) +
    MIDDLE +
    timestampOf(pending) +
    subject.afterTimestamp +
    type.tail
  );
}

/** The most bytes the variable parts take: KSUID 27, `time` 28, `data.timestamp` 28, newline 1. */
const VARIABLE_BYTES = 84;

/**
 * Writes the NDJSON line of a notification into `target` at `offset`: the UTF-8 of
 * {@link toJson} and a newline, made without building any string. Returns the offset after it, or
 * -1 (writing nothing) when `target` has too little room left.
 */
export function writeNdjsonLine(
  target: Uint8Array,
  offset: number,
  pending: PendingNotification,
): number {
  const type = partsOfType(pending);
  const subject = partsOfSubject(pending);
  const needed =
    type.headBytes.length +
    subject.afterIdBytes.length +
    MIDDLE_BYTES.length +
    subject.afterTimestampBytes.length +
    type.tailBytes.length +
    VARIABLE_BYTES;
  if (offset + needed > target.length) return -1;
  target.set(type.headBytes, offset);
  offset += type.headBytes.length;
  const { sentMs, w0, w1, w2, w3 } = pending;
  offset = writeKsuid(target, offset, Math.floor(sentMs / 1000), w0, w1, w2, w3);
  target.set(subject.afterIdBytes, offset);
  offset += subject.afterIdBytes.length;
  offset = type.timeIsEvent
    ? writeTicks(target, offset, pending.eventMs, pending.eventSubTicks)
    : writeTicks(target, offset, sentMs, pending.sentSubTicks);
  target.set(MIDDLE_BYTES, offset);
  offset += MIDDLE_BYTES.length;
  offset =
    pending.kind === 'channel'
      ? writeMillis(target, offset, pending.eventMs)
      : writeTicks(target, offset, pending.eventMs, pending.eventSubTicks);
  target.set(subject.afterTimestampBytes, offset);
  offset += subject.afterTimestampBytes.length;
  target.set(type.tailBytes, offset);
  offset += type.tailBytes.length;
  target[offset] = 10;
  return offset + 1;
}
