import type { JobHeader, JobMark, JobResumed, SavedJob, UndeliveredRecord } from './job-file.js';

/**
 * What a job file says, folded line by line in the order they were written: which records are
 * still pending, how far the job took its source, and its latest settings. The HTTP adapter reads
 * files into it; the fold itself knows no files, so the rules live beside the format.
 */
export class JobFileState {
  readonly header: JobHeader;
  /** The `seq`s of records not known to be delivered or dead-lettered. */
  readonly pending = new Set<number>();
  /** Notifications taken from the source: the next one's `seq`. */
  taken: number;
  /** The id of the last notification taken. */
  lastId: string | undefined;
  /** The source had nothing more: everything left is in the records. */
  sourceEnded: boolean;
  /** The settings that hold: the header's, or the last resumed line's. */
  job: SavedJob;

  constructor(header: JobHeader) {
    this.header = header;
    this.job = header.job;
    const progress = header.progress;
    this.taken = progress?.taken ?? 0;
    this.lastId = progress?.lastId;
    // Format 1 was written whole when a run was interrupted: its records are the rest of the source.
    this.sourceEnded =
      header.vccSimResume === 1 || progress?.sourceEnded === true || header.completed === true;
  }

  /** A record line; its `seq` (format 1 records have none: they are numbered in file order). */
  record(record: UndeliveredRecord): number {
    const seq = record.seq ?? this.taken;
    this.pending.add(seq);
    if (seq >= this.taken) {
      this.taken = seq + 1;
      this.lastId = record.notification.id;
    }
    return seq;
  }

  mark(mark: JobMark): void {
    for (const seq of mark.delivered ?? []) this.pending.delete(seq);
    for (const seq of mark.deadLettered ?? []) this.pending.delete(seq);
    if (mark.sourceEnded !== undefined) {
      this.sourceEnded = true;
      this.taken = Math.max(this.taken, mark.sourceEnded);
    }
  }

  resumed(line: JobResumed): void {
    this.job = line.job;
  }

  /** Nothing is left: marked complete, or every record ended and the source did too. */
  get completed(): boolean {
    return this.header.completed === true || (this.sourceEnded && this.pending.size === 0);
  }
}

/** Which kind of line a parsed job file line (after the header) is. */
export function jobLineKind(value: object): 'record' | 'mark' | 'resumed' {
  if ('notification' in value) return 'record';
  if ('resumed' in value) return 'resumed';
  return 'mark';
}

/**
 * A pending record's line, from the notification's JSON text: built by concatenation, since a
 * journal writes one for every notification a push takes.
 */
export function pendingRecordLine(seq: number, notificationJson: string): string {
  return `{"seq":${seq},"reason":"pending","attempts":0,"notification":${notificationJson}}\n`;
}

/** A mark line, or `''` when there is nothing to mark. */
export function markLine(delivered: readonly number[], deadLettered: readonly number[]): string {
  if (delivered.length === 0 && deadLettered.length === 0) return '';
  const parts: string[] = [];
  if (delivered.length > 0) parts.push(`"delivered":[${delivered.join(',')}]`);
  if (deadLettered.length > 0) parts.push(`"deadLettered":[${deadLettered.join(',')}]`);
  return `{${parts.join(',')}}\n`;
}
