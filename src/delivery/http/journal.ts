import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { JobHeader, SavedJob } from '../../delivery-core/index.js';
import { VccSimError } from '../../errors.js';
import { jobFileChecker } from './internal/job-file-check.js';
import type { OpenedJob, UndeliveredRecord } from './types.js';

/**
 * Files that keep undelivered notifications, so none is lost: dead letters (NDJSON, one
 * {@link UndeliveredRecord} a line) and job files (a header line describing the job, then one
 * record a line; the format and its JSON Schema are the delivery core's `job-file`). Both can be
 * replayed: `vcc-sim replay` unwraps records.
 */

/** An NDJSON file written line by line; created on the first line, so an empty run leaves none. */
export interface NdjsonWriter {
  readonly path: string;
  /** Lines written so far. */
  readonly lines: number;
  write(value: unknown): Promise<void>;
  close(): Promise<void>;
}

function writeError(path: string, error: unknown): VccSimError {
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new VccSimError('input', `Cannot write "${path}": ${reason}`, { cause: error });
}

/**
 * Opens `path` for NDJSON lazily: truncated (default) or appended to, on the first write.
 * Writes wait for the stream to drain, so memory stays flat however many lines there are.
 */
export function openNdjsonWriter(path: string, { append = false } = {}): NdjsonWriter {
  let stream: WriteStream | undefined;
  let failure: unknown;
  let lines = 0;
  return {
    path,
    get lines() {
      return lines;
    },
    async write(value) {
      if (failure) throw writeError(path, failure);
      if (!stream) {
        stream = createWriteStream(path, { flags: append ? 'a' : 'w' });
        stream.on('error', (error) => (failure = error));
      }
      lines++;
      if (!stream.write(`${JSON.stringify(value)}\n`)) {
        await Promise.race([once(stream, 'drain'), once(stream, 'error')]);
      }
      if (failure) throw writeError(path, failure);
    },
    async close() {
      if (!stream) return;
      const closing = stream;
      stream = undefined;
      await new Promise<void>((resolve) => closing.end(resolve));
      if (failure) throw writeError(path, failure);
    },
  };
}

/** Writes a job file atomically: to `<path>.partial`, renamed over `path` on close. */
export interface JobWriter {
  readonly path: string;
  readonly records: number;
  write(record: UndeliveredRecord): Promise<void>;
  /** Finishes the file and puts it in place. */
  close(): Promise<void>;
}

/** Starts a job file for `job`; `completed` marks a job that has nothing left. */
export async function createJobWriter(
  path: string,
  job: SavedJob,
  { completed = false } = {},
): Promise<JobWriter> {
  const partial = `${path}.partial`;
  const writer = openNdjsonWriter(partial);
  const header: JobHeader = {
    vccSimResume: 1,
    createdAt: new Date().toISOString(),
    ...(completed ? { completed } : {}),
    job,
  };
  await writer.write(header);
  return {
    path,
    get records() {
      return writer.lines - 1;
    },
    write: (record) => writer.write(record),
    async close() {
      await writer.close();
      try {
        await rename(partial, path);
      } catch (error) {
        await rm(partial, { force: true });
        throw writeError(path, error);
      }
    },
  };
}

function isHeader(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    (value as Record<string, unknown>)['vccSimResume'] === 1
  );
}

/**
 * Opens a job file (what an interrupted push or replay leaves): reads and checks its header, and
 * streams its records, each checked against the job file schema as it is read. Resume it with
 * `pushNotifications(job, options)`.
 * @throws {VccSimError} code `input` naming the file, the line and what is wrong.
 * @example
 * const job = await openJob('vcc-sim-resume.ndjson');
 * if (!job.completed) await pushNotifications(job, { secret });
 */
export async function openJob(path: string): Promise<OpenedJob> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  let first: IteratorResult<string>;
  try {
    first = await iterator.next();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : (code ?? (error as Error).message);
    throw new VccSimError('input', `Cannot read resume file "${path}": ${reason}`, {
      cause: error,
    });
  }
  let header: unknown;
  try {
    header = first.done ? undefined : JSON.parse(first.value);
  } catch {
    header = undefined;
  }
  if (!isHeader(header)) {
    lines.close();
    throw new VccSimError(
      'input',
      `"${path}" is not a vcc-sim resume file (its first line is not a resume header).`,
    );
  }
  const check = await jobFileChecker();
  const wrong = check.header(header);
  if (wrong) {
    lines.close();
    throw new VccSimError('input', `${path}:1: the job header ${wrong}.`);
  }
  async function* records(): AsyncGenerator<UndeliveredRecord> {
    let line = 1;
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        line++;
        if (next.value.trim() === '') continue;
        let record: unknown;
        try {
          record = JSON.parse(next.value);
        } catch (error) {
          throw new VccSimError('input', `${path}:${line}: not valid JSON`, { cause: error });
        }
        const problem = check.record(record);
        if (problem) {
          throw new VccSimError(
            'input',
            `${path}:${line}: not a record with a notification: ${problem}.`,
          );
        }
        yield record as UndeliveredRecord;
      }
    } finally {
      lines.close();
    }
  }
  const jobHeader = header as JobHeader;
  return { path, header: jobHeader, completed: jobHeader.completed === true, records: records() };
}

/**
 * The notification in a line of a vcc-sim file: a record (dead letter or resume line) is unwrapped,
 * a notification is itself, a resume header is `undefined`.
 */
export function notificationOfRecord(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  if (isHeader(value)) return undefined;
  const record = value as Record<string, unknown>;
  if (!('specversion' in record) && 'notification' in record && 'reason' in record) {
    return record['notification'];
  }
  return value;
}
