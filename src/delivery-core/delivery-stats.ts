import { LatencyHistogram } from './latency-histogram.js';
import type { GiveUpReason } from './retry-policy.js';
import type {
  AttemptResult,
  BadSignatureKind,
  ChaosSummary,
  DeliveryProgress,
  DeliverySummary,
} from './types.js';
import { DeliveryTimeline } from './delivery-timeline.js';

/** The key a request is counted under: its status, or its error kind. */
export function outcomeKey(result: AttemptResult): string {
  return result.kind === 'response' ? String(result.status) : result.error;
}

/** A short description of a failed attempt, for progress lines and dead letters. */
export function describeFailure(result: AttemptResult): string {
  if (result.kind === 'error') return `${result.error}: ${result.message}`;
  const location = result.location ? ` → ${result.location}` : '';
  return `HTTP ${result.status}${location}`;
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** The counters of a delivery run, in the words every adapter reports in. */
export class DeliveryStats {
  notifications = 0;
  /** Notifications whose first attempt has started. */
  sent = 0;
  requests = 0;
  retries = 0;
  delivered = 0;
  deliveredFirstAttempt = 0;
  deadLettered = 0;
  unsent = 0;
  unsentInFlight = 0;
  readonly deadLetterReasons: Partial<Record<GiveUpReason, number>> = {};
  readonly outcomes: Record<string, number> = {};
  readonly latency = new LatencyHistogram();
  readonly lateness = new LatencyHistogram();
  readonly #recent = new LatencyHistogram();
  readonly timeline = new DeliveryTimeline();
  lastFailure: string | undefined;
  readonly chaos: ChaosSummary = {
    duplicated: 0,
    duplicateOutcomes: {},
    reordered: 0,
    delayed: 0,
    badSignatures: { sent: 0, unsigned: 0, stale: 0, wrong: 0, rejected: 0, accepted: 0 },
  };

  /** Counts one request's outcome; `atMs` (since the run started) places it on the timeline. */
  request(result: AttemptResult, atMs?: number): void {
    this.requests++;
    const key = outcomeKey(result);
    increment(this.outcomes, key);
    if (atMs !== undefined) {
      this.timeline.record(atMs, key, result.kind === 'response' ? result.latencyMs : undefined);
    }
    if (result.kind === 'response') {
      this.latency.record(result.latencyMs);
      this.#recent.record(result.latencyMs);
    }
  }

  duplicate(result: AttemptResult): void {
    increment(this.chaos.duplicateOutcomes, outcomeKey(result));
  }

  badSignatureSent(kind: BadSignatureKind): void {
    this.chaos.badSignatures.sent++;
    this.chaos.badSignatures[kind]++;
  }

  /** Counts a consumer's answer to a request chaos signed badly. */
  badSignatureAnswered(accepted: boolean): void {
    if (accepted) this.chaos.badSignatures.accepted++;
    else this.chaos.badSignatures.rejected++;
  }

  deadLetter(reason: GiveUpReason): void {
    this.deadLettered++;
    this.deadLetterReasons[reason] = (this.deadLetterReasons[reason] ?? 0) + 1;
  }

  /** Live counts; the recent latency covers the requests since the previous call. */
  progress(elapsedMs: number, inFlight: number, retrying: number): DeliveryProgress {
    const recent = this.#recent.summary();
    this.#recent.reset();
    return {
      notifications: this.notifications,
      sent: this.sent,
      requests: this.requests,
      delivered: this.delivered,
      retrying,
      deadLettered: this.deadLettered,
      inFlight,
      elapsedMs,
      ...(recent ? { recentLatencyMs: { p50: recent.p50, p99: recent.p99 } } : {}),
      ...(this.lastFailure ? { lastFailure: this.lastFailure } : {}),
    };
  }

  /** The summary of the run so far. */
  summary(elapsedMs: number, withChaos: boolean): DeliverySummary {
    const latency = this.latency.summary();
    const lateness = this.lateness.summary();
    const timeline = this.timeline.summary();
    return {
      elapsedMs: Math.round(elapsedMs),
      notifications: this.notifications,
      delivered: this.delivered,
      deliveredFirstAttempt: this.deliveredFirstAttempt,
      deliveredAfterRetry: this.delivered - this.deliveredFirstAttempt,
      deadLettered: this.deadLettered,
      deadLetterReasons: { ...this.deadLetterReasons },
      unsent: this.unsent,
      unsentInFlight: this.unsentInFlight,
      requests: this.requests,
      retries: this.retries,
      outcomes: { ...this.outcomes },
      ...(latency ? { latencyMs: latency } : {}),
      deliveredPerSecond: elapsedMs > 0 ? Math.round((this.delivered / elapsedMs) * 1000) : 0,
      ...(lateness ? { latenessMs: lateness } : {}),
      ...(withChaos ? { chaos: structuredClone(this.chaos) } : {}),
      ...(timeline ? { timeline } : {}),
    };
  }
}
