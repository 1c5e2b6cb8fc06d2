import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import type { VerificationReport, VerifyPactsOptions } from '../../../delivery/pact/index.js';
import { VccSimError, type VccSimErrorCode } from '../../../errors.js';
import type { OutputStream } from '../../context.js';

/** What the child sends back on its fd 3: the report, or the error that stopped it. */
export type VerifierOutcome =
  | { report: VerificationReport }
  | { error: { code?: VccSimErrorCode; message: string; stack?: string } };

/** Where Pact's own text goes, and whether it keeps its colours there. */
export interface PactOutput {
  stream: OutputStream;
  colors: boolean;
}

const CHILD = fileURLToPath(new URL('./verifier-child.js', import.meta.url));

/**
 * Runs `verifyPacts` in a child process so that vcc-sim decides what becomes of Pact's own
 * output. Pact's native verifier prints its report to file descriptor 1 with ANSI colours
 * whatever the terminal or `NO_COLOR` says (its switch, `pactffi_verifier_set_coloured_output`,
 * is not reachable from Pact JS), so the child's standard output is piped here and each line is
 * passed on, without colours when the destination takes none, or to stderr under `--json`.
 * The options travel on the child's stdin (broker credentials never appear in its arguments);
 * the child runs with this process's Node flags, so `--import` hooks apply to it too.
 */
export async function verifyInChildProcess(
  options: VerifyPactsOptions,
  pactOutput: PactOutput,
): Promise<VerificationReport> {
  const child = spawn(process.execPath, [...process.execArgv, CHILD], {
    stdio: ['pipe', 'pipe', 'inherit', 'pipe'],
  });
  const lines = createInterface({ input: child.stdout!, crlfDelay: Infinity });
  const forwarded = (async () => {
    for await (const line of lines) {
      pactOutput.stream.write(`${pactOutput.colors ? line : stripVTControlCharacters(line)}\n`);
    }
  })();
  const outcome = (async () => {
    const chunks: string[] = [];
    for await (const chunk of child.stdio[3] as NodeJS.ReadableStream) chunks.push(String(chunk));
    return chunks.join('');
  })();
  child.stdin!.end(JSON.stringify(options));
  const [code, text] = await Promise.all([
    new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    }),
    outcome,
    forwarded,
  ]);
  if (!text) {
    throw new VccSimError('pact', `Pact's verifier stopped unexpectedly (exit code ${code}).`);
  }
  const result = JSON.parse(text) as VerifierOutcome;
  if ('report' in result) return result.report;
  if (result.error.code) throw new VccSimError(result.error.code, result.error.message);
  const error = new Error(result.error.message);
  if (result.error.stack) error.stack = result.error.stack;
  throw error;
}
