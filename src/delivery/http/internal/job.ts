import type { VccNotification } from '../../../contract/index.js';
import type { ChaosPlan } from '../../../delivery-core/index.js';
import { VccSimError } from '../../../errors.js';
import type {
  AttemptResult,
  DeliveryMode,
  PushSource,
  UndeliveredReason,
  UndeliveredRecord,
} from '../types.js';
import { outgoingFor, type Outgoing } from './outgoing.js';

/** One notification on its way through a push, or a chaos duplicate of one. */
export type Job = {
  seq: number;
  /** The notification; parsed from `text` only when something needs it (see `notificationOf`). */
  notification: VccNotification | undefined;
  /** The notification's JSON text, when the source gave text: sent byte for byte. */
  text: string | undefined;
  out: Outgoing;
  /** What it is about (`subject`: a channel, an agent), which ordered mode keeps in order. */
  subject: string;
  /** The body's `payload_hash`, once computed (the body never changes). */
  hash?: string;
  /** When its first attempt is due (paced mode), for lateness. */
  plannedAt: number;
  attempts: number;
  firstAttemptAt: number;
  lastAttemptAt: number;
  last?: AttemptResult;
  chaos?: ChaosPlan;
  duplicate: boolean;
};

/** What {@link createJob} needs to know about the run. */
export type JobContext = {
  mode: DeliveryMode;
  /** Whether pacing, ordering or binary mode need a text notification's fields at once. */
  parseText: boolean;
  ordered: boolean;
  /** The headers of every structured-mode request, shared. */
  structuredHeaders: string[];
  userAgent: string;
};

/** An iterator of a sync or async source, stepped without a promise when it is sync. */
export type AnyIterator = {
  next():
    IteratorResult<VccNotification | string> | Promise<IteratorResult<VccNotification | string>>;
  return?(): unknown;
};

export function iteratorOf(source: PushSource): AnyIterator {
  if (Symbol.iterator in source) return source[Symbol.iterator]();
  return source[Symbol.asyncIterator]();
}

/** Parses a notification given as JSON text. */
export function parseNotification(text: string, seq: number): VccNotification {
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return value as VccNotification;
    }
  } catch {
    // Reported below.
  }
  throw new VccSimError('input', `Notification ${seq + 1} is not the JSON text of an object.`);
}

/** The job's notification, parsed from its text on first use. */
export function notificationOf(job: Job): VccNotification {
  job.notification ??= parseNotification(job.text!, job.seq);
  return job.notification;
}

/**
 * A job for the `seq`-th value of the source: a notification object, or its JSON text.
 * @throws {VccSimError} code `input` when the value is neither.
 */
export function createJob(value: unknown, seq: number, context: JobContext): Job {
  let notification: VccNotification | undefined;
  let text: string | undefined;
  if (typeof value === 'string') {
    text = value;
    if (context.parseText) notification = parseNotification(value, seq);
  } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    notification = value as VccNotification;
  } else {
    throw new VccSimError(
      'input',
      `Notification ${seq + 1} is not a JSON object, so it cannot be delivered.`,
    );
  }
  const subject =
    context.ordered && typeof notification?.subject === 'string' ? notification.subject : '';
  const out: Outgoing =
    context.mode === 'structured'
      ? {
          body: Buffer.from(text ?? JSON.stringify(notification)),
          headers: context.structuredHeaders,
        }
      : outgoingFor(notification!, context.mode, context.userAgent);
  return {
    seq,
    notification,
    text,
    out,
    subject,
    plannedAt: Number.NaN,
    attempts: 0,
    firstAttemptAt: 0,
    lastAttemptAt: 0,
    duplicate: false,
  };
}

function iso(ms: number): string {
  return new Date(Math.round(ms)).toISOString();
}

/** What a dead-letter or resume file keeps of a job that was not delivered. */
export function undeliveredRecord(job: Job, reason: UndeliveredReason): UndeliveredRecord {
  const last = job.last;
  return {
    notification: notificationOf(job),
    reason,
    attempts: job.attempts,
    ...(job.attempts > 0
      ? { firstAttemptAt: iso(job.firstAttemptAt), lastAttemptAt: iso(job.lastAttemptAt) }
      : {}),
    ...(last?.kind === 'response' ? { lastStatus: last.status } : {}),
    ...(last?.kind === 'error' ? { lastError: `${last.error}: ${last.message}` } : {}),
    ...(last?.kind === 'response' && last.body ? { lastBody: last.body } : {}),
  };
}

/** An attempt that failed before or outside the sender (a signing error, a bug). */
export function failure(error: unknown, latencyMs: number): AttemptResult {
  return {
    kind: 'error',
    error: 'connection-error',
    message: error instanceof Error ? error.message : String(error),
    latencyMs,
  };
}
