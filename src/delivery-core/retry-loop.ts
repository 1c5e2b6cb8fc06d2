import {
  MAX_TIMER_DELAY_MS,
  nextRetry,
  type GiveUpReason,
  type RetryPolicy,
} from './retry-policy.js';

/** What a retry loop needs besides the attempt: the policy, a clock, jitter and a way to wait. */
export type RetryLoopOptions = {
  policy: RetryPolicy;
  /** Milliseconds since 1970. */
  now: () => number;
  /** Jitter draws, uniform in [0, 1). */
  random: () => number;
  /**
   * Waits out a back-off. May return the milliseconds it did not wait (a run that skips time, as
   * the twin at speed `max`): the loop counts them as passed, so the window still closes.
   */
  wait: (ms: number) => Promise<number | void>;
};

/** How an attempt went: settled (success, or a failure not worth retrying), or to be retried. */
export type AttemptVerdict = { settled: true } | { settled: false; retryAfterMs?: number };

/** Where a retry loop ended. */
export type RetryLoopResult<V> = {
  /** The last attempt's value. */
  value: V;
  attempts: number;
  /** Set when the policy gave up on a failure that was worth retrying. */
  gaveUp?: GiveUpReason;
};

/**
 * Runs `attempt` until `judge` settles it or the policy gives up: exponential back-off with
 * jitter, at least as long as a `Retry-After` asks, within attempts and the window. The loop the
 * MSW twin's deliveries, the Pact broker client and scripted checks share; the HTTP pusher, which
 * keeps thousands of notifications in flight, asks the same policy through `nextRetry` instead.
 */
export async function retryLoop<V>(
  attempt: (attemptNumber: number, atMs: number) => Promise<V>,
  judge: (value: V, atMs: number) => AttemptVerdict,
  options: RetryLoopOptions,
  onRetry?: (value: V, delayMs: number) => void,
): Promise<RetryLoopResult<V>> {
  let skipped = 0;
  const now = () => options.now() + skipped;
  const firstAttemptAt = now();
  for (let attempts = 1; ; attempts++) {
    const value = await attempt(attempts, now());
    const verdict = judge(value, now());
    if (verdict.settled) return { value, attempts };
    const decision = nextRetry(
      options.policy,
      {
        attempts,
        firstAttemptAt,
        now: now(),
        ...(verdict.retryAfterMs === undefined ? {} : { retryAfterMs: verdict.retryAfterMs }),
      },
      options.random,
    );
    if (!decision.retry) return { value, attempts, gaveUp: decision.reason };
    onRetry?.(value, decision.delayMs);
    // A wait past one timer's reach is taken in steps (a longer timer would fire at once).
    for (let left = decision.delayMs; left > 0; left -= MAX_TIMER_DELAY_MS) {
      skipped += (await options.wait(Math.min(left, MAX_TIMER_DELAY_MS))) ?? 0;
    }
  }
}
