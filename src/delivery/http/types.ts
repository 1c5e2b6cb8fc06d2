import type {
  VccNotification,
  SignatureCrypto,
  SignatureProblem,
  ValidationIssue,
} from '../../contract/index.js';
import type {
  AttemptResult,
  BadSignatureKind,
  DeliveryOptions,
  DeliveryProgress,
  DeliverySummary,
  JobHeader,
  UndeliveredRecord as CoreUndeliveredRecord,
  SecretSource,
  Speed,
} from '../../delivery-core/index.js';

/** The public types of the HTTP adapter. */

export type {
  AttemptResult,
  BadSignatureKind,
  ChaosOptions,
  DeliveryOptions,
  GiveUpReason,
  JobHeader,
  Percentiles,
  RequestErrorKind,
  RetryPolicy,
  SavedJob,
  SecretSource,
  Speed,
  UndeliveredReason,
} from '../../delivery-core/index.js';

/**
 * How a notification travels: `structured` is VCC's way (the whole CloudEvent as the body,
 * `application/cloudevents+json`); `binary` puts the attributes in `ce-*` headers and `data` in the body.
 */
export type DeliveryMode = 'structured' | 'binary';

/**
 * What can be pushed: any iterable of notifications, such as `simulate(…)` or a file's contents.
 * An item may also be a notification's JSON text (such as `simulateJson(…)` yields): it is sent
 * byte for byte, and parsed only when something needs its fields (pacing, ordering, binary mode,
 * a dead letter).
 */
export type PushSource =
  Iterable<VccNotification | string> | AsyncIterable<VccNotification | string>;

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

/** A notification that was not delivered: a dead letter, or a line of a job file. */
export type UndeliveredRecord = CoreUndeliveredRecord<VccNotification>;

/** Live counts, for a progress line. */
export type PushProgress = DeliveryProgress;

/** The outcome of a push, counted exactly: `notifications = delivered + deadLettered + unsent`. */
export type PushReport = DeliverySummary & {
  /** The target, with any password and query values masked. */
  url: string;
  mode: DeliveryMode;
  signed: boolean;
  speed: Speed;
  ordered: boolean;
  startedAt: string;
  /**
   * Set when the run stopped early: on a signal, because the source failed, or because a file (the
   * journal, dead letters) could not be written; what was not delivered stays in the job file.
   */
  interrupted?: { reason: 'signal' | 'source-error' | 'write-error'; message?: string };
  /** The run ended, but its job file could not be finished (resuming it completes it). */
  writeError?: string;
  /** The dead-letter file, when {@link PushOptions.deadLetterFile} received some. */
  deadLetterFile?: string;
  /** The job file the run left to resume, when it was interrupted with something undelivered. */
  resumeFile?: string;
};

/** What a job file records of who started the job (see {@link PushOptions.job}). */
export type JobInfo = {
  /** What started it (default `push`). */
  command?: string;
  /** Where the notifications came from, for people (a scenario and seed, a file). */
  origin?: Record<string, unknown>;
  /** Where the secret came from (default `option`, or `none` when unsigned). */
  secretSource?: SecretSource;
  /** How to rebuild the source when resuming after a crash (kept in the job file for its resumer). */
  source?: Record<string, unknown>;
};

/** Options of {@link pushNotifications}: the core's delivery options, and HTTP's own. */
export type PushOptions = DeliveryOptions & {
  /** The webhook: http or https (for a resumed job, default the job's, unless it was masked). */
  url: string | URL;
  /** Default `structured`, as VCC. */
  mode?: DeliveryMode;
  /** The subscription secret (base64, ≥ 32 bytes); without it requests are unsigned. */
  secret?: string;
  /** Interrupts the run: nothing new is sent, requests in flight are drained. */
  signal?: AbortSignal;
  /** After an interrupt, stops waiting for requests in flight: they are cut and become unsent. */
  forceSignal?: AbortSignal;
  /** On interrupt, also hand the rest of the source to `onUnsent` (default true). */
  drainSource?: boolean;
  /** Accept any TLS certificate. */
  insecure?: boolean;
  /**
   * Append every notification that exhausts its retries to this NDJSON file (created on the
   * first one; a resumed job's own by default).
   */
  deadLetterFile?: string;
  /**
   * The job file: the run's write-ahead journal (see {@link PushOptions.journal}), which
   * {@link openJob} and `vcc-sim push --resume` finish. A finished job leaves it marked completed;
   * an interrupted one, what it did not deliver. A resumed job's own file by default. A file that
   * holds an unfinished job, or is no job file, is refused.
   */
  resumeFile?: string;
  /**
   * Keep the journal as the run goes (default true): every notification is written to
   * {@link PushOptions.resumeFile} before it is first sent and every outcome after, so that after
   * a crash (`kill -9`, power loss) resuming the file loses nothing and sends again only what was
   * in flight. `false` writes the file only when the run is interrupted.
   */
  journal?: boolean;
  /** What the job file records of who started the job. */
  job?: JobInfo;
  /**
   * Wait until this wall-clock instant (a `Date`, milliseconds since 1970, or ISO 8601 text with
   * a zone) before sending anything, and pace from it: the shards of one run given the same
   * instant start together. At most 7 days ahead; one in the past starts at once, behind its
   * schedule. Interrupted while waiting, the run takes nothing from the source.
   */
  startAt?: Date | string | number;
  /**
   * The scenario instant (a notification `time`, or milliseconds since 1970) that is due at the
   * start (default: the first notification's `time`). Shards of one run pace from the whole run's
   * first `time` (`planShard(…).firstTime`), so together they keep the single run's schedule.
   */
  paceFrom?: string | number;
  /** Called for every notification that exhausted its retries. */
  onDeadLetter?: (record: UndeliveredRecord) => void | Promise<void>;
  /** Called, in source order, for every notification an interrupted run did not deliver. */
  onUnsent?: (record: UndeliveredRecord) => void | Promise<void>;
  /** Called after every attempt. */
  onAttempt?: (event: AttemptEvent) => void;
  /** Called every `progressIntervalMs` (default 250). */
  onProgress?: (progress: PushProgress) => void;
  progressIntervalMs?: number;
  /** Wall clock in milliseconds (default `performance`-based `Date.now`). */
  now?: () => number;
  /** Signature primitives (default `node:crypto`). */
  crypto?: SignatureCrypto;
  /** The `User-Agent` header (default `vcc-sim/<version>`). */
  userAgent?: string;
};

/** Options of {@link pushNotifications} for a resumed job: the URL defaults to the job's. */
export type ResumeOptions = Omit<PushOptions, 'url'> & {
  url?: string | URL;
  /**
   * The job's source given again, from its start, when a crash cut the job before its source
   * ended ({@link OpenedJob.sourceEnded} false): its first {@link OpenedJob.taken} notifications
   * are skipped (the last of them must be the one the job took last), the rest are delivered.
   */
  source?: PushSource;
};

/** What {@link pushNotifications} takes: notifications, or a job to finish. */
export type PushInput = PushSource | OpenedJob;

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
  /**
   * `valid`, a problem, `replayed` (a token accepted before, still current: VCC signs every attempt
   * afresh), or `unchecked` when the receiver has no secret.
   */
  signature: 'valid' | SignatureProblem | 'replayed' | 'unchecked';
  signatureMessage?: string;
  /** Whether the notification meets the contract; `false` with `errors` otherwise. */
  valid: boolean;
  errors: ValidationIssue[];
  /** Fields inside `data` the contract does not know (errors instead with `strict`). */
  warnings: readonly ValidationIssue[];
  /** Already accepted once (same `id` and `source`). */
  duplicate: boolean;
  /** Its `data.timestamp` is earlier than one already accepted on its channel. */
  outOfOrder: boolean;
  /** The failure injected into the answer, if any. */
  injected?: 'failure';
  /** The body, parsed (structured) or rebuilt from the `ce-*` headers (binary). */
  notification?: unknown;
};

/**
 * One request as the inspector of `listen --ui` shows it: what the receiver saw, the headers (the
 * `Vonage-Signature` token masked past its header and claims), the raw body (cut at 16 KB), the ids
 * that place it in its conversation, and the receiver's counts after it.
 */
export type InspectorEvent = Omit<ReceivedNotification, 'notification'> & {
  /** Increasing from 1; the server-sent event's id. */
  seq: number;
  headers: Array<[name: string, value: string]>;
  body: string;
  bodyTruncated: boolean;
  timestamp?: string;
  conversationId?: string;
  interactionId?: string;
  channelId?: string;
  role?: string;
  agentId?: string;
  /** For `agent.presencechanged`: the presence's description (`Lunch`). */
  presence?: string;
  summary: ReceiverSummary;
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
  /** Notifications with warnings: fields VCC may have added. */
  warned: number;
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
  /** Allowed clock skew past a token's `exp` and before its `nbf`, in seconds (default 0). */
  clockToleranceSeconds?: number;
  /** Bodies larger than this are refused with 413 before they are read (default 1 MiB). */
  maxBodyBytes?: number;
  /**
   * How many recent notifications (by `id` and `source`), channels and tokens (`jti`) duplicates,
   * disorder and replays are checked against (default 100,000): memory stays flat.
   */
  window?: number;
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
  /**
   * Serve the live inspector at `GET /_vcc` (a page, and server-sent events): each request as it
   * arrives, for a browser. `ringSize` recent requests are kept for late joiners (default 1,000).
   */
  inspector?: boolean | { ringSize?: number };
  now?: () => number;
  crypto?: SignatureCrypto;
};

/** A running receiver. */
export interface Receiver {
  /** `http://host:port/`. */
  readonly url: string;
  /** The inspector's page (`http://host:port/_vcc`), when it was asked for. */
  readonly inspectorUrl?: string;
  readonly port: number;
  /** Counts so far. */
  summary(): ReceiverSummary;
  /** Stops listening and closes its connections. */
  close(): Promise<void>;
}

/** A job file opened for reading: what the job was, and what is left of it. */
export type OpenedJob = {
  readonly path: string;
  /** The header, with the settings that hold now (a resumed run's, when one resumed it). */
  readonly header: JobHeader;
  /** The job finished: nothing is left, and resuming it sends nothing. */
  readonly completed: boolean;
  /** Records still pending: taken from the source, not known to be delivered or dead-lettered. */
  readonly pending: number;
  /** How many notifications the job took from its source. */
  readonly taken: number;
  /**
   * Whether the source had nothing more. When not (a crash cut the job), the rest comes from the
   * source given again (`source` of {@link ResumeOptions}), past its first {@link taken}.
   */
  readonly sourceEnded: boolean;
  /** The pending records (each with its `seq`), read again from the file as they are consumed. */
  readonly records: AsyncIterable<UndeliveredRecord>;
};
