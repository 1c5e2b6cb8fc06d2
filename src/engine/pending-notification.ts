import {
  eventTypeInfo,
  timeIsWhenItHappened,
  formatMillis,
  formatTicks,
  ksuidFromWords,
  writeKsuid,
  writeMillis,
  writeTicks,
  type ChannelNotification,
  type EventType,
} from '../contract/index.js';
import type { ChannelParts, ChannelRun } from './call-run.js';

/**
 * A notification generated but not yet due, as raw numbers: it is rendered only when it is sent,
 * as an object, as JSON text, or straight into NDJSON bytes.
 */
export interface PendingNotification {
  /** Send time, in 100 ns ticks since the scenario start (orders the heap). */
  ticks: number;
  /** Tie-breakers for equal send times: the call, then the order the call generated them. */
  call: number;
  seq: number;
  type: EventType;
  channel: ChannelRun;
  reason: string | undefined;
  /** `time`: whole milliseconds since 1970 and the 100 ns ticks within the millisecond. */
  sentMs: number;
  sentSubTicks: number;
  /** `data.timestamp`, milliseconds since 1970. */
  eventMs: number;
  /** The KSUID's payload as four big-endian words; its second is the second of `time`. */
  w0: number;
  w1: number;
  w2: number;
  w3: number;
}

/**
 * `time` as milliseconds and sub-millisecond ticks. The Decision on `time` (README): on v0 it is
 * when the notification was sent; on v1 when the event happened (`data.timestamp`, written with 7
 * digits). The id is minted when it is sent, whatever the version.
 */
function timeOf(pending: PendingNotification): [ms: number, subTicks: number] {
  return partsOfType(pending).eventTime
    ? [pending.eventMs, 0]
    : [pending.sentMs, pending.sentSubTicks];
}

function idOf(pending: PendingNotification): string {
  const { sentMs, w0, w1, w2, w3 } = pending;
  return ksuidFromWords(Math.floor(sentMs / 1000), w0, w1, w2, w3);
}

/** The notification as an object, properties in VCC's order. */
export function toNotification(pending: PendingNotification): ChannelNotification {
  const { channel } = pending;
  const party = channel.party;
  const data = {
    timestamp: formatMillis(pending.eventMs),
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
    time: formatTicks(...timeOf(pending)),
    datacontenttype: 'application/json',
    data: pending.reason === undefined ? data : { ...data, reason: pending.reason },
  } as ChannelNotification;
}

/**
 * The JSON of a notification in five constant parts around its three variable ones (id, time,
 * timestamp). The parts that belong to a type or a channel are serialised once; the variable
 * values are made by vcc-sim from characters JSON never escapes (base62, digits), so this is byte
 * for byte what `JSON.stringify(toNotification(pending))` gives. A test holds the two together.
 */
interface TypeParts {
  /** `{"specversion":"1.0","type":"<type>","id":"` */
  head: string;
  /** `}}`, or `,"reason":"released"}}` */
  tail: string;
  headBytes: Uint8Array;
  tailBytes: Uint8Array;
  /** Whether `time` is when the event happened (v1) rather than when it was sent (v0). */
  eventTime: boolean;
}

const MIDDLE = '","datacontenttype":"application/json","data":{"timestamp":"';
const encoder = new TextEncoder();
const MIDDLE_BYTES = encoder.encode(MIDDLE);
const typeParts = new Map<EventType, TypeParts>();

function partsOfType(pending: PendingNotification): TypeParts {
  let parts = typeParts.get(pending.type);
  if (parts === undefined) {
    const head = `{"specversion":"1.0","type":"${pending.type}","id":"`;
    const tail = pending.reason === undefined ? '}}' : `,"reason":"${pending.reason}"}}`;
    parts = {
      head,
      tail,
      headBytes: encoder.encode(head),
      tailBytes: encoder.encode(tail),
      eventTime: timeIsWhenItHappened(eventTypeInfo(pending.type)!.version),
    };
    typeParts.set(pending.type, parts);
  }
  return parts;
}

function partsOfChannel(pending: PendingNotification): ChannelParts {
  const channel = pending.channel;
  if (channel.parts === undefined) {
    const { party } = channel;
    // JSON.stringify on the values only: agent ids come from scenario files and must be escaped.
    const partyJson =
      party.role === 'agent' || party.role === 'monitor'
        ? `{"role":"${party.role}","agentId":${JSON.stringify(party.agentId)},"userId":${JSON.stringify(party.userId)}}`
        : `{"role":"${party.role}"}`;
    const afterId = `","source":"/channel","subject":"${channel.channelId}","time":"`;
    const afterTimestamp = `","channel":{"conversationId":"${channel.conversationId}","interactionId":"${channel.interactionId}","channelId":"${channel.channelId}","party":${partyJson}}`;
    channel.parts = {
      afterId,
      afterTimestamp,
      afterIdBytes: encoder.encode(afterId),
      afterTimestampBytes: encoder.encode(afterTimestamp),
    };
  }
  return channel.parts;
}

/** The notification as JSON text: exactly `JSON.stringify(toNotification(pending))`. */
export function toJson(pending: PendingNotification): string {
  const type = partsOfType(pending);
  const channel = partsOfChannel(pending);
  return (
    type.head +
    idOf(pending) +
    channel.afterId +
    formatTicks(...timeOf(pending)) +
    MIDDLE +
    formatMillis(pending.eventMs) +
    channel.afterTimestamp +
    type.tail
  );
}

/** The most bytes the variable parts take: KSUID 27, `time` 28, `data.timestamp` 24, newline 1. */
const VARIABLE_BYTES = 80;

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
  const channel = partsOfChannel(pending);
  const needed =
    type.headBytes.length +
    channel.afterIdBytes.length +
    MIDDLE_BYTES.length +
    channel.afterTimestampBytes.length +
    type.tailBytes.length +
    VARIABLE_BYTES;
  if (offset + needed > target.length) return -1;
  target.set(type.headBytes, offset);
  offset += type.headBytes.length;
  const { sentMs, w0, w1, w2, w3 } = pending;
  offset = writeKsuid(target, offset, Math.floor(sentMs / 1000), w0, w1, w2, w3);
  target.set(channel.afterIdBytes, offset);
  const [timeMs, timeSubTicks] = timeOf(pending);
  offset = writeTicks(target, offset + channel.afterIdBytes.length, timeMs, timeSubTicks);
  target.set(MIDDLE_BYTES, offset);
  offset = writeMillis(target, offset + MIDDLE_BYTES.length, pending.eventMs);
  target.set(channel.afterTimestampBytes, offset);
  offset += channel.afterTimestampBytes.length;
  target.set(type.tailBytes, offset);
  offset += type.tailBytes.length;
  target[offset] = 10;
  return offset + 1;
}
