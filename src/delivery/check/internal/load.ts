import type { VccNotification } from '../../../contract/index.js';
import { LatencyHistogram, isSuccessStatus, waitUntil } from '../../../delivery-core/index.js';
import type { Exchange } from '../types.js';

/** What a paced run of requests found. */
export type LoadRun = {
  offeredPerSecond: number;
  /** Requests planned (this share's, for a share of the schedule). */
  planned: number;
  /** Requests sent. */
  requests: number;
  /** Requests answered 200–205. */
  succeeded: number;
  /** Requests by status or error kind. */
  outcomes: Record<string, number>;
  latency: LatencyHistogram;
  /** From when each request was due to its answer: the delay a notification would have had. */
  delay: LatencyHistogram;
  /** From when each request was due to when it was sent: how far the sender fell behind. */
  lateness: LatencyHistogram;
  /** When the schedule began (the shared start, for a share), on the wall clock. */
  startedAt: string;
  elapsedMs: number;
  /** The first few requests that did not get 200–205, as evidence. */
  failures: Exchange[];
  /** Set when sending stopped early, the sender having fallen `maxLagMs` behind: how many were due. */
  abandonedAfter?: number;
  /** The first request, as evidence of what was sent. */
  sample?: Exchange;
};

/** Options of {@link runPaced}. */
export type PacedOptions = {
  /** Requests per second. */
  rate: number;
  count: number;
  /** At most this many in flight: the sender waits (and falls behind) beyond it. */
  concurrency: number;
  /** The notifications to send; fewer requests go out if it runs dry. */
  next: () => VccNotification | undefined;
  send: (notification: VccNotification) => Promise<Exchange>;
  /** Stop sending once a request starts this much later than it was due (the verdict is in). */
  maxLagMs?: number;
  /**
   * Send only this share of the schedule: the requests whose place in it is `index` modulo
   * `count`, each at its own instant, so `count` senders with the same schedule send it whole.
   */
  share?: { index: number; count: number };
  /** Wait until this wall-clock instant (ms) and keep the schedule from it, even if it has passed. */
  startAtMs?: number;
  signal?: AbortSignal;
};

/**
 * The rates of the ramp: doubling from the scenario's peak, with the burst rate among them (so
 * "sustained below the burst rate" is measured, not inferred between two steps), up to `max`.
 */
export function rampSteps(peak: number, burstRate: number, max: number): number[] {
  const steps = new Set<number>();
  for (let step = peak; step < max; step *= 2) steps.add(step);
  if (burstRate < max) steps.add(burstRate);
  steps.add(max);
  return [...steps].sort((a, b) => a - b);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const iso = (ms: number) => new Date(ms).toISOString();

/** A run that sent nothing (stopped while waiting for its start). */
function emptyRun(
  rate: number,
  planned: number,
  latency: LatencyHistogram,
  delay: LatencyHistogram,
  lateness: LatencyHistogram,
): Omit<LoadRun, 'startedAt'> {
  return {
    offeredPerSecond: rate,
    planned,
    requests: 0,
    succeeded: 0,
    outcomes: {},
    latency,
    delay,
    lateness,
    elapsedMs: 0,
    failures: [],
  };
}

/** The requests of a schedule of `count` that a share sends. */
function shareOf(count: number, share: PacedOptions['share']): number {
  if (!share) return count;
  return Math.max(0, Math.ceil((count - share.index) / share.count));
}

/**
 * Sends `count` notifications at `rate` per second, open-loop (each is due at its own instant,
 * whatever the answers before it), with at most `concurrency` in flight; with a `share`, only its
 * part of that schedule, at the same instants (each share's rate is the whole's divided by the
 * shares). Any source of notifications will do; a share's source gives only its own.
 */
export async function runPaced(options: PacedOptions): Promise<LoadRun> {
  const { rate, count, concurrency } = options;
  const { index: first, count: stride } = options.share ?? { index: 0, count: 1 };
  const latency = new LatencyHistogram();
  const delay = new LatencyHistogram();
  const lateness = new LatencyHistogram();
  const outcomes: Record<string, number> = {};
  const failures: Exchange[] = [];
  let sample: Exchange | undefined;
  let succeeded = 0;
  let requests = 0;
  let inFlight = 0;
  let freed: (() => void) | undefined;
  let abandonedAfter: number | undefined;
  const pending = new Set<Promise<void>>();
  const planned = shareOf(count, options.share);
  const { startAtMs, signal } = options;
  if (startAtMs !== undefined && !(await waitUntil(startAtMs, { now: Date.now, signal }))) {
    return { ...emptyRun(rate, planned, latency, delay, lateness), startedAt: iso(startAtMs) };
  }
  // The schedule's origin on the monotonic clock: the shared instant, even if this one is late.
  const started = performance.now() - (startAtMs === undefined ? 0 : Date.now() - startAtMs);
  const startedAt = iso(startAtMs ?? Date.now());
  for (let index = first; index < count && !signal?.aborted; index += stride) {
    const due = started + (index * 1000) / rate;
    const wait = due - performance.now();
    if (wait >= 1) await sleep(wait);
    while (inFlight >= concurrency) await new Promise<void>((resolve) => (freed = resolve));
    if (options.maxLagMs !== undefined && performance.now() - due > options.maxLagMs) {
      abandonedAfter = requests;
      break;
    }
    const notification = options.next();
    if (!notification) break;
    lateness.record(performance.now() - due);
    inFlight++;
    requests++;
    const request = options.send(notification).then((result) => {
      const answered = performance.now();
      inFlight--;
      sample ??= result;
      const { answer } = result;
      const key = 'error' in answer ? answer.error : String(answer.status);
      outcomes[key] = (outcomes[key] ?? 0) + 1;
      if ('status' in answer) latency.record(answer.latencyMs);
      delay.record(answered - due);
      if ('status' in answer && isSuccessStatus(answer.status)) succeeded++;
      else if (failures.length < 3) failures.push(result);
      const wake = freed;
      freed = undefined;
      wake?.();
    });
    pending.add(request);
    void request.finally(() => pending.delete(request));
  }
  await Promise.all(pending);
  return {
    offeredPerSecond: rate / stride,
    planned,
    requests,
    succeeded,
    outcomes,
    latency,
    delay,
    lateness,
    startedAt,
    elapsedMs: performance.now() - started,
    failures,
    ...(sample ? { sample } : {}),
    ...(abandonedAfter === undefined ? {} : { abandonedAfter }),
  };
}
