import { isJobHeader } from './internal/job-reader.js';

/**
 * The job file's public face: `openJob` reads one (what a push or replay keeps as it goes, see
 * `internal/job-journal.ts` for the writing), and `notificationOfRecord` unwraps the records of
 * job and dead-letter files, so both can be replayed. The format and its JSON Schema are the
 * delivery core's `job-file`.
 */
export { openJob } from './internal/job-reader.js';

/**
 * The notification in a line of a vcc-sim file: a record (dead letter or job file line) is
 * unwrapped, a notification is itself, a job header or a journal mark is `undefined`.
 */
export function notificationOfRecord(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  if (isJobHeader(value)) return undefined;
  const record = value as Record<string, unknown>;
  if ('specversion' in record) return value;
  if ('notification' in record && 'reason' in record) return record['notification'];
  if ('resumed' in record && 'job' in record) return undefined;
  if (
    Object.keys(record).length > 0 &&
    Object.keys(record).every((key) => ['delivered', 'deadLettered', 'sourceEnded'].includes(key))
  ) {
    return undefined;
  }
  return value;
}
