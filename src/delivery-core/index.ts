/**
 * The delivery core: how a webhook delivery behaves, whichever adapter sends it. Options and their
 * checks, the chaos planner, pacing against the scenario clock, the retry policy and loop, bad
 * signatures, the counters and report vocabulary, and the resumable job format. Environment-free
 * (no `node:`, no msw, no undici): the HTTP pusher schedules it over undici, the MSW twin runs it
 * over `fetch`, the Pact broker client retries with its policy.
 */
export {
  createAttemptSigner,
  type AttemptSigner,
  type AttemptSignerOptions,
} from './attempt-signature.js';
export {
  badSignatureRate,
  chaosPlanner,
  chaosSettings,
  type ChaosPlan,
  type ChaosSettings,
} from './chaos.js';
export { ChaosSequencer } from './chaos-sequencer.js';
export { DELIVERY_DEFAULTS } from './defaults.js';
export { deliverySettings, type DeliverySettings } from './delivery-settings.js';
export { DeliveryStats, describeFailure, outcomeKey } from './delivery-stats.js';
export {
  JOB_FILE_SCHEMA,
  resumedOptions,
  savedJob,
  type JobDescription,
  type JobHeader,
  type SavedJob,
  type SecretSource,
  type UndeliveredRecord,
} from './job-file.js';
export { LatencyHistogram } from './latency-histogram.js';
export {
  checkDuration,
  checkPositive,
  checkShare,
  checkSpeed,
  parseDurationMs,
  parseShare,
  parseSpeed,
} from './option-values.js';
export { platformCrypto } from './platform-crypto.js';
export { scenarioClock, scenarioTime, type ScenarioClock } from './pacing.js';
export { classifyError, errorMessage } from './request-errors.js';
export {
  retryLoop,
  type AttemptVerdict,
  type RetryLoopOptions,
  type RetryLoopResult,
} from './retry-loop.js';
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
} from './retry-policy.js';
export type * from './types.js';
