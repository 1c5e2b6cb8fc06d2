/**
 * The delivery core: how a webhook delivery behaves, whichever adapter sends it. Options and their
 * checks, the chaos planner, pacing against the scenario clock, the retry policy and loop, bad
 * signatures, the counters and report vocabulary, and the resumable job format. Environment-free
 * (no `node:`, no msw, no undici): the HTTP pusher schedules it over undici, the MSW twin runs it
 * over `fetch`, the Pact broker client retries with its policy.
 */
export { createAttemptSigner, type AttemptSigner } from './attempt-signature.js';
export type { BadSignature } from './bad-signature-kinds.js';
export { createSignatureForger, type SignatureForger } from './bad-signatures.js';
export { chaosPlanner, type ChaosPlan } from './chaos.js';
export {
  STRUCTURED_CONTENT_TYPE,
  cloudEventRequest,
  type CloudEventMode,
} from './cloud-event-request.js';
export { ChaosSequencer } from './chaos-sequencer.js';
export { Deadlines, type DeadlineEntry } from './deadlines.js';
export { DELIVERY_DEFAULTS } from './defaults.js';
export { deliverySettings, type DeliverySettings } from './delivery-settings.js';
export { DeliveryStats, describeFailure, outcomeKey } from './delivery-stats.js';
export { LatencyHistogram } from './latency-histogram.js';
export {
  JOB_FILE_FORMAT,
  resumedOptions,
  savedJob,
  type JobHeader,
  type JobMark,
  type JobResumed,
  type SavedJob,
  type SecretSource,
  type UndeliveredRecord,
} from './job-file.js';
export { JobFileState, jobLineKind, markLine, pendingRecordLine } from './job-file-state.js';
export {
  checkInstant,
  checkPositive,
  checkStart,
  parseDurationMs,
  parseShare,
  parseSpeed,
} from './option-values.js';
export { platformCrypto } from './platform-crypto.js';
export { scenarioClock, scenarioTime } from './pacing.js';
export { classifyError, errorMessage } from './request-errors.js';
export { retryLoop, type AttemptVerdict, type RetryLoopOptions } from './retry-loop.js';
export { waitUntil } from './wait-until.js';
export {
  inProcessRoute,
  routeFetch,
  type FetchHandler,
  type FetchLike,
  type RouteTarget,
} from './route-fetch.js';
export {
  MAX_TIMER_DELAY_MS,
  isSuccessStatus,
  nextRetry,
  parseRetryAfter,
  retryPolicy,
  type GiveUpReason,
  type RetryPolicy,
} from './retry-policy.js';
export type * from './types.js';
export { maskUrl, maskWebhookUrl, parseWebhookUrl } from './webhook-url.js';
