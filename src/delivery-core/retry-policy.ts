import { VccSimError } from '../errors.js';

/**
 * How VCC decides a delivery (facts §3): a status of 200–205 is success; anything else, no answer
 * in time, or a connection error is a failed attempt, retried with exponential back-off and jitter,
 * honouring `Retry-After`, until attempts or the retry window run out. Pure: the clock and the
 * random source are arguments.
 */

/** The lowest and highest status VCC counts as delivered. Redirects (3xx) are failures. */
const SUCCESS_STATUS_RANGE = { min: 200, max: 205 } as const;

/**
 * The longest wait one timer can take (2³¹ − 1 ms, about 24.8 days): Node and browsers fire a
 * longer one at once. Every wait is capped at it, and a longer one is taken in such steps.
 */
export const MAX_TIMER_DELAY_MS = 2_147_483_647;

/** How long VCC waits for an answer: 10 seconds. */
export const VCC_TIMEOUT_MS = 10_000;

/** Whether a response status means the notification was delivered (200–205 only). */
export function isSuccessStatus(status: number): boolean {
  return status >= SUCCESS_STATUS_RANGE.min && status <= SUCCESS_STATUS_RANGE.max;
}

/** When to retry and when to give up. */
export type RetryPolicy = {
  /** Attempts in all, the first included (1 = never retry). */
  maxAttempts: number;
  /** No attempt starts later than this long after the first one (milliseconds). */
  retryWindowMs: number;
  /** The back-off before the first retry, before jitter (milliseconds). */
  initialDelayMs: number;
  /** The back-off never grows beyond this (milliseconds). */
  maxDelayMs: number;
  /** Each retry waits this many times longer than the one before. */
  multiplier: number;
  /** The share of each delay that is random, 0–1: the delay is drawn from [d·(1−jitter), d]. */
  jitter: number;
};

/**
 * A development default: VCC's schedule is not published, and a dev loop should not wait 24 hours.
 * Eight attempts over at most ten minutes, 0.5 s doubling to 30 s, half of each delay random.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 8,
  retryWindowMs: 10 * 60 * 1000,
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  multiplier: 2,
  jitter: 0.5,
});

function invalid(name: string, value: number, rule: string): VccSimError {
  return new VccSimError('usage', `Retry policy: ${name} must be ${rule} (got ${value}).`);
}

/**
 * The default policy with `overrides` applied, checked.
 * @throws {VccSimError} code `usage` for a value out of range.
 */
export function retryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY };
  for (const [key, value] of Object.entries(overrides) as Array<[keyof RetryPolicy, number]>) {
    if (value !== undefined) policy[key] = value;
  }
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw invalid('maxAttempts', policy.maxAttempts, 'a whole number ≥ 1');
  }
  for (const key of ['retryWindowMs', 'initialDelayMs', 'maxDelayMs'] as const) {
    if (!(policy[key] >= 0)) throw invalid(key, policy[key], 'a number ≥ 0');
  }
  if (!(policy.multiplier >= 1)) throw invalid('multiplier', policy.multiplier, '≥ 1');
  if (!(policy.jitter >= 0 && policy.jitter <= 1)) {
    throw invalid('jitter', policy.jitter, 'between 0 and 1');
  }
  return policy;
}

/**
 * The back-off after `failedAttempts` failures (≥ 1): `initialDelayMs · multiplier^(n−1)`, capped at
 * `maxDelayMs`, then reduced by up to `jitter` of itself using `random` (uniform in [0, 1)).
 */
export function backoffDelay(
  policy: RetryPolicy,
  failedAttempts: number,
  random: () => number,
): number {
  const exponent = Math.max(0, failedAttempts - 1);
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.multiplier ** exponent);
  return Math.round(base * (1 - policy.jitter * random()));
}

const DELTA_SECONDS = /^\d+$/;

/**
 * A `Retry-After` header as a delay in milliseconds from `nowMs`: delta-seconds (`120`) or an
 * HTTP-date (`Wed, 21 Oct 2015 07:28:00 GMT`; a date in the past means 0). `undefined` when the
 * header is absent or neither form.
 */
export function parseRetryAfter(
  value: string | readonly string[] | null | undefined,
  nowMs: number,
): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return undefined;
  if (DELTA_SECONDS.test(text)) return Number(text) * 1000;
  // An HTTP-date names its weekday and zone; a bare number or other text is not one.
  if (!/^[A-Za-z]{3}/.test(text) || !/GMT$/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Why a notification was given up. */
export type GiveUpReason = 'max-attempts' | 'retry-window';

/** What to do after a failed attempt. */
export type RetryDecision =
  { retry: true; delayMs: number } | { retry: false; reason: GiveUpReason };

/** The state of a notification after a failed attempt. */
export type FailedAttemptState = {
  /** Attempts made so far, the failed one included. */
  attempts: number;
  /** When the first attempt started (milliseconds). */
  firstAttemptAt: number;
  /** Now (milliseconds). */
  now: number;
  /** The failed response's `Retry-After`, parsed with {@link parseRetryAfter}. */
  retryAfterMs?: number;
};

/**
 * Whether and when to retry. The delay is the back-off, or `Retry-After` when the server asks for
 * longer. A back-off that would pass the window's end is shortened to a last attempt at its end; a
 * `Retry-After` that passes it gives up, since retrying earlier would ignore the server.
 */
export function nextRetry(
  policy: RetryPolicy,
  state: FailedAttemptState,
  random: () => number,
): RetryDecision {
  if (state.attempts >= policy.maxAttempts) return { retry: false, reason: 'max-attempts' };
  const remaining = state.firstAttemptAt + policy.retryWindowMs - state.now;
  if (remaining <= 0) return { retry: false, reason: 'retry-window' };
  const backoff = backoffDelay(policy, state.attempts, random);
  const asked = state.retryAfterMs ?? 0;
  if (asked > remaining) return { retry: false, reason: 'retry-window' };
  return { retry: true, delayMs: Math.min(Math.max(backoff, asked), remaining) };
}
