import { stat } from 'node:fs/promises';
import {
  JOB_FILE_FORMAT,
  JobFileState,
  jobLineKind,
  type JobHeader,
  type JobMark,
  type JobResumed,
} from '../../../delivery-core/index.js';
import { VccSimError } from '../../../errors.js';
import type { OpenedJob, UndeliveredRecord } from '../types.js';
import { fileLines, type FileLine } from './file-lines.js';
import { jobFileChecker, type JobFileChecker } from './job-file-check.js';

/** What a resumer needs of an opened job besides its public face. */
export type JobInternals = {
  /** The folded file. */
  state: JobFileState;
  /** The byte past the last whole line: a torn last line starts here, and appends go here. */
  validEnd: number;
  /** The file's size when it was read. */
  size: number;
};

const internals = new WeakMap<OpenedJob, JobInternals>();

/** The internals of a job {@link openJob} opened, or `undefined` for any other object. */
export function jobInternals(job: OpenedJob): JobInternals | undefined {
  return internals.get(job);
}

/** Whether a parsed line is a job file's header (any format). */
export function isJobHeader(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as Record<string, unknown>)['vccSimResume'] === 'number'
  );
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
};

function cannotRead(path: string, error: unknown): VccSimError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = (code && REASONS[code]) ?? code ?? (error as Error).message;
  return new VccSimError('input', `Cannot read job file "${path}": ${reason}.`, { cause: error });
}

function notJobFile(path: string, why: string): VccSimError {
  return new VccSimError('input', `"${path}" is not a vcc-sim job file (${why}).`);
}

function parseLine(line: FileLine): unknown {
  try {
    return JSON.parse(line.text);
  } catch {
    return undefined;
  }
}

/** Checks a line after the header; a problem, or `undefined` when it is right. */
function lineProblem(check: JobFileChecker, value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return 'not a JSON object';
  }
  const kind = jobLineKind(value);
  const problem = check[kind](value);
  if (!problem) return undefined;
  return kind === 'record' ? `not a record with a notification: ${problem}` : problem;
}

function readHeader(path: string, first: FileLine | undefined, check: JobFileChecker): JobHeader {
  if (!first) throw notJobFile(path, 'it is empty');
  const header = parseLine(first);
  if (!isJobHeader(header)) throw notJobFile(path, 'its first line is not a job header');
  const format = (header as Record<string, unknown>)['vccSimResume'];
  if (typeof format === 'number' && format > JOB_FILE_FORMAT) {
    throw new VccSimError(
      'input',
      `${path} is a job file of format ${format}, written by a newer vcc-sim; this version reads formats 1–${JOB_FILE_FORMAT}.`,
    );
  }
  const wrong = check.header(header);
  if (wrong) throw new VccSimError('input', `${path}:1: the job header ${wrong}.`);
  return header as JobHeader;
}

/**
 * Opens a job file (what a push or replay keeps as it goes): reads and checks every line (a torn
 * last line, left by a crash mid-write, is ignored), folds them into what is left, and streams the
 * pending records in source order when they are consumed. Resume it with
 * `pushNotifications(job, options)`.
 * @throws {VccSimError} code `input` naming the file, the line and what is wrong.
 * @example
 * const job = await openJob('vcc-sim-resume.ndjson');
 * if (!job.completed) await pushNotifications(job, { secret });
 */
export async function openJob(path: string): Promise<OpenedJob> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    size = info.size;
  } catch (error) {
    throw cannotRead(path, error);
  }
  const check = await jobFileChecker();
  const lines = fileLines(path);
  let state: JobFileState | undefined;
  let validEnd = 0;
  try {
    for await (const line of lines) {
      if (!state) {
        state = new JobFileState(readHeader(path, line, check));
        validEnd = line.end;
        continue;
      }
      if (line.text.trim() === '') {
        validEnd = line.end;
        continue;
      }
      const value = parseLine(line);
      const problem = value === undefined ? 'not valid JSON' : lineProblem(check, value);
      if (problem) {
        // A crash mid-write leaves the last line cut short: what came before is whole.
        if (!line.terminated) break;
        throw new VccSimError('input', `${path}:${line.number}: ${problem}.`);
      }
      const kind = jobLineKind(value as object);
      if (kind === 'record') state.record(value as UndeliveredRecord);
      else if (kind === 'mark') state.mark(value as JobMark);
      else state.resumed(value as JobResumed);
      validEnd = line.end;
    }
  } catch (error) {
    if (error instanceof VccSimError) throw error;
    throw cannotRead(path, error);
  }
  if (!state) throw notJobFile(path, 'it is empty');
  const folded = state;
  const opened: OpenedJob = {
    path,
    header: { ...folded.header, job: folded.job },
    completed: folded.completed,
    pending: folded.pending.size,
    taken: folded.taken,
    sourceEnded: folded.sourceEnded,
    records: pendingRecords(path, folded, validEnd),
  };
  internals.set(opened, { state: folded, validEnd, size });
  return opened;
}

/** The pending records of a folded file, read again from the file, in file order, each once. */
async function* pendingRecords(
  path: string,
  state: JobFileState,
  end: number,
): AsyncGenerator<UndeliveredRecord> {
  const left = new Set(state.pending);
  if (left.size === 0) return;
  const numbering = new JobFileState(state.header);
  for await (const line of fileLines(path, end)) {
    if (line.number === 1 || line.text.trim() === '') continue;
    const value = JSON.parse(line.text) as object;
    if (jobLineKind(value) !== 'record') continue;
    const record = value as UndeliveredRecord;
    const seq = numbering.record(record);
    if (!left.delete(seq)) continue;
    yield { ...record, seq };
    if (left.size === 0) return;
  }
}
