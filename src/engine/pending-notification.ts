import type { ChannelNotification, EventType } from '../contract/index.js';
import type { ChannelRun } from './call-run.js';

/**
 * A notification generated but not yet due: its fields, kept apart until it is sent, so it can be
 * built as an object or written straight to JSON text.
 */
export interface PendingNotification {
  /** Send time, in 100 ns ticks since the scenario start. */
  ticks: number;
  /** Tie-breakers for equal send times: the call, then the order the call generated them. */
  call: number;
  seq: number;
  type: EventType;
  id: string;
  time: string;
  timestamp: string;
  channel: ChannelRun;
  reason: string | undefined;
}

/** The notification as an object, properties in VCC's order. */
export function toNotification(pending: PendingNotification): ChannelNotification {
  const { channel } = pending;
  const party = channel.party;
  const data = {
    timestamp: pending.timestamp,
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
    id: pending.id,
    source: '/channel',
    subject: channel.channelId,
    time: pending.time,
    datacontenttype: 'application/json',
    data: pending.reason === undefined ? data : { ...data, reason: pending.reason },
  } as ChannelNotification;
}

/** `{"specversion":…,"type":"<type>","id":"` for each type, and what closes its `data`. */
const JSON_HEADS = new Map<string, string>();
const JSON_TAILS = new Map<string, string>();

function jsonHead(type: EventType, reason: string | undefined): string {
  let head = JSON_HEADS.get(type);
  if (head === undefined) {
    head = `{"specversion":"1.0","type":"${type}","id":"`;
    JSON_HEADS.set(type, head);
    JSON_TAILS.set(type, reason === undefined ? '}}' : `,"reason":"${reason}"}}`);
  }
  return head;
}

/**
 * The notification as JSON text, byte for byte what `JSON.stringify(toNotification(pending))`
 * gives (a test holds the two together), at a fraction of the cost: the parts that belong to the
 * type or to the channel are serialised once, and every other value is made by vcc-sim from
 * characters JSON never escapes (base62 ids, digits), so it needs no escaping.
 */
export function toJson(pending: PendingNotification): string {
  const channel = pending.channel;
  if (channel.jsonAfterId === undefined) {
    const data = JSON.stringify(toNotification(pending).data.channel);
    channel.jsonAfterId = `","source":"/channel","subject":"${channel.channelId}","time":"`;
    channel.jsonAfterTimestamp = `","channel":${data}`;
  }
  return (
    jsonHead(pending.type, pending.reason) +
    pending.id +
    channel.jsonAfterId +
    pending.time +
    '","datacontenttype":"application/json","data":{"timestamp":"' +
    pending.timestamp +
    channel.jsonAfterTimestamp! +
    JSON_TAILS.get(pending.type)!
  );
}
