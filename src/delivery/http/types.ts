import type {
  VccNotification,
  GiveUpReason,
  RetryPolicy,
  SignatureCrypto,
  SignatureProblem,
  ValidationIssue,
} from '../../contract/index.js';

/** The public types of the HTTP adapter. */

/**
 * How a notification travels: `structured` is VCC's way (the whole CloudEvent as the body,
 * `application/cloudevents+json`); `binary` puts the attributes in `ce-*` headers and `data` in the body.
 */
export type DeliveryMode = 'structured' | 'binary';

/** How fast to play the notifications' `time`s: a factor of real time, or as fast as possible. */
export type Speed = number | 'max';

/**
 * What can be pushed: any iterable of notifications, such as `simulate(…)` or a file's contents.
 * An item may also be a notification's JSON text (such as `simulateJson(…)` yields): it is sent
 * byte for byte, and parsed only when something needs its fields (pacing, ordering, binary mode,
 * a dead letter).
 */
export type PushSource =
  Iterable<VccNotification | string> | AsyncIterable<VccNotification | string>;

/**
 * Faults to test a consumer the way VCC will. Each rate is the share of notifications (0–1) it
 * applies to, drawn from the run's seed, so the same seed makes the same choices.
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

/** One attempt, as {@link PushOptions.onAttempt} reports it. */
export type AttemptEvent = {
  notification: VccNotification;
  /** 1 for the first attempt. */
  attempt: number;
  /** A chaos duplicate rather than the notification's own delivery. */
  duplicate: boolean;
  /** Set when chaos sent this attempt with a bad signature. */
  badSignature?: BadSignatureKind;
  result: AttemptResult;
  /** What happens next. */
  outcome: 'delivered' | 'retrying' | 'dead-lettered' | 'unsent' | 'duplicate';
  /** The wait before the next attempt, when retrying. */
  retryInMs?: number;
};

/** Why a notification was not delivered. */
export type UndeliveredReason =
  | GiveUpReason
  /** The run was interrupted before it was delivered. */
  | 'interrupted'
  /** It was in flight when the run was interrupted and the drain timed out: it may have arrived. */
  | 'in-flight';

/** A notification that was not delivered: a dead letter, or a line of a resume file. */
export type UndeliveredRecord = {
  notification: VccNotification;
  reason: UndeliveredReason;
  attempts: number;
  firstAttemptAt?: string;
  lastAttemptAt?: string;
  /** The last attempt's status, or its error. */
  lastStatus?: number;
  lastError?: string;
  /** The start of the last failed response's body. */
  lastBody?: string;
};

/** Live counts, for a progress line. */
export type PushProgress = {
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

/** The outcome of a push, counted exactly: `notifications = delivered + deadLettered + unsent`. */
export type PushReport = {
  /** The target, with any password and query values masked. */
  url: string;
  mode: DeliveryMode;
  signed: boolean;
  speed: Speed;
  ordered: boolean;
  startedAt: string;
  elapsedMs: number;
  /** Set when the run stopped early: on a signal, or because the source failed. */
  interrupted?: { reason: 'signal' | 'source-error'; message?: string };
  notifications: number;
  delivered: number;
  deliveredFirstAttempt: number;
  deliveredAfterRetry: number;
  deadLettered: number;
  /** Dead letters by reason. */
  deadLetterReasons: Partial<Record<GiveUpReason, number>>;
  /** Not delivered because the run was interrupted (see the resume file). */
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
  chaos?: {
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
};

/** Options of {@link pushNotifications}. */
export type PushOptions = {
  /** The webhook: http or https. */
  url: string | URL;
  /** Default `structured`, as VCC. */
  mode?: DeliveryMode;
  /** The subscription secret (base64, ≥ 32 bytes); without it requests are unsigned. */
  secret?: string;
  /** Default `max`; `1` plays the notifications' `time`s in real time. */
  speed?: Speed;
  /** At most this many requests per second (retries and duplicates included). */
  rate?: number;
  /** At most this many requests in flight (default 32). */
  concurrency?: number;
  /** An attempt with no complete answer within this is a failure (default 10,000 ms, as VCC). */
  timeoutMs?: number;
  /** Retry policy overrides (see `DEFAULT_RETRY_POLICY`). */
  retry?: Partial<RetryPolicy>;
  /** Hold a channel's next notification until its previous one is delivered or dead-lettered. */
  ordered?: boolean;
  chaos?: ChaosOptions;
  /** Seed of chaos decisions and back-off jitter (default 1). */
  seed?: number;
  /** Interrupts the run: nothing new is sent, requests in flight are drained. */
  signal?: AbortSignal;
  /** After an interrupt, stops waiting for requests in flight: they are cut and become unsent. */
  forceSignal?: AbortSignal;
  /** How long an interrupted run waits for requests in flight (default 5,000 ms). */
  drainTimeoutMs?: number;
  /** On interrupt, also hand the rest of the source to `onUnsent` (default true). */
  drainSource?: boolean;
  /** Accept any TLS certificate. */
  insecure?: boolean;
  /** Called for every notification that exhausted its retries. */
  onDeadLetter?: (record: UndeliveredRecord) => void | Promise<void>;
  /** Called, in source order, for every notification an interrupted run did not deliver. */
  onUnsent?: (record: UndeliveredRecord) => void | Promise<void>;
  /** Called after every attempt. */
  onAttempt?: (event: AttemptEvent) => void;
  /** Called every `progressIntervalMs` (default 250). */
  onProgress?: (progress: PushProgress) => void;
  progressIntervalMs?: number;
  /** Wall clock in milliseconds (default `Date.now`). */
  now?: () => number;
  /** Signature primitives (default `node:crypto`). */
  crypto?: SignatureCrypto;
  /** The `User-Agent` header (default `vcc-sim/<version>`). */
  userAgent?: string;
};

/** What the receiver saw of one request. */
export type ReceivedNotification = {
  receivedAt: string;
  method: string;
  path: string;
  /** The status the receiver answered. */
  status: number;
  /** `structured`, `binary`, or `unknown` when neither. */
  mode: DeliveryMode | 'unknown';
  type?: string;
  id?: string;
  source?: string;
  subject?: string;
  bytes: number;
  /** `valid`, a problem, or `unchecked` when the receiver has no secret. */
  signature: 'valid' | SignatureProblem | 'unchecked';
  signatureMessage?: string;
  /** Whether the notification meets the contract; `false` with `errors` otherwise. */
  valid: boolean;
  errors: ValidationIssue[];
  /** Already accepted once (same `id` and `source`). */
  duplicate: boolean;
  /** Its `data.timestamp` is earlier than one already accepted on its channel. */
  outOfOrder: boolean;
  /** The failure injected into the answer, if any. */
  injected?: 'failure';
  /** The body, parsed (structured) or rebuilt from the `ce-*` headers (binary). */
  notification?: unknown;
};

/** Counts of everything a receiver saw. */
export type ReceiverSummary = {
  url: string;
  requests: number;
  /** Answered 200–205. */
  accepted: number;
  statuses: Record<string, number>;
  signatures: Record<string, number>;
  invalid: number;
  duplicates: number;
  outOfOrder: number;
  injectedFailures: number;
  types: Record<string, number>;
};

/** Options of {@link startReceiver}. */
export type ReceiverOptions = {
  /** Default 0: any free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Verify `Vonage-Signature` with this secret; without one, signatures are `unchecked`. */
  secret?: string;
  /** Allowed clock skew past a token's `exp`, in seconds (default 0). */
  clockToleranceSeconds?: number;
  /** Check vcc-sim's own conventions too (see `validateNotification`). */
  strict?: boolean;
  /** Answer this share of requests (0–1) with a failure, before checking them. */
  failRate?: number;
  /** The failure statuses to answer with (default [503]); one is drawn per failure. */
  failStatuses?: readonly number[];
  /** `Retry-After` seconds to send with injected failures. */
  retryAfterSeconds?: number;
  /** Wait this long before answering each request (milliseconds). */
  delayMs?: number;
  /** Seed of the failure draws (default 1). */
  seed?: number;
  /** Called for every request, after it is answered. */
  onNotification?: (received: ReceivedNotification) => void;
  now?: () => number;
  crypto?: SignatureCrypto;
};

/** A running receiver. */
export interface Receiver {
  /** `http://host:port/`. */
  readonly url: string;
  readonly port: number;
  /** Counts so far. */
  summary(): ReceiverSummary;
  /** Stops listening and closes its connections. */
  close(): Promise<void>;
}
