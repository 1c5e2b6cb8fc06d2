import {
  closeSync,
  constants,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
  type PathLike,
} from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { VccSimError } from '../../errors.js';

/**
 * Files that must survive a crash: written whole and put in place by a rename (a reader sees the
 * old file or the new one, never half of one), or appended to line by line (a crash can only cut
 * the last line, which readers ignore).
 */

const REASONS: Record<string, string> = {
  ENOENT: 'no such directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EIO: 'input/output error',
  EFBIG: 'the file is too large',
};

/** Why a file operation failed, in words (`permission denied`), never a stack. */
function fileErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return (
    (code && REASONS[code]) ?? code ?? (error instanceof Error ? error.message : String(error))
  );
}

/** The error for a file that cannot be written, naming what it is for. */
export function cannotWrite(what: string, path: string, error: unknown): VccSimError {
  return new VccSimError('input', `Cannot write ${what} "${path}": ${fileErrorReason(error)}.`, {
    cause: error,
  });
}

/**
 * Checks, before any work starts, that `path` can be written: not a directory, not `-` (standard
 * output is not a file that survives), in a directory that exists and is writable, and writable
 * itself when it exists. Creates nothing.
 * @throws {VccSimError} code `usage` naming the file, what it is for and what is wrong.
 * @example
 * await checkOutputFile('report.json', 'the report');
 */
export async function checkOutputFile(path: string, what: string): Promise<void> {
  const refuse = (why: string) =>
    new VccSimError('usage', `Cannot write ${what} to "${path}": ${why}.`);
  if (path.trim() === '') throw refuse('the path is empty');
  if (path === '-') throw refuse('it must be a file, not standard output');
  let existing: Awaited<ReturnType<typeof stat>> | undefined;
  try {
    existing = await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw refuse(fileErrorReason(error));
  }
  if (existing?.isDirectory()) throw refuse('it is a directory');
  try {
    if (existing) await access(path, constants.W_OK);
    else {
      const folder = dirname(resolve(path));
      const info = await stat(folder).catch((error: unknown) => {
        throw refuse(
          (error as NodeJS.ErrnoException).code === 'ENOENT'
            ? `the directory ${folder} does not exist`
            : fileErrorReason(error),
        );
      });
      if (!info.isDirectory()) throw refuse(`${folder} is not a directory`);
      await access(folder, constants.W_OK);
    }
  } catch (error) {
    if (error instanceof VccSimError) throw error;
    throw refuse(fileErrorReason(error));
  }
}

function syncDirectory(path: string): void {
  // Makes the rename itself durable; some platforms cannot open a directory, which is fine.
  try {
    const fd = openSync(dirname(resolve(path)), 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Best effort.
  }
}

/** Writes all of `data` at the file position of `fd`, however many writes it takes. */
export function writeAll(fd: number, data: string | Uint8Array): void {
  let bytes = typeof data === 'string' ? Buffer.from(data) : data;
  while (bytes.length > 0) {
    const written = writeSync(fd, bytes);
    bytes = bytes.subarray(written);
  }
}

/**
 * Writes a file atomically: to `<path>.partial`, flushed to the disk, then renamed over `path`.
 * A crash leaves the old file or the new one, and at worst a `.partial` beside it.
 * @throws {VccSimError} code `input` naming the file and the reason.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, what = 'the file'): void {
  if (isSpecialFile(path)) return writeSpecialFile(path, data, what);
  const partial = `${path}.partial`;
  let fd: number | undefined;
  try {
    fd = openSync(partial, 'w');
    writeAll(fd, data);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(partial, path);
    syncDirectory(path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(partial, { force: true });
    throw cannotWrite(what, path, error);
  }
}

/** Whether `path` exists and is not a regular file (`/dev/null`, a FIFO): never renamed over. */
function isSpecialFile(path: string): boolean {
  try {
    return !statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Writes straight into a device or FIFO, which has no contents a rename could protect. */
function writeSpecialFile(path: string, data: string | Uint8Array, what: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'w');
    writeAll(fd, data);
  } catch (error) {
    throw cannotWrite(what, path, error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * An NDJSON file appended to line by line, each line written through to the operating system at
 * once (it survives the process being killed), created on the first line.
 */
export class LineAppender {
  readonly path: string;
  readonly #what: string;
  readonly #flags: string;
  #fd: number | undefined;
  lines = 0;

  constructor(path: string, what: string, { append = true } = {}) {
    this.path = path;
    this.#what = what;
    this.#flags = append ? 'a' : 'w';
  }

  /**
   * Appends one value as a line.
   * @throws {VccSimError} code `input` when the file cannot be written.
   */
  write(value: unknown): void {
    try {
      this.#fd ??= openSync(this.path as PathLike, this.#flags);
      writeAll(this.#fd, `${JSON.stringify(value)}\n`);
      this.lines++;
    } catch (error) {
      throw cannotWrite(this.#what, this.path, error);
    }
  }

  /** Flushes the file to the disk and closes it. */
  close(): void {
    const fd = this.#fd;
    if (fd === undefined) return;
    this.#fd = undefined;
    try {
      fsyncSync(fd);
    } catch {
      // The lines are with the operating system already; a disk that cannot sync is not ours to fix.
    } finally {
      closeSync(fd);
    }
  }
}
