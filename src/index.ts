/**
 * vcc-sim: a simulator of Vonage Contact Center webhook notifications.
 *
 * The root entry is the browser-safe core, exported by name: the engine (scenarios in,
 * notifications out), the contract (event catalogue, schemas, types, KSUIDs, UTC times),
 * validation, and webhook signing for receivers. Nothing here imports a Node built-in, and nothing
 * heavy loads until it is used. Node-only pieces have their own entries: `vcc-sim/file` (scenario
 * and notification files), `vcc-sim/http` (push, replay, listen); so do `vcc-sim/msw` and
 * `vcc-sim/pact`.
 */

// The engine.
export {
  BUILT_IN_SCENARIOS,
  StatisticsCollector,
  builtInScenario,
  parseScenario,
  peopleNames,
  planShard,
  runStatistics,
  simulate,
  simulateJson,
  simulateNdjson,
  type AgentDefinition,
  type AgentSpan,
  type AgentStatistics,
  type ArrivalsDefinition,
  type CallOutcome,
  type CallSummary,
  type BreakDefinition,
  type DistributionDefinition,
  type DurationStatistics,
  type DurationText,
  type FlowName,
  type HoursDefinition,
  type MissedCallDefinition,
  type MixEntryDefinition,
  type RosterDefinition,
  type ShiftDefinition,
  type TargetsDefinition,
  type VoicemailDefinition,
  type NdjsonChunk,
  type PeopleNames,
  type PeopleNamesOptions,
  type RunInfo,
  type RunStatistics,
  type Scenario,
  type ScenarioDefinition,
  type ServiceFigures,
  type ServiceStatistics,
  type ShardBy,
  type ShardOption,
  type ShardPlan,
  type SimulateOptions,
  type SimulationObserver,
  type StatisticsOptions,
  type TeamService,
  type TeamDefinition,
  type TimingsDefinition,
} from './engine/index.js';

// The contract: catalogue, schemas, notification types, presence, KSUIDs and UTC times.
export {
  DEFAULT_PRESENCE_STATES,
  EVENT_SCHEMAS,
  EVENT_TYPES,
  PARTY_ROLES,
  PRESENCE_CATEGORIES,
  compareUtc,
  createKsuidFactory,
  decodeKsuid,
  formatMillis,
  formatTicks,
  type AgentEventName,
  type AgentEventType,
  type AgentNotification,
  type AgentParty,
  type AgentRole,
  type AnonymousParty,
  type ChannelEventData,
  type ChannelEventName,
  type ChannelEventType,
  type ChannelInfo,
  type ChannelNotification,
  type ChannelReason,
  type DefaultPresenceKey,
  type EventEntity,
  type EventName,
  type EventType,
  type EventTypeInfo,
  type KsuidFactory,
  type KsuidParts,
  type Party,
  type PartyRole,
  type Presence,
  type PresenceCategory,
  type PresenceCategoryType,
  type PresenceChangedData,
  type PresenceState,
  type PresenceUser,
  type Provenance,
  type SchemaDocument,
  type Uint32Source,
  type VccNotification,
} from './contract/index.js';

// Validation.
export {
  validateNotification,
  type ValidateOptions,
  type ValidationIssue,
  type ValidationResult,
} from './contract/index.js';

// Webhook signatures, for receivers (and senders) in any runtime.
export {
  createWebhookSigner,
  createWebhookVerifier,
  generateWebhookSecret,
  type BodyBytes,
  type HmacSha256,
  type MaybePromise,
  type SignOptions,
  type SignatureClaims,
  type SignatureCrypto,
  type SignatureOptions,
  type SignatureProblem,
  type SignatureVerification,
  type VerifierOptions,
  type WebhookSigner,
  type WebhookVerifier,
} from './contract/index.js';

// The one error class the library throws on purpose.
export { VccSimError, isVccSimError, type VccSimErrorCode } from './errors.js';
