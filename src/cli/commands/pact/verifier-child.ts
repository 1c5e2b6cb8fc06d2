/**
 * The child process of `verifyInChildProcess`: reads `VerifyPactsOptions` as JSON from stdin,
 * verifies (Pact prints its report on this process's stdout, which the parent reads), and writes
 * the outcome as JSON to file descriptor 3.
 */
import { createWriteStream } from 'node:fs';
import { text } from 'node:stream/consumers';
import { isVccSimError } from '../../../errors.js';
import type { VerifierOutcome } from './verifier-process.js';

async function outcome(): Promise<VerifierOutcome> {
  try {
    const { verifyPacts } = await import('../../../delivery/pact/index.js');
    return { report: await verifyPacts(JSON.parse(await text(process.stdin))) };
  } catch (error) {
    if (isVccSimError(error)) return { error: { code: error.code, message: error.message } };
    const { message, stack } = error instanceof Error ? error : new Error(String(error));
    return { error: { message, ...(stack ? { stack } : {}) } };
  }
}

const result = JSON.stringify(await outcome());
const channel = createWriteStream('', { fd: 3 });
channel.end(result, () => process.exit(0));
