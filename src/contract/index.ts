/**
 * The contract: what a correct VCC channel notification is. Pure (no I/O, no Node built-ins), so the
 * engine and the MSW twin can use it in a browser too.
 */
export {
  AGENT_ROLES,
  CHANNEL_EVENTS,
  CHANNEL_REASONS,
  EVENT_TYPES,
  PARTY_ROLES,
  eventType,
  eventTypeInfo,
  isEventType,
  type ChannelEventName,
  type EventType,
  type EventTypeInfo,
  type Provenance,
  type ReasonEventType,
} from './catalogue.js';
export {
  KSUID_EPOCH_SECONDS,
  KSUID_LENGTH,
  KSUID_MAX,
  KSUID_PAYLOAD_BYTES,
  createKsuidFactory,
  cryptoUint32Source,
  decodeKsuid,
  encodeKsuid,
  isKsuid,
  ksuidUnixSeconds,
  type KsuidFactory,
  type KsuidParts,
} from './ksuid.js';
export { CHANNEL_EVENT_SCHEMA, EVENT_SCHEMAS, type SchemaDocument } from './schemas.js';
export { compareUtc, formatMillis, formatTicks, isUtcDateTime } from './utc-time.js';
export { validateNotification } from './validator.js';
export type * from './types.js';
