import type { Writable } from 'node:stream';

/** How notifications are written: one per line, a JSON array, or an indented JSON array. */
export type OutputFormat = 'ndjson' | 'json' | 'pretty';

/** Bytes gathered before each write: large enough to amortise the write, small enough to stream. */
const CHUNK_BYTES = 256 * 1024;

/** Options of {@link writeLines}. */
export interface WriteLinesOptions {
  format?: OutputFormat;
  /** Called after each chunk with the number of items written so far. */
  onProgress?: (written: number) => void;
}

function waitForDrain(output: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanUp = () => {
      output.off('drain', onDrain);
      output.off('close', onDrain);
      output.off('error', onError);
    };
    const onDrain = () => {
      cleanUp();
      resolve();
    };
    const onError = (error: Error) => {
      cleanUp();
      reject(error);
    };
    output.on('drain', onDrain);
    output.on('close', onDrain);
    output.on('error', onError);
  });
}

/** A piece of output and how many items (notifications) it holds. */
export interface OutputChunk {
  bytes: Uint8Array | string;
  count: number;
}

/** Gathers serialised notifications into chunks of about {@link CHUNK_BYTES}, in a format. */
function* chunksOf(items: Iterable<string>, format: OutputFormat): Generator<OutputChunk> {
  const array = format !== 'ndjson';
  let chunk = array ? '[\n' : '';
  let count = 0;
  let total = 0;
  for (const item of items) {
    chunk += !array ? `${item}\n` : total === 0 ? item : `,\n${item}`;
    count++;
    total++;
    if (chunk.length >= CHUNK_BYTES) {
      yield { bytes: chunk, count };
      chunk = '';
      count = 0;
    }
  }
  if (array) chunk += total === 0 ? ']\n' : '\n]\n';
  if (chunk.length > 0) yield { bytes: chunk, count };
}

/**
 * Writes serialised notifications (each item one JSON text, e.g. from `simulateJson`) to a stream
 * in large chunks; see {@link writeChunks}. Returns how many items were written.
 */
export function writeLines(
  items: Iterable<string>,
  output: Writable,
  { format = 'ndjson', onProgress }: WriteLinesOptions = {},
): Promise<number> {
  return writeChunks(chunksOf(items, format), output, onProgress ? { onProgress } : {});
}

/**
 * Writes chunks (e.g. from `simulateNdjson`) to a stream, honouring back-pressure. Stops early,
 * without error, when the reader goes away (`vcc-sim generate | head`). Returns the number of
 * items the written chunks held.
 */
export async function writeChunks(
  chunks: Iterable<OutputChunk>,
  output: Writable,
  { onProgress }: Pick<WriteLinesOptions, 'onProgress'> = {},
): Promise<number> {
  let count = 0;
  let closed = false;
  const markClosed = () => (closed = true);
  output.once('close', markClosed);
  output.on('error', markClosed);
  try {
    for (const chunk of chunks) {
      if (closed) return count;
      count += chunk.count;
      if (!output.write(chunk.bytes)) await waitForDrain(output);
      onProgress?.(count);
    }
    return count;
  } finally {
    output.off('close', markClosed);
    output.off('error', markClosed);
  }
}
