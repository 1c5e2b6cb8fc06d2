import {
  closeSync,
  fsync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import {
  JOB_FILE_FORMAT,
  markLine,
  pendingRecordLine,
  type JobHeader,
  type JobMark,
  type JobResumed,
  type SavedJob,
} from '../../../delivery-core/index.js';
import { VccSimError } from '../../../errors.js';
import { cannotWrite, writeAll } from '../output-files.js';
import type { UndeliveredRecord } from '../types.js';

/** Compact the journal once it has grown this much and its pending records are a small part of it. */
const COMPACT_AT_BYTES = 32 * 1024 * 1024;

/** How a journal writes. */
export type JournalOptions = {
  /** Write ahead as the run goes (default true); else only what an interrupt leaves. */
  writeAhead?: boolean;
  /** Compact past this many bytes (default 32 MiB; tests make it small). */
  compactAtBytes?: number;
};
/**
 * The largest batch encoded into the journal's reusable buffer (UTF-8 takes at most 3 bytes per
 * UTF-16 unit); a larger one gets a buffer of its own.
 */
const REUSED_BUFFER_BYTES = 1024 * 1024;

/** How often what was written is flushed to the disk (a kill loses nothing; a power cut this much). */
const SYNC_EVERY_MS = 1_000;

/** Where a resumed journal continues: what its file already holds. */
export type JournalContinuation = {
  /** The byte past the file's last whole line (a torn line after it is cut off). */
  validEnd: number;
  taken: number;
  lastId: string | undefined;
  sourceEnded: boolean;
  /** Pending records in the file that the run will take again (no new line for them). */
  pending: number;
};

/** A notification as the journal keeps it: its JSON text, or the object (stringified on demand). */
type Kept = string | object;

const json = (value: Kept) => (typeof value === 'string' ? value : JSON.stringify(value));

function idOf(value: Kept | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed = (typeof value === 'string' ? JSON.parse(value) : value) as { id?: unknown };
    return typeof parsed.id === 'string' ? parsed.id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes a compacted job file, atomically: `header`, then `records` as they come.
 * @throws {VccSimError} code `input` when the file cannot be written.
 */
export async function writeJobFile(
  path: string,
  header: JobHeader,
  records: AsyncIterable<UndeliveredRecord>,
): Promise<void> {
  const partial = `${path}.partial`;
  let fd: number | undefined;
  try {
    fd = openSync(partial, 'w');
    writeAll(fd, `${JSON.stringify(header)}\n`);
    for await (const record of records) writeAll(fd, `${JSON.stringify(record)}\n`);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(partial, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(partial, { force: true });
    throw error instanceof VccSimError ? error : cannotWrite('the job file', path, error);
  }
}

/**
 * The write-ahead journal of one run of a job: every notification taken from the source is
 * appended as a pending record before its first request is sent, every delivery and dead letter
 * as a mark, in batches the run flushes before it starts requests (so at most the requests in
 * flight are unknown after a kill). Writes go straight to the operating system (`writeSync`),
 * which keeps them through a `kill -9`; they reach the disk every second and whenever the file
 * is replaced. The file is compacted to its header and pending records when it grows, and
 * replaced at the end by the finished job (a header marked completed) or, when the run was
 * interrupted, by what is left (header, records, the source's end).
 *
 * With `writeAhead: false` nothing is written while the run goes: only what an interrupt leaves.
 */
export class JobJournal {
  readonly path: string;
  readonly writeAhead: boolean;
  readonly #compactAt: number;
  readonly #createdAt: string;
  #job: SavedJob;
  #fd: number | undefined;
  #buffer = '';
  /** Where a batch is encoded before it is written: a flush every few requests allocates nothing. */
  #bytesOut: Buffer | undefined;
  #delivered: number[] = [];
  #deadLettered: number[] = [];
  /** Pending records by seq, in seq order: what a compaction keeps. */
  readonly #pending = new Map<number, Kept>();
  #pendingBytes = 0;
  #bytes = 0;
  #taken: number;
  #last: Kept | undefined;
  #lastId: string | undefined;
  #sourceEnded: boolean;
  /** Records of a resumed file the run has not taken again yet: no compaction until it has. */
  #unread: number;
  /** For a resumed run: the journal seqs of the values its source yields, in order. */
  readonly #upcoming: Array<{ seq: number; journaled: boolean }> = [];
  readonly #seqOf = new Map<number, number>();
  readonly #resumed: boolean;
  #failure: Error | undefined;
  #handOver: { fd: number; partial: string } | undefined;
  #handedOver = new Set<number>();
  readonly #syncTimer: ReturnType<typeof setInterval> | undefined;

  private constructor(
    path: string,
    job: SavedJob,
    options: JournalOptions & { createdAt: string; from?: JournalContinuation },
  ) {
    this.path = path;
    this.writeAhead = options.writeAhead !== false;
    this.#compactAt = options.compactAtBytes ?? COMPACT_AT_BYTES;
    this.#job = job;
    this.#createdAt = options.createdAt;
    this.#taken = options.from?.taken ?? 0;
    this.#lastId = options.from?.lastId;
    this.#sourceEnded = options.from?.sourceEnded ?? false;
    this.#unread = options.from?.pending ?? 0;
    this.#resumed = options.from !== undefined;
    if (this.writeAhead) {
      this.#syncTimer = setInterval(() => this.#syncSoon(), SYNC_EVERY_MS);
      this.#syncTimer.unref();
    }
  }

  /**
   * Starts the journal of a new job: the header is written to a new file, put in place
   * atomically (a previous file at `path` was checked by the caller).
   * @throws {VccSimError} code `input` when the file cannot be written.
   */
  static start(path: string, job: SavedJob, options: JournalOptions = {}): JobJournal {
    const journal = new JobJournal(path, job, { ...options, createdAt: new Date().toISOString() });
    if (journal.writeAhead) journal.#replace(journal.#header(), []);
    return journal;
  }

  /**
   * Continues the journal of a resumed job in its own file: a torn last line is cut off, and a
   * resumed line records the settings of this run.
   * @throws {VccSimError} code `input` when the file cannot be written.
   */
  static continue(
    path: string,
    header: JobHeader,
    job: SavedJob,
    from: JournalContinuation,
    options: JournalOptions = {},
  ): JobJournal {
    const journal = new JobJournal(path, job, { ...options, createdAt: header.createdAt, from });
    if (!journal.writeAhead) return journal;
    try {
      const fd = openSync(path, 'r+');
      try {
        ftruncateSync(fd, from.validEnd);
        // A file written by hand may lack its last newline; a line must never be glued to it.
        const last = Buffer.alloc(1);
        const glued = from.validEnd > 0 && readSync(fd, last, 0, 1, from.validEnd - 1) === 1;
        const resumed: JobResumed = { resumed: new Date().toISOString(), job };
        const line = `${glued && last[0] !== 0x0a ? '\n' : ''}${JSON.stringify(resumed)}\n`;
        writeSync(fd, line, from.validEnd);
      } finally {
        closeSync(fd);
      }
      journal.#fd = openSync(path, 'a');
    } catch (error) {
      journal.#fail(error);
      throw journal.#error(error);
    }
    journal.#bytes = from.validEnd;
    return journal;
  }

  /** The values of a resumed job's source, with the seq each is journaled under, in order. */
  expect(seq: number, journaled: boolean): void {
    this.#upcoming.push({ seq, journaled });
  }

  /** The resumed records have all been taken again: the file may be compacted from now on. */
  allRecordsTaken(): void {
    this.#unread = 0;
  }

  #seq(runSeq: number): { seq: number; journaled: boolean } {
    if (!this.#resumed) return { seq: runSeq, journaled: false };
    const next = this.#upcoming.shift() ?? { seq: this.#taken, journaled: false };
    this.#seqOf.set(runSeq, next.seq);
    return next;
  }

  #journalSeq(runSeq: number): number {
    if (!this.#resumed) return runSeq;
    const seq = this.#seqOf.get(runSeq) ?? runSeq;
    this.#seqOf.delete(runSeq);
    return seq;
  }

  /** A notification was taken from the source (its JSON text, or the object). */
  took(runSeq: number, notification: Kept): void {
    const { seq, journaled } = this.#seq(runSeq);
    if (seq >= this.#taken) {
      this.#taken = seq + 1;
      this.#last = notification;
    }
    if (!this.writeAhead) return;
    const text = json(notification);
    this.#pending.set(seq, text);
    this.#pendingBytes += text.length;
    if (journaled) {
      if (this.#unread > 0) this.#unread--;
      return;
    }
    this.#buffer += pendingRecordLine(seq, text);
  }

  #ended(runSeq: number, into: number[]): void {
    const seq = this.#journalSeq(runSeq);
    if (!this.writeAhead) return;
    const kept = this.#pending.get(seq);
    if (kept !== undefined) this.#pendingBytes -= json(kept).length;
    this.#pending.delete(seq);
    into.push(seq);
  }

  delivered(runSeq: number): void {
    this.#ended(runSeq, this.#delivered);
  }

  /** A notification was dead-lettered (call once its dead letter is kept). */
  deadLettered(runSeq: number): void {
    this.#ended(runSeq, this.#deadLettered);
  }

  /** Whether something waits to be written. */
  get dirty(): boolean {
    return this.#buffer !== '' || this.#delivered.length > 0 || this.#deadLettered.length > 0;
  }

  /** Why the journal stopped working, if it did. */
  get failure(): Error | undefined {
    return this.#failure;
  }

  /**
   * Writes what waits, in one write. Compacts the file when it has grown.
   * @throws {VccSimError} code `input` when the file cannot be written (nothing more is sent then).
   */
  flush(): void {
    if (!this.writeAhead || this.#failure) return;
    const text = this.#buffer + markLine(this.#delivered, this.#deadLettered);
    this.#buffer = '';
    this.#delivered = [];
    this.#deadLettered = [];
    if (text === '') return;
    try {
      this.#write(text);
    } catch (error) {
      this.#fail(error);
      throw this.#error(error);
    }
    this.#bytes += text.length;
    if (
      this.#bytes > this.#compactAt &&
      this.#unread === 0 &&
      this.#pendingBytes < this.#bytes / 4
    ) {
      this.#compact();
    }
  }

  /** Writes a batch through the reusable buffer when it fits there. */
  #write(text: string): void {
    if (text.length * 3 > REUSED_BUFFER_BYTES) {
      writeAll(this.#fd!, text);
      return;
    }
    this.#bytesOut ??= Buffer.allocUnsafe(REUSED_BUFFER_BYTES);
    writeAll(this.#fd!, this.#bytesOut.subarray(0, this.#bytesOut.write(text)));
  }

  /** The source was read to its end after `taken` values. */
  sourceEnded(): void {
    if (this.#sourceEnded) return;
    this.#sourceEnded = true;
    if (!this.writeAhead || this.#failure) return;
    const mark: JobMark = { sourceEnded: this.#taken };
    this.#buffer += `${JSON.stringify(mark)}\n`;
  }

  #header(extra: Partial<JobHeader> = {}): JobHeader {
    const lastId = idOf(this.#last) ?? this.#lastId;
    return {
      vccSimResume: JOB_FILE_FORMAT,
      createdAt: this.#createdAt,
      ...extra,
      job: this.#job,
      progress: {
        taken: this.#taken,
        ...(lastId === undefined ? {} : { lastId }),
        ...(this.#sourceEnded ? { sourceEnded: true } : {}),
      },
    };
  }

  /** Replaces the file by `header` and `lines`, atomically, and appends to the new one after. */
  #replace(header: JobHeader, lines: Iterable<string>): void {
    const partial = `${this.path}.partial`;
    let fd: number | undefined;
    let bytes = 0;
    try {
      fd = openSync(partial, 'w');
      let text = `${JSON.stringify(header)}\n`;
      for (const line of lines) {
        text += line;
        if (text.length > 1 << 20) {
          writeAll(fd, text);
          bytes += text.length;
          text = '';
        }
      }
      writeAll(fd, text);
      bytes += text.length;
      fsyncSync(fd);
      renameSync(partial, this.path);
    } catch (error) {
      if (fd !== undefined) closeSync(fd);
      rmSync(partial, { force: true });
      this.#fail(error);
      throw this.#error(error);
    }
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = fd;
    this.#bytes = bytes;
  }

  *#pendingLines(): Generator<string> {
    for (const [seq, kept] of this.#pending) yield pendingRecordLine(seq, json(kept));
  }

  #compact(): void {
    this.#replace(this.#header(), this.#pendingLines());
  }

  /**
   * Keeps a record an interrupted run did not deliver (in source order: first those the run had
   * taken, then the source's rest): written to the file that replaces the journal at the end.
   */
  handOver(
    record: UndeliveredRecord,
    runSeq: number | undefined,
    { fromSource = false } = {},
  ): void {
    if (this.#failure) return;
    const seq =
      runSeq === undefined
        ? record.seq!
        : fromSource
          ? this.#seq(runSeq).seq
          : this.#journalSeq(runSeq);
    try {
      if (!this.#handOver) {
        const partial = `${this.path}.partial`;
        this.#handOver = { fd: openSync(partial, 'w'), partial };
        writeAll(this.#handOver.fd, `${JSON.stringify(this.#header())}\n`);
      }
      writeAll(this.#handOver.fd, `${JSON.stringify({ seq, ...record })}\n`);
    } catch (error) {
      this.#fail(error);
      throw this.#error(error);
    }
    this.#handedOver.add(seq);
    if (fromSource && seq >= this.#taken) this.#taken = seq + 1;
  }

  /**
   * Ends the journal: `completed` replaces it by a header marked completed; `interrupted` by what
   * is left (what was handed over, any pending record that was not, and the source's end).
   * After a write failure the file is left as the last good write made it.
   * @throws {VccSimError} code `input` when the file cannot be written.
   */
  finish(outcome: 'completed' | 'interrupted'): void {
    clearInterval(this.#syncTimer);
    if (this.#failure) {
      this.#close();
      return;
    }
    if (outcome === 'completed') {
      // A new job that kept no journal leaves no file; a resumed one is marked done.
      if (!this.writeAhead && !this.#resumed) return;
      this.#buffer = '';
      this.#sourceEnded = true;
      this.#replace(this.#header({ completed: true }), []);
      this.#close();
      return;
    }
    if (!this.writeAhead && !this.#handOver) return;
    const leftovers = [...this.#pending]
      .filter(([seq]) => !this.#handedOver.has(seq))
      .map(([seq, kept]) => pendingRecordLine(seq, json(kept)));
    const end = this.#sourceEnded ? `${JSON.stringify({ sourceEnded: this.#taken })}\n` : '';
    if (!this.#handOver) {
      this.#replace(this.#header(), [...leftovers, end]);
      this.#close();
      return;
    }
    const { fd, partial } = this.#handOver;
    try {
      writeAll(fd, leftovers.join('') + end);
      fsyncSync(fd);
      closeSync(fd);
      renameSync(partial, this.path);
    } catch (error) {
      rmSync(partial, { force: true });
      this.#fail(error);
      throw this.#error(error);
    }
    this.#close();
  }

  /** The source's rest was handed over to its end. */
  handedOverToEnd(): void {
    this.#sourceEnded = true;
  }

  #close(): void {
    const fd = this.#fd;
    this.#fd = undefined;
    if (fd === undefined) return;
    try {
      fsyncSync(fd);
    } catch {
      // Written to the operating system already.
    }
    closeSync(fd);
  }

  #syncSoon(): void {
    const fd = this.#fd;
    if (fd !== undefined && !this.#failure) fsync(fd, () => undefined);
  }

  #fail(error: unknown): void {
    this.#failure ??= error instanceof Error ? error : new Error(String(error));
    clearInterval(this.#syncTimer);
  }

  #error(error: unknown) {
    return cannotWrite('the job journal', this.path, error);
  }
}
