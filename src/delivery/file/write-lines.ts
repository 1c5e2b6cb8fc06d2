import type { Writable } from 'node:stream';

/** How notifications are written: one per line, a JSON array, or an indented JSON array. */
export type OutputFormat = 'ndjson' | 'json' | 'pretty';

/** Bytes gathered before each write: large enough to amortise the write, small enough to stream. */
const CHUNK_BYTES = 256 * 1024;

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

/**
 * Writes serialised notifications (each item one JSON text, e.g. from `simulateJson`) to a stream,
 * in large chunks, honouring back-pressure. Stops early, without error, when the reader goes away
 * (`vcc-sim generate | head`). Returns how many items were written.
 */
export async function writeLines(
  items: Iterable<string>,
  output: Writable,
  { format = 'ndjson', onProgress }: WriteLinesOptions = {},
): Promise<number> {
  const array = format !== 'ndjson';
  const separator = array ? ',\n' : '\n';
  let chunk = array ? '[\n' : '';
  let count = 0;
  let closed = false;
  const markClosed = () => (closed = true);
  output.once('close', markClosed);
  output.on('error', markClosed);
  try {
    for (const item of items) {
      chunk += count === 0 || !array ? item : separator + item;
      if (!array) chunk += '\n';
      count++;
      if (chunk.length >= CHUNK_BYTES) {
        if (closed) return count;
        if (!output.write(chunk)) await waitForDrain(output);
        chunk = '';
        onProgress?.(count);
      }
    }
    if (array) chunk += count === 0 ? ']\n' : '\n]\n';
    if (!closed && chunk.length > 0 && !output.write(chunk)) await waitForDrain(output);
    onProgress?.(count);
    return count;
  } finally {
    output.off('close', markClosed);
    output.off('error', markClosed);
  }
}

/**
 * Writes byte chunks (e.g. from `simulateNdjson`) to a stream, honouring back-pressure, and stops
 * quietly when the reader goes away. Returns the number of items the chunks held.
 */
export async function writeChunks(
  chunks: Iterable<{ bytes: Uint8Array; count: number }>,
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
