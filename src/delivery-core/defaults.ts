import { DEFAULT_RETRY_POLICY, VCC_TIMEOUT_MS } from './retry-policy.js';
import type { Speed } from './types.js';

/**
 * The defaults of every delivery option, in one place (the retry policy's are in
 * `DEFAULT_RETRY_POLICY`). A small module of its own, so `--help` can show them without loading
 * the rest of the core.
 */
export const DELIVERY_DEFAULTS = Object.freeze({
  speed: 'max' as Speed,
  concurrency: 32,
  timeoutMs: VCC_TIMEOUT_MS,
  maxAttempts: DEFAULT_RETRY_POLICY.maxAttempts,
  retryWindowMs: DEFAULT_RETRY_POLICY.retryWindowMs,
  seed: 1,
  drainTimeoutMs: 5_000,
  chaosDelayMaxMs: 5_000,
});
