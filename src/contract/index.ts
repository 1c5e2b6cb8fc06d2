/**
 * The contract: what a correct VCC notification (channel or agent) is. Pure (no I/O, no Node built-ins), so the
 * engine and the MSW twin can use it in a browser too.
 */
export {
  AGENT_ROLES,
  EVENT_TYPES,
  PARTY_ROLES,
  eventTypeInfo,
  isAgentEventType,
  isChannelEventType,
  isEventType,
  timeIsWhenItHappened,
  type AgentEventName,
  type AgentEventType,
  type ChannelEventName,
  type ChannelEventType,
  type EventEntity,
  type EventName,
  type EventType,
  type EventTypeInfo,
  type Provenance,
} from './catalogue.js';
export {
  DEFAULT_PRESENCE_STATES,
  PRESENCE_CATEGORIES,
  PRESENCE_CATEGORY_DESCRIPTIONS,
  presenceData,
  type DefaultPresenceKey,
  type PresenceCategoryType,
  type PresenceState,
} from './presence.js';
export {
  createKsuidFactory,
  decodeKsuid,
  isKsuid,
  ksuidFromWords,
  writeKsuid,
  type KsuidFactory,
  type KsuidParts,
} from './ksuid.js';
export {
  SIGNATURE_HEADER,
  SIGNATURE_LIFETIME_SECONDS,
  createWebhookSigner,
  createWebhookVerifier,
  generateWebhookSecret,
  signWebhook,
  webhookSecretKey,
  webhookSecretProblem,
  type BodyBytes,
  type SignOptions,
  type SignatureClaims,
  type SignatureOptions,
  type SignatureProblem,
  type SignatureVerification,
  type VerifierOptions,
  type WebhookSigner,
  type WebhookVerifier,
} from './signature.js';
export {
  isPromise,
  webCrypto,
  type HmacSha256,
  type MaybePromise,
  type SignatureCrypto,
} from './signature-crypto.js';
export { EVENT_SCHEMAS, type SchemaDocument } from './schemas.js';
export { compareUtc, formatMillis, formatTicks, writeMillis, writeTicks } from './utc-time.js';
export { validateNotification } from './validator.js';
export type * from './types.js';
