import { SIGNATURE_HEADER, type ChannelNotification } from '../../../contract/index.js';
import {
  classifyError,
  describeFailure,
  errorMessage,
  isSuccessStatus,
  parseRetryAfter,
  retryLoop,
  type AttemptResult,
  type AttemptSigner,
  type AttemptVerdict,
  type ChaosPlan,
  type DeadlineEntry,
  type Deadlines,
  type RetryLoopOptions,
} from '../../../delivery-core/index.js';
import type { FetchHandler, FetchLike } from '../route-fetch.js';
import { NOTIFICATION_CONTENT_TYPE } from '../vcc.js';
import type { Delivery, DeliveryAttempt, TwinSubscription } from '../types.js';

/** What delivering one notification to one subscription needs. */
export interface DeliverContext {
  fetch: FetchLike;
  /** The in-process handler `fetch` sends a URL to, when `fetch` is a `routeFetch`. */
  inProcess: ((url: string) => FetchHandler | undefined) | undefined;
  /** The signer of a subscription's secret, or `undefined` to send unsigned. */
  signer(subscription: TwinSubscription): AttemptSigner | undefined;
  timeoutMs: number;
  /** The attempts waiting for an answer, timed out by one timer. */
  deadlines: Deadlines<PendingAnswer>;
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

const SETTLED: AttemptVerdict = { settled: true };
const RETRY: AttemptVerdict = { settled: false };

class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/** An attempt waiting for its answer, as an entry of the run's deadlines. */
export class PendingAnswer implements DeadlineEntry {
  previous: DeadlineEntry | undefined;
  next: DeadlineEntry | undefined;
  readonly deadline: number;
  readonly expire: () => void;

  constructor(deadline: number, expire: () => void) {
    this.deadline = deadline;
    this.expire = expire;
  }
}

/**
 * The response, read to its end (VCC waits for all of it; a body that fails to read is ignored).
 * A response without a body (a webhook's usual 200 or 204) has nothing to wait for.
 */
async function completeAnswer(
  fetch: FetchLike,
  request: Request,
  handler: FetchHandler | undefined,
): Promise<Response> {
  const response = await (handler ? handler(request) : fetch(request));
  if (response.body !== null) await response.arrayBuffer().catch(() => undefined);
  return response;
}

/**
 * Sends with a deadline on the complete answer: at the deadline a network request is aborted, and
 * the twin stops waiting for an in-process handler, whose call cannot be cut.
 */
function withTimeout(
  context: DeliverContext,
  request: Request,
  handler: FetchHandler | undefined,
  controller: AbortController | undefined,
): Promise<Response> {
  const { deadlines, timeoutMs } = context;
  return new Promise<Response>((resolve, reject) => {
    const pending = new PendingAnswer(deadlines.now() + timeoutMs, () => {
      const error = new TimeoutError(`no complete answer within ${timeoutMs} ms`);
      controller?.abort(error);
      reject(error);
    });
    deadlines.add(pending);
    // When the timeout wins, a later answer or failure has no one left to tell.
    completeAnswer(context.fetch, request, handler).then(
      (response) => {
        deadlines.remove(pending);
        resolve(response);
      },
      (error: unknown) => {
        deadlines.remove(pending);
        reject(error);
      },
    );
  });
}

/** Sends one attempt over `fetch`, in the core's vocabulary. */
async function attempt(
  context: DeliverContext,
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<AttemptResult> {
  const started = context.now();
  // An in-process handler gets a request without a signal of the twin's: following a signal costs
  // undici's Request a WeakRef, a listener and a finalizer, and aborting cannot stop a call.
  const handler = context.inProcess?.(url);
  const controller = handler ? undefined : new AbortController();
  const request = new Request(url, {
    method: 'POST',
    headers,
    body,
    redirect: 'manual',
    signal: controller?.signal ?? null,
  });
  try {
    const response = await withTimeout(context, request, handler, controller);
    const retryAfter = response.headers.get('retry-after');
    return {
      kind: 'response',
      status: response.status,
      latencyMs: context.now() - started,
      ...(retryAfter === null ? {} : { retryAfter }),
    };
  } catch (error) {
    const timedOut = error instanceof TimeoutError;
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
  // Signing is synchronous with node:crypto: awaiting only a promise saves a hop per attempt.
  const hashed = signer?.hashBody(parcel.body);
  const payloadHash = typeof hashed === 'object' ? await hashed : hashed;
  const bad = parcel.duplicate ? undefined : parcel.plan?.badSignature;
  const attempts: DeliveryAttempt[] = [];
  const results: AttemptResult[] = [];
  const { value, gaveUp } = await retryLoop(
    async (number, at) => {
      const headers: Record<string, string> = { 'content-type': NOTIFICATION_CONTENT_TYPE };
      const badNow = number === 1 ? bad : undefined;
      const signed = signer && payloadHash && signer.sign(payloadHash, at, badNow);
      const signature = typeof signed === 'object' ? await signed : signed;
      if (signature) headers[SIGNATURE_HEADER] = signature;
      const result = await attempt(context, subscription.url, headers, parcel.body);
      results.push(result);
      // Built field by field, in the order the report shows them (no spread per attempt).
      const record: DeliveryAttempt =
        result.kind === 'response'
          ? { at, status: result.status, latencyMs: result.latencyMs }
          : { at, error: describeFailure(result), latencyMs: result.latencyMs };
      if (badNow) record.badSignature = badNow;
      attempts.push(record);
      return result;
    },
    (result, at) =>
      result.kind === 'response' && isSuccessStatus(result.status)
        ? SETTLED
        : result.kind === 'response' && result.retryAfter !== undefined
          ? { settled: false, retryAfterMs: parseRetryAfter(result.retryAfter, at) }
          : RETRY,
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
