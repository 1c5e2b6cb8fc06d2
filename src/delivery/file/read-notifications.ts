import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { VccSimError } from '../../errors.js';

/** Where a value came from in its file, for messages a person can act on. */
export interface RecordLocation {
  /** The file path, or `<stdin>`. */
  file: string;
  /** 1-based line: the value's own line in NDJSON, the document's first line otherwise. */
  line: number;
  /** Position in a top-level JSON array, when the input is one. */
  index?: number;
}

/** One parsed value of an input file, not yet validated. */
export interface NotificationRecord {
  value: unknown;
  location: RecordLocation;
}

/** The display name of standard input. */
const STDIN_NAME = '<stdin>';

function readError(file: string, error: NodeJS.ErrnoException): VccSimError {
  const reasons: Record<string, string> = {
    ENOENT: 'no such file',
    EISDIR: 'is a directory',
    EACCES: 'permission denied',
  };
  const reason = (error.code && reasons[error.code]) ?? error.message;
  return new VccSimError('input', `Cannot read "${file}": ${reason}`, { cause: error });
}

function jsonError(file: string, text: string, firstLine: number, error: unknown): VccSimError {
  const reason = error instanceof Error ? error.message : String(error);
  const match = / at position (\d+)/.exec(reason);
  const position = match ? Number(match[1]) : text.length;
  const before = text.slice(0, position);
  const line = firstLine + (before.match(/\n/g)?.length ?? 0);
  const column = position - before.lastIndexOf('\n');
  const detail = reason.replace(/ in JSON at position \d+$/, '').replace(/ at position \d+$/, '');
  return new VccSimError('input', `${file}:${line}:${column}: not valid JSON (${detail})`, {
    cause: error,
  });
}

function parseJson(file: string, text: string, firstLine: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw jsonError(file, text, firstLine, error);
  }
}

/**
 * Reads notifications from a JSON object, a JSON array, or NDJSON (one object per line), telling
 * them apart by content: a first line that is a complete JSON object means NDJSON. NDJSON streams
 * line by line, so files of any size read in flat memory.
 *
 * @throws {VccSimError} code `input`, naming the file, line and column, when the input is not JSON.
 */
export async function* readNotifications(
  input: Readable,
  file: string,
): AsyncGenerator<NotificationRecord> {
  try {
    yield* parseInput(input, file);
  } catch (error) {
    if (error instanceof VccSimError) throw error;
    throw readError(file, error as NodeJS.ErrnoException);
  }
}

async function* parseInput(input: Readable, file: string): AsyncGenerator<NotificationRecord> {
  let mode: 'undecided' | 'ndjson' | 'document' = 'undecided';
  let documentStart = 0;
  const documentLines: string[] = [];
  let lineNumber = 0;

  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lineNumber++;
    if (mode === 'document') {
      documentLines.push(line);
      continue;
    }
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (mode === 'ndjson') {
      yield { value: parseJson(file, line, lineNumber), location: { file, line: lineNumber } };
      continue;
    }
    if (trimmed.startsWith('{')) {
      try {
        const value: unknown = JSON.parse(trimmed);
        mode = 'ndjson';
        yield { value, location: { file, line: lineNumber } };
        continue;
      } catch {
        // Not a whole object on one line: a pretty-printed document.
      }
    } else if (!trimmed.startsWith('[')) {
      const column = line.length - line.trimStart().length + 1;
      throw new VccSimError(
        'input',
        `${file}:${lineNumber}:${column}: not JSON or NDJSON (expected "{" or "[", found ${JSON.stringify(trimmed[0])})`,
      );
    }
    mode = 'document';
    documentStart = lineNumber;
    documentLines.push(line);
  }

  if (mode !== 'document') return;
  const document = parseJson(file, documentLines.join('\n'), documentStart);
  if (Array.isArray(document)) {
    for (const [index, value] of document.entries()) {
      yield { value, location: { file, line: documentStart, index } };
    }
  } else {
    yield { value: document, location: { file, line: documentStart } };
  }
}

/**
 * Opens a path (or `-` for standard input) and reads its notifications; see {@link readNotifications}.
 * @throws {VccSimError} code `input` when the file cannot be opened or parsed.
 */
export async function* readNotificationFile(
  path: string,
  stdin: Readable = process.stdin,
): AsyncGenerator<NotificationRecord> {
  if (path === '-') {
    yield* readNotifications(stdin, STDIN_NAME);
    return;
  }
  yield* readNotifications(createReadStream(path), path);
}
