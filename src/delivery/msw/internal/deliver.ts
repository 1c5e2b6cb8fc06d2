import {
  SIGNATURE_HEADER,
  isSuccessStatus,
  nextRetry,
  parseRetryAfter,
  type ChannelNotification,
  type RetryPolicy,
  type WebhookSigner,
} from '../../../contract/index.js';
import type { FetchLike } from '../route-fetch.js';
import { NOTIFICATION_CONTENT_TYPE } from '../vcc.js';
import type { Delivery, DeliveryAttempt, TwinSubscription } from '../types.js';

/** What delivering one notification to one subscription needs. */
export interface DeliverContext {
  fetch: FetchLike;
  /** The signer of a subscription's secret, or `undefined` to send unsigned. */
  signer(subscription: TwinSubscription): WebhookSigner | undefined;
  policy: RetryPolicy;
  timeoutMs: number;
  now: () => number;
  random: () => number;
  /** Waits out a back-off; returns the milliseconds it did not wait (time skipped at `max`). */
  wait(ms: number): Promise<number>;
}

/** One notification on its way: its exact bytes and what chaos made of it. */
export type Parcel = {
  notification: ChannelNotification;
  body: string;
  duplicate: boolean;
  reordered: boolean;
};

class TimeoutError extends Error {}

/** Sends with a deadline: aborts a network request, and stops waiting for an in-process one. */
function withTimeout(fetch: FetchLike, init: RequestInit & { url: string }, ms: number) {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new TimeoutError(`no answer within ${ms} ms`);
      controller.abort(error);
      reject(error);
    }, ms);
  });
  const request = new Request(init.url, { ...init, signal: controller.signal });
  return Promise.race([fetch(request), timeout]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  if (error instanceof TimeoutError) return `timeout: ${error.message}`;
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.name}: ${error.message}${cause}`;
  }
  return String(error);
}

/**
 * Delivers one notification to one subscription as VCC does (facts §3): a POST of the exact JSON
 * bytes, a fresh signature on every attempt, success only on 200–205 (redirects are not followed),
 * failures retried by the core delivery policy with back-off, jitter and `Retry-After`.
 */
export async function deliver(
  context: DeliverContext,
  subscription: TwinSubscription,
  parcel: Parcel,
): Promise<Delivery> {
  const signer = context.signer(subscription);
  const payloadHash = signer && (await signer.payloadHash(parcel.body));
  const attempts: DeliveryAttempt[] = [];
  const firstAttemptAt = context.now();
  let skipped = 0;
  for (;;) {
    const headers: Record<string, string> = { 'content-type': NOTIFICATION_CONTENT_TYPE };
    if (signer) headers[SIGNATURE_HEADER] = await signer.sign(parcel.body, { payloadHash });
    const attempt: DeliveryAttempt = { at: context.now() + skipped };
    attempts.push(attempt);
    let retryAfterMs: number | undefined;
    try {
      const response = await withTimeout(
        context.fetch,
        { url: subscription.url, method: 'POST', headers, body: parcel.body, redirect: 'manual' },
        context.timeoutMs,
      );
      attempt.status = response.status;
      retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), context.now());
      await response.arrayBuffer().catch(() => undefined);
    } catch (error) {
      attempt.error = describe(error);
    }
    if (attempt.status !== undefined && isSuccessStatus(attempt.status)) {
      return outcome(subscription, parcel, attempts, 'delivered');
    }
    const decision = nextRetry(
      context.policy,
      {
        attempts: attempts.length,
        firstAttemptAt,
        now: context.now() + skipped,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      },
      context.random,
    );
    if (!decision.retry) return outcome(subscription, parcel, attempts, 'failed', decision.reason);
    attempt.retryInMs = decision.delayMs;
    skipped += await context.wait(decision.delayMs);
  }
}

function outcome(
  subscription: TwinSubscription,
  parcel: Parcel,
  attempts: DeliveryAttempt[],
  result: Delivery['outcome'],
  giveUpReason?: Delivery['giveUpReason'],
): Delivery {
  return {
    subscriptionId: subscription.subscriptionId,
    region: subscription.region,
    url: subscription.url,
    notification: parcel.notification,
    body: parcel.body,
    duplicate: parcel.duplicate,
    reordered: parcel.reordered,
    outcome: result,
    ...(giveUpReason === undefined ? {} : { giveUpReason }),
    attempts,
  };
}
