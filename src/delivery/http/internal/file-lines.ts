import { createReadStream } from 'node:fs';
import { VccSimError } from '../../../errors.js';

/** One line of a file, with where it ends. */
export type FileLine = {
  text: string;
  /** 1-based. */
  number: number;
  /** The byte just past the line (and its newline). */
  end: number;
  /** Whether a newline ended it (the last line of a file cut mid-write has none). */
  terminated: boolean;
};

/** A line longer than this is not something vcc-sim wrote: reading it whole would only cost memory. */
const MAX_LINE_BYTES = 16 * 1024 * 1024;

const NEWLINE = 0x0a;

/**
 * The lines of `path` up to byte `end` (exclusive), read in flat memory: split on `\n` (a `\r`
 * before it dropped), decoded as UTF-8, each with the offset where it ends, so a reader can tell a
 * torn last line and a writer can append after the last whole one.
 * @throws {VccSimError} code `input` for a line longer than {@link MAX_LINE_BYTES}.
 */
export async function* fileLines(path: string, end?: number): AsyncGenerator<FileLine> {
  const stream = createReadStream(path, end === undefined ? {} : { end: end - 1 });
  const decoder = new TextDecoder('utf-8');
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let offset = 0;
  let number = 0;
  const line = (parts: Buffer[], terminated: boolean): FileLine => {
    const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    const cut = terminated && bytes.at(-1) === 0x0d ? bytes.subarray(0, -1) : bytes;
    return { text: decoder.decode(cut), number: ++number, end: offset, terminated };
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, start)) {
      pending.push(chunk.subarray(start, at));
      offset += pendingBytes + (at - start) + 1;
      const whole = line(pending, true);
      pending = [];
      pendingBytes = 0;
      start = at + 1;
      yield whole;
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingBytes += chunk.length - start;
      if (pendingBytes > MAX_LINE_BYTES) {
        stream.destroy();
        throw new VccSimError(
          'input',
          `${path}:${number + 1}: the line is longer than ${MAX_LINE_BYTES / 1024 / 1024} MiB; this is not a file vcc-sim wrote.`,
        );
      }
    }
  }
  if (pendingBytes > 0) {
    offset += pendingBytes;
    yield line(pending, false);
  }
}
