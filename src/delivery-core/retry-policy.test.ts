import { describe, expect, it } from 'vitest';
import { isVccSimError } from '../errors.js';
import { retryLoop } from './retry-loop.js';
import {
  DEFAULT_RETRY_POLICY,
  MAX_TIMER_DELAY_MS,
  backoffDelay,
  isSuccessStatus,
  nextRetry,
  parseRetryAfter,
  retryPolicy,
} from './retry-policy.js';

const NOW = Date.parse('2015-10-21T07:28:00.000Z');

describe('isSuccessStatus', () => {
  it('counts 200–205 as delivered, and nothing else', () => {
    const delivered = Array.from({ length: 600 }, (_, status) => status).filter(isSuccessStatus);
    expect(delivered).toEqual([200, 201, 202, 203, 204, 205]);
  });

  it.each([206, 301, 302, 307, 308, 400, 429, 500, 503])(
    'counts %i as a failed attempt',
    (status) => {
      expect(isSuccessStatus(status)).toBe(false);
    },
  );
});

describe('backoffDelay', () => {
  const policy = retryPolicy({
    initialDelayMs: 100,
    multiplier: 2,
    maxDelayMs: 1_000,
    jitter: 0.5,
  });

  it('doubles from the initial delay up to the cap when the jitter draws nothing', () => {
    const delays = [1, 2, 3, 4, 5, 6].map((n) => backoffDelay(policy, n, () => 0));
    expect(delays).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('takes up to the jitter share off, as the random source draws', () => {
    expect(backoffDelay(policy, 3, () => 0.5)).toBe(300);
    expect(backoffDelay(policy, 3, () => 0.999_999)).toBe(200);
  });

  it('never jitters with jitter 0', () => {
    expect(backoffDelay({ ...policy, jitter: 0 }, 2, () => 0.9)).toBe(200);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfter(['3', '9'], NOW)).toBe(3_000);
  });

  it('reads an HTTP-date relative to the injected clock', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', NOW)).toBe(30_000);
  });

  it('treats an HTTP-date in the past as "now"', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:00:00 GMT', NOW)).toBe(0);
  });

  it.each([
    undefined,
    null,
    '',
    '-5',
    '1.5',
    'soon',
    '2015-10-21T07:28:30Z',
    'Wed, 99 Foo 2015 GMT',
  ])('ignores %j', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });
});

describe('nextRetry', () => {
  const policy = retryPolicy({
    maxAttempts: 4,
    retryWindowMs: 10_000,
    initialDelayMs: 1_000,
    multiplier: 2,
    maxDelayMs: 60_000,
    jitter: 0,
  });
  const state = { attempts: 1, firstAttemptAt: 0, now: 0 };
  const random = () => 0;

  it('retries after the back-off', () => {
    expect(nextRetry(policy, state, random)).toEqual({ retry: true, delayMs: 1_000 });
    expect(nextRetry(policy, { ...state, attempts: 3, now: 3_000 }, random)).toEqual({
      retry: true,
      delayMs: 4_000,
    });
  });

  it('gives up after the last attempt', () => {
    expect(nextRetry(policy, { ...state, attempts: 4 }, random)).toEqual({
      retry: false,
      reason: 'max-attempts',
    });
  });

  it('waits as long as Retry-After asks when that is longer than the back-off', () => {
    expect(nextRetry(policy, { ...state, retryAfterMs: 5_000 }, random)).toEqual({
      retry: true,
      delayMs: 5_000,
    });
    expect(nextRetry(policy, { ...state, retryAfterMs: 10 }, random)).toEqual({
      retry: true,
      delayMs: 1_000,
    });
  });

  it('gives up when Retry-After asks for a time past the window', () => {
    expect(nextRetry(policy, { ...state, retryAfterMs: 10_001 }, random)).toEqual({
      retry: false,
      reason: 'retry-window',
    });
  });

  it('makes a last attempt at the end of the window rather than past it', () => {
    expect(nextRetry(policy, { ...state, attempts: 3, now: 8_000 }, random)).toEqual({
      retry: true,
      delayMs: 2_000,
    });
  });

  it('gives up once the window has passed', () => {
    expect(nextRetry(policy, { ...state, attempts: 2, now: 10_000 }, random)).toEqual({
      retry: false,
      reason: 'retry-window',
    });
  });
});

describe('retryPolicy', () => {
  it('defaults to a dev-friendly policy', () => {
    expect(retryPolicy()).toEqual(DEFAULT_RETRY_POLICY);
  });

  it.each([
    [{ maxAttempts: 0 }, 'maxAttempts must be a whole number ≥ 1 (got 0)'],
    [{ maxAttempts: 1.5 }, 'maxAttempts'],
    [{ retryWindowMs: -1 }, 'retryWindowMs must be a number ≥ 0 (got -1)'],
    [{ initialDelayMs: Number.NaN }, 'initialDelayMs'],
    [{ multiplier: 0.5 }, 'multiplier must be ≥ 1'],
    [{ jitter: 2 }, 'jitter must be between 0 and 1'],
  ])('rejects %j', (overrides, message) => {
    expect.assertions(2);
    try {
      retryPolicy(overrides);
    } catch (error) {
      expect(isVccSimError(error, 'usage')).toBe(true);
      expect((error as Error).message).toContain(message);
    }
  });
});

describe('retryLoop and timers', () => {
  it('takes a wait longer than one timer can hold in steps, never one too long to set', async () => {
    const waits: number[] = [];
    const result = await retryLoop(
      async (attempt) => attempt,
      (attempt) =>
        attempt === 1 ? { settled: false, retryAfterMs: 60 * 86_400_000 } : { settled: true },
      {
        policy: retryPolicy({ retryWindowMs: 90 * 86_400_000 }),
        now: () => 0,
        random: () => 0,
        wait: async (ms) => {
          waits.push(ms);
          return ms;
        },
      },
    );
    expect(result).toMatchObject({ attempts: 2 });
    expect(waits.every((ms) => ms <= MAX_TIMER_DELAY_MS)).toBe(true);
    expect(waits.reduce((sum, ms) => sum + ms, 0)).toBe(60 * 86_400_000);
  });

  it('gives up at once on a Retry-After past the window, however far', () => {
    const policy = retryPolicy();
    const far = parseRetryAfter('99999999999999999999', 0);
    expect(
      nextRetry(policy, { attempts: 1, firstAttemptAt: 0, now: 0, retryAfterMs: far! }, () => 0),
    ).toEqual({
      retry: false,
      reason: 'retry-window',
    });
  });
});
