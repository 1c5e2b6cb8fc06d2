import schema from './job-file.schema.json' with { type: 'json' };
import type { DeliverySettings } from './delivery-settings.js';
import type {
  ChaosOptions,
  DeliverableNotification,
  DeliveryOptions,
  Speed,
  UndeliveredReason,
} from './types.js';

/**
 * The resumable job and its write-ahead journal: an NDJSON file whose first line says what the job
 * was (its settings, never its secret). Each further line is a record (a notification taken from
 * the job's source, written before its first request is sent), a mark (records that ended, by
 * `seq`, or the source's end) or a resumed line (a later run's settings). A compacted file holds
 * the header and the records still pending, in source order; a torn last line (a crash while it
 * was written) is ignored. The library keeps it as a run goes and resumes it (`openJob` +
 * `pushNotifications`); the CLI's `--resume` is that. A dead-letter file holds the same records
 * without a header. `JOB_FILE_SCHEMA` is its JSON Schema; readers check every line against it.
 * Format 1 (written before the journal: a header and records, every one pending) is still read.
 */

/** The JSON Schema of a job file: `$defs/header` for the first line, `$defs/record` for the rest. */
export const JOB_FILE_SCHEMA = schema;

/** Where a job's signing secret came from; files keep this, never the secret. */
export type SecretSource =
  /** `--secret`. */
  | 'flag'
  /** `VCC_WEBHOOK_SECRET`. */
  | 'env'
  /** Generated when the job started, and printed once. */
  | 'generated'
  /** The `secret` option of a library call. */
  | 'option'
  /** Unsigned. */
  | 'none';

/** The format this version writes; readers also take format 1. */
export const JOB_FILE_FORMAT = 2;

/** Delivery modes, as the HTTP adapter has them. */
type DeliveryMode = 'structured' | 'binary';

/** A job's settings as its file keeps them (see the schema for each field). */
export type SavedJob = {
  command: string;
  url: string;
  urlMasked?: boolean;
  mode: DeliveryMode;
  secretSource: SecretSource;
  speed: Speed;
  maxRate?: number;
  concurrency: number;
  timeoutMs: number;
  maxAttempts: number;
  retryWindowMs: number;
  ordered: boolean;
  deadLetter?: string;
  drainTimeoutMs: number;
  chaos?: ChaosOptions;
  seed: number;
  origin: Record<string, unknown>;
  /** How the job's caller rebuilds its source on resume (the CLI keeps a scenario and its options). */
  source?: Record<string, unknown>;
};

/** Where a job stood when its file was compacted. */
type JobProgress = {
  /** Notifications taken from the source: the next one's `seq`. */
  taken: number;
  /** The id of the last one taken, to check a source given again. */
  lastId?: string;
  /** The source had nothing more. */
  sourceEnded?: boolean;
};

/** The first line of a job file. */
export type JobHeader = {
  vccSimResume: 1 | 2;
  createdAt: string;
  /** No record follows: the job finished, and resuming it again sends nothing. */
  completed?: boolean;
  job: SavedJob;
  progress?: JobProgress;
};

/** A journal line saying which records ended, by `seq`, or where the source ended. */
export type JobMark = {
  delivered?: number[];
  deadLettered?: number[];
  /** The source ended after this many notifications. */
  sourceEnded?: number;
};

/** A journal line written when a run resumes the job: its settings hold from here on. */
export type JobResumed = { resumed: string; job: SavedJob };

/** Why a record is in a job file: `pending` in a journal (taken, its fate not yet known). */
type JobRecordReason = UndeliveredReason | 'pending';

/** A notification that was not delivered: a dead letter, or a line of a job file. */
export type UndeliveredRecord<N = DeliverableNotification> = {
  /** Its place in the job's source, from 0 (job files of format 2). */
  seq?: number;
  notification: N;
  reason: JobRecordReason;
  attempts: number;
  firstAttemptAt?: string;
  lastAttemptAt?: string;
  /** The last attempt's status, or its error. */
  lastStatus?: number;
  lastError?: string;
  /** The start of the last failed response's body. */
  lastBody?: string;
};

/** What a job records besides its delivery settings. */
export type JobDescription = {
  command: string;
  /** The URL as saved (masked) and whether masking changed it. */
  url: string;
  urlMasked: boolean;
  mode: DeliveryMode;
  secretSource: SecretSource;
  deadLetter?: string;
  origin: Record<string, unknown>;
};

/** The saved form of a job about to run with `settings`. */
export function savedJob(settings: DeliverySettings, description: JobDescription): SavedJob {
  const { urlMasked, deadLetter, ...rest } = description;
  return {
    ...rest,
    ...(urlMasked ? { urlMasked } : {}),
    speed: settings.speed,
    ...(settings.rate === undefined ? {} : { maxRate: settings.rate }),
    concurrency: settings.concurrency,
    timeoutMs: settings.timeoutMs,
    maxAttempts: settings.policy.maxAttempts,
    retryWindowMs: settings.policy.retryWindowMs,
    ordered: settings.ordered,
    ...(deadLetter === undefined ? {} : { deadLetter }),
    drainTimeoutMs: settings.drainTimeoutMs,
    ...(settings.chaos ? { chaos: settings.chaos } : {}),
    seed: settings.seed,
  };
}

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>;
}

/**
 * The options of a resumed job: what it was started with, overridden by every option given again.
 * The retry policy merges field by field; chaos given again replaces the saved chaos whole.
 */
export function resumedOptions<O extends DeliveryOptions>(saved: SavedJob, given: O): O {
  const retry = {
    maxAttempts: saved.maxAttempts,
    retryWindowMs: saved.retryWindowMs,
    ...defined(given.retry ?? {}),
  };
  const base: DeliveryOptions = {
    speed: saved.speed,
    ...(saved.maxRate === undefined ? {} : { rate: saved.maxRate }),
    concurrency: saved.concurrency,
    timeoutMs: saved.timeoutMs,
    ordered: saved.ordered,
    ...(saved.chaos ? { chaos: saved.chaos } : {}),
    seed: saved.seed,
    drainTimeoutMs: saved.drainTimeoutMs,
  };
  return { ...base, ...defined(given), retry } as O;
}
