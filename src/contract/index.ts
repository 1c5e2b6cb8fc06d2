/**
 * The contract: what a correct VCC notification (channel or agent) is. Pure (no I/O, no Node built-ins), so the
 * engine and the MSW twin can use it in a browser too.
 */
export {
  AGENT_EVENTS,
  AGENT_ROLES,
  CHANNEL_EVENTS,
  CHANNEL_REASONS,
  EVENT_SOURCES,
  EVENT_TYPES,
  PARTY_ROLES,
  eventType,
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
  type ReasonEventType,
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
  KSUID_EPOCH_SECONDS,
  KSUID_LENGTH,
  KSUID_MAX,
  KSUID_PAYLOAD_BYTES,
  createKsuidFactory,
  cryptoUint32Source,
  decodeKsuid,
  encodeKsuid,
  isKsuid,
  ksuidFromWords,
  ksuidUnixSeconds,
  writeKsuid,
  type KsuidFactory,
  type KsuidParts,
} from './ksuid.js';
export {
  decodeBase64,
  decodeBase64Url,
  encodeBase64,
  encodeBase64Url,
  encodeHex,
} from './base64.js';
export {
  DEFAULT_RETRY_POLICY,
  SUCCESS_STATUS_RANGE,
  VCC_RETRY_WINDOW_MS,
  VCC_TIMEOUT_MS,
  backoffDelay,
  isSuccessStatus,
  nextRetry,
  parseRetryAfter,
  retryPolicy,
  type FailedAttemptState,
  type GiveUpReason,
  type RetryDecision,
  type RetryPolicy,
} from './delivery-policy.js';
export {
  MIN_SECRET_BYTES,
  SIGNATURE_HEADER,
  SIGNATURE_LIFETIME_SECONDS,
  createWebhookSigner,
  createWebhookVerifier,
  generateWebhookSecret,
  signWebhook,
  verifyWebhookSignature,
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
  webCrypto,
  type HmacSha256,
  type MaybePromise,
  type SignatureCrypto,
} from './signature-crypto.js';
export { childPointer, stringAt, valueAt } from './json-pointer.js';
export {
  AGENT_EVENT_SCHEMA,
  CHANNEL_EVENT_SCHEMA,
  EVENT_SCHEMAS,
  type SchemaDocument,
} from './schemas.js';
export {
  compareUtc,
  formatMillis,
  formatTicks,
  isUtcDateTime,
  writeMillis,
  writeTicks,
} from './utc-time.js';
export { validateNotification } from './validator.js';
export type * from './types.js';
