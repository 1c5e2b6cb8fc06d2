import { open } from 'node:fs/promises';
import { VccSimError } from '../errors.js';

/** Largest report read: a day-long push's report is well under a megabyte. */
const MAX_REPORT_BYTES = 64 * 1024 * 1024;

/**
 * A push report from a file: JSON as `push --report` writes it, or a log that ends with one (what
 * `kubectl logs` gives of a `push --json` whose warnings went to stderr beside it).
 * @throws {VccSimError} code `input` naming the file when it cannot be read or holds no report.
 */
export async function readReportFile(path: string): Promise<{ name: string; report: unknown }> {
  const name = `"${path}"`;
  return { name: path, report: parseReport(await readText(path, name), name) };
}

async function readText(path: string, name: string): Promise<string> {
  let text: string;
  try {
    const file = await open(path, 'r');
    try {
      const { size, isFile } = await file.stat().then((stat) => ({
        size: stat.size,
        isFile: stat.isFile(),
      }));
      if (!isFile) throw new VccSimError('input', `${name} is not a file.`);
      if (size > MAX_REPORT_BYTES) {
        throw new VccSimError(
          'input',
          `${name} is ${size.toLocaleString('en-US')} bytes: too large for a report.`,
        );
      }
      text = await file.readFile('utf8');
    } finally {
      await file.close();
    }
  } catch (error) {
    if (error instanceof VccSimError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new VccSimError('input', `Cannot read ${name}: ${code ?? (error as Error).message}`, {
      cause: error,
    });
  }
  return text;
}

/** The JSON of the text, or of its last lines from one that is `{` alone (a log's report). */
function parseReport(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const start = text.lastIndexOf('\n{\n');
    if (start !== -1) {
      try {
        return JSON.parse(text.slice(start + 1));
      } catch {
        // Fall through to the first error, which describes the whole file.
      }
    }
    throw new VccSimError(
      'input',
      `${name} is not JSON: ${(error as Error).message} (expected what "vcc-sim push --report" writes).`,
    );
  }
}
