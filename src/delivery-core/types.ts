import type { GiveUpReason, RetryPolicy } from './retry-policy.js';

/**
 * The vocabulary every delivery adapter shares: what it is asked (options), what one attempt
 * gives (an {@link AttemptResult}), how a notification ends (an {@link UndeliveredReason} when it
 * does not arrive) and how a run is counted ({@link DeliverySummary}).
 */

/**
 * What delivery reads of a notification: its CloudEvents attributes. Everything else (`data`)
 * travels untouched, so any notification the engine makes fits, whatever its `source`.
 */
export type DeliverableNotification = {
  readonly id: string;
  readonly type: string;
  /** When it was sent, on the scenario clock: what pacing plays. */
  readonly time: string;
  readonly source?: string;
  /** What it is about (a channel, an agent): ordered delivery keeps one subject in order. */
  readonly subject?: string;
};

/** How fast to play the notifications' `time`s: a factor of real time, or as fast as possible. */
export type Speed = number | 'max';

/**
 * Faults to test a consumer the way VCC will. Each rate is the share of notifications (0–1) it
 * applies to, drawn from the run's seed, so the same seed and rates choose the same
 * notifications in `push` and in the MSW twin.
 */
export type ChaosOptions = {
  /** Deliver these a second time (same body, fresh signature) right after they succeed. */
  duplicate?: number;
  /** Hold these back and send them after the notification that follows. */
  reorder?: number;
  /** Send these up to {@link ChaosOptions.delayMaxMs} late. */
  delay?: number;
  /** The largest chaos delay, in milliseconds (default 5,000). */
  delayMaxMs?: number;
  /**
   * Send the first attempt of these without a signature, with a stale one (expired) or one made
   * with a wrong secret. A consumer should reject it; the retry then carries a valid signature.
   * The three rates together must not exceed 1.
   */
  unsigned?: number;
  staleSignature?: number;
  wrongSignature?: number;
};

/** The options every adapter reads the same way (each adapter takes the ones it supports). */
export type DeliveryOptions = {
  /** `max` (default): no pacing; a number plays the notifications' `time`s that many times faster. */
  speed?: Speed;
  /** At most this many requests per second (retries and duplicates included). */
  rate?: number;
  /** At most this many requests in flight (default 32). */
  concurrency?: number;
  /** An attempt with no complete answer within this is a failure (default 10,000 ms, as VCC). */
  timeoutMs?: number;
  /** Retry policy overrides (see `DEFAULT_RETRY_POLICY`). */
  retry?: Partial<RetryPolicy>;
  /** Hold a subject's next notification until its previous one is delivered or dead-lettered. */
  ordered?: boolean;
  chaos?: ChaosOptions;
  /** Seed of chaos decisions and back-off jitter (default 1). */
  seed?: number;
  /** How long an interrupted run waits for requests in flight (default 5,000 ms). */
  drainTimeoutMs?: number;
};

/** Why a request got no status. */
export type RequestErrorKind =
  | 'timeout'
  | 'connection-refused'
  | 'connection-reset'
  | 'connection-error'
  | 'dns'
  | 'tls'
  | 'aborted';

/** The outcome of one HTTP attempt. */
export type AttemptResult =
  | {
      kind: 'response';
      status: number;
      latencyMs: number;
      retryAfter?: string;
      location?: string;
      /** The start of a failed response's body, to help tell why. */
      body?: string;
    }
  | { kind: 'error'; error: RequestErrorKind; message: string; latencyMs: number };

/** How a bad signature was made, for chaos. */
export type BadSignatureKind = 'unsigned' | 'stale' | 'wrong';

/** Why a notification was not delivered. */
export type UndeliveredReason =
  | GiveUpReason
  /** The run was interrupted before it was delivered. */
  | 'interrupted'
  /** It was in flight when the run was interrupted and the drain timed out: it may have arrived. */
  | 'in-flight';

/** Percentiles in milliseconds. */
export type Percentiles = {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
};

/** What chaos did in a run, and how the consumer answered bad signatures. */
export type ChaosSummary = {
  duplicated: number;
  /** Duplicate requests by status or error kind. */
  duplicateOutcomes: Record<string, number>;
  reordered: number;
  delayed: number;
  badSignatures: {
    sent: number;
    unsigned: number;
    stale: number;
    wrong: number;
    /** Answered with a failure, as a consumer should. */
    rejected: number;
    /** Answered 200–205: the consumer accepted a request it should have refused. */
    accepted: number;
  };
};

/**
 * How a run went, in the words every adapter reports in, counted exactly:
 * `notifications = delivered + deadLettered + unsent`.
 */
export type DeliverySummary = {
  elapsedMs: number;
  notifications: number;
  delivered: number;
  deliveredFirstAttempt: number;
  deliveredAfterRetry: number;
  deadLettered: number;
  /** Dead letters by reason. */
  deadLetterReasons: Partial<Record<GiveUpReason, number>>;
  /** Not delivered because the run was interrupted. */
  unsent: number;
  /** Of the unsent, those that were in flight when the drain timed out (they may have arrived). */
  unsentInFlight: number;
  /** HTTP requests in all: first attempts, retries and duplicates. */
  requests: number;
  retries: number;
  /** Requests by status code, or by error kind (`timeout`, `connection-reset`…). */
  outcomes: Record<string, number>;
  /** Latency of every request that got a status. */
  latencyMs?: Percentiles;
  /** Delivered notifications per second over the run. */
  deliveredPerSecond: number;
  /** In paced mode, how late first attempts started against their schedule. */
  latenessMs?: Percentiles;
  /** Requests over the run (statuses, latency), for `vcc-sim report --push-report`. */
  timeline?: DeliveryTimelineSummary;
  chaos?: ChaosSummary;
  /** The latencies themselves, encoded, so that the reports of several processes merge exactly. */
  histograms?: ReportHistograms;
};

/**
 * Recorded values as a report carries them: an HDR histogram (HdrHistogram's V2 compressed
 * encoding in base64, values in microseconds: any HdrHistogram library reads it) and the exact
 * figures the buckets leave out, in milliseconds.
 */
export type EncodedHistogram = {
  count: number;
  min: number;
  max: number;
  sum: number;
  hdr: string;
};

/** A report's histograms: what `vcc-sim report merge` adds up. */
export type ReportHistograms = {
  latency?: EncodedHistogram;
  lateness?: EncodedHistogram;
  /** Each timeline point's latencies, in the order of `timeline.points` (`null` where none). */
  timeline?: Array<EncodedHistogram | null>;
};

/**
 * Requests over a run in buckets of `bucketMs` (1 s, doubling as the run grows so there are at
 * most 240): how many, by status or error kind, and the latency of those that got a status.
 */
export type DeliveryTimelineSummary = {
  bucketMs: number;
  points: Array<{
    /** The bucket's start, in milliseconds since the run started. */
    atMs: number;
    requests: number;
    outcomes: Record<string, number>;
    latencyMs?: Percentiles;
  }>;
};

/** Live counts, for a progress line. */
export type DeliveryProgress = {
  /** Notifications taken from the source. */
  notifications: number;
  /** Notifications whose first attempt has started. */
  sent: number;
  /** Requests sent, retries and duplicates included. */
  requests: number;
  delivered: number;
  /** Waiting for a retry. */
  retrying: number;
  deadLettered: number;
  inFlight: number;
  elapsedMs: number;
  /** Latency of the requests since the previous snapshot. */
  recentLatencyMs?: { p50: number; p99: number };
  /** The last error or failing status, to show why things are retrying. */
  lastFailure?: string;
};
