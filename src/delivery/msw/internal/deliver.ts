import { SIGNATURE_HEADER, type ChannelNotification } from '../../../contract/index.js';
import {
  classifyError,
  describeFailure,
  errorMessage,
  MAX_TIMER_DELAY_MS,
  isSuccessStatus,
  parseRetryAfter,
  retryLoop,
  type AttemptResult,
  type AttemptSigner,
  type ChaosPlan,
  type RetryLoopOptions,
} from '../../../delivery-core/index.js';
import type { FetchLike } from '../route-fetch.js';
import { NOTIFICATION_CONTENT_TYPE } from '../vcc.js';
import type { Delivery, DeliveryAttempt, TwinSubscription } from '../types.js';

/** What delivering one notification to one subscription needs. */
export interface DeliverContext {
  fetch: FetchLike;
  /** The signer of a subscription's secret, or `undefined` to send unsigned. */
  signer(subscription: TwinSubscription): AttemptSigner | undefined;
  timeoutMs: number;
  now: () => number;
  /** The core retry loop's policy, jitter and wait. */
  retry: RetryLoopOptions;
}

/** One notification on its way: its exact bytes and what chaos made of it. */
export type Parcel = {
  notification: ChannelNotification;
  body: string;
  duplicate: boolean;
  reordered: boolean;
  plan: ChaosPlan | undefined;
};

class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/**
 * Sends with a deadline on the complete answer (VCC waits for all of it): one timer per attempt,
 * which aborts a network request and stops waiting for an in-process one.
 */
async function withTimeout(fetch: FetchLike, request: Request, ms: number): Promise<Response> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new TimeoutError(`no complete answer within ${ms} ms`)),
      Math.min(ms, MAX_TIMER_DELAY_MS),
    );
  });
  const answered = (async () => {
    const response = await fetch(request);
    await response.arrayBuffer().catch(() => undefined);
    return response;
  })();
  // When the timeout wins, a later failure of the request has no one left to tell.
  answered.catch(() => undefined);
  try {
    return await Promise.race([answered, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Sends one attempt over `fetch`, in the core's vocabulary. */
async function attempt(
  context: DeliverContext,
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<AttemptResult> {
  const controller = new AbortController();
  const started = context.now();
  const request = new Request(url, {
    method: 'POST',
    headers,
    body,
    redirect: 'manual',
    signal: controller.signal,
  });
  try {
    const response = await withTimeout(context.fetch, request, context.timeoutMs);
    const retryAfter = response.headers.get('retry-after');
    return {
      kind: 'response',
      status: response.status,
      latencyMs: context.now() - started,
      ...(retryAfter === null ? {} : { retryAfter }),
    };
  } catch (error) {
    const timedOut = error instanceof TimeoutError;
    if (timedOut) controller.abort(error);
    return {
      kind: 'error',
      error: timedOut ? 'timeout' : classifyError(error),
      message: errorMessage(error),
      latencyMs: context.now() - started,
    };
  }
}

/**
 * Delivers one notification to one subscription as VCC does (facts §3): a POST of the exact JSON
 * bytes, a fresh signature on every attempt (a bad one on the first, when chaos says so), success
 * only on 200–205 (redirects are not followed), failures retried by the core retry loop with
 * back-off, jitter and `Retry-After`.
 */
export async function deliver(
  context: DeliverContext,
  subscription: TwinSubscription,
  parcel: Parcel,
): Promise<{ delivery: Delivery; results: AttemptResult[] }> {
  const signer = context.signer(subscription);
  const payloadHash = signer && (await signer.hashBody(parcel.body));
  const bad = parcel.duplicate ? undefined : parcel.plan?.badSignature;
  const attempts: DeliveryAttempt[] = [];
  const results: AttemptResult[] = [];
  const { value, gaveUp } = await retryLoop(
    async (number, at) => {
      const headers: Record<string, string> = { 'content-type': NOTIFICATION_CONTENT_TYPE };
      const badNow = number === 1 ? bad : undefined;
      const signature = signer && payloadHash && (await signer.sign(payloadHash, at, badNow));
      if (signature) headers[SIGNATURE_HEADER] = signature;
      const result = await attempt(context, subscription.url, headers, parcel.body);
      results.push(result);
      attempts.push({
        at,
        ...(result.kind === 'response'
          ? { status: result.status }
          : { error: describeFailure(result) }),
        latencyMs: result.latencyMs,
        ...(badNow ? { badSignature: badNow } : {}),
      });
      return result;
    },
    (result, at) =>
      result.kind === 'response' && isSuccessStatus(result.status)
        ? { settled: true }
        : {
            settled: false,
            ...(result.kind === 'response' && result.retryAfter !== undefined
              ? { retryAfterMs: parseRetryAfter(result.retryAfter, at) }
              : {}),
          },
    context.retry,
    (_, delayMs) => (attempts.at(-1)!.retryInMs = delayMs),
  );
  const delivered = value.kind === 'response' && isSuccessStatus(value.status);
  const delivery: Delivery = {
    subscriptionId: subscription.subscriptionId,
    region: subscription.region,
    url: subscription.url,
    notification: parcel.notification,
    body: parcel.body,
    duplicate: parcel.duplicate,
    reordered: parcel.reordered,
    outcome: delivered ? 'delivered' : 'dead-lettered',
    ...(gaveUp === undefined ? {} : { giveUpReason: gaveUp }),
    attempts,
  };
  return { delivery, results };
}
