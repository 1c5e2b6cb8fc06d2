import { createWriteStream, type WriteStream } from 'node:fs';
import { VccSimError } from '../../errors.js';

/**
 * Opens a file for writing, waiting until it is open so a bad path fails here, clearly.
 * @throws {VccSimError} code `input`: `Cannot write "out/x.ndjson": no such directory`
 */
export async function openOutputFile(path: string): Promise<WriteStream> {
  // A deep buffer lets the writer keep producing while the disk catches up on another thread.
  const stream = createWriteStream(path, { highWaterMark: 4 * 1024 * 1024 });
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (error: NodeJS.ErrnoException) => {
      const reasons: Record<string, string> = {
        ENOENT: 'no such directory',
        EISDIR: 'is a directory',
        EACCES: 'permission denied',
      };
      const reason = (error.code && reasons[error.code]) ?? error.message;
      reject(new VccSimError('input', `Cannot write "${path}": ${reason}`, { cause: error }));
    });
  });
  return stream;
}

/** Ends a stream and waits until everything is flushed. */
export function closeOutput(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });
}
