import { webhookSecretProblem } from '../contract/index.js';
import type { CliContext } from './context.js';
import { usageError } from './usage-error.js';

/**
 * The subscription secret a command was given (`--secret`, else `VCC_WEBHOOK_SECRET`), checked;
 * `undefined` when neither is set. Never generates one: a command that grades or feeds an existing
 * webhook must sign with the secret that webhook verifies with.
 */
export function givenSecret(secret: string | undefined, context: CliContext): string | undefined {
  const given = secret ?? (context.env['VCC_WEBHOOK_SECRET'] || undefined);
  if (given === undefined) return undefined;
  const trimmed = given.trim();
  const problem = webhookSecretProblem(trimmed);
  if (problem) {
    const from = secret !== undefined ? 'The --secret' : 'VCC_WEBHOOK_SECRET';
    throw usageError(`${from} ${problem}; a secret is base64 text of at least 32 bytes.`);
  }
  return trimmed;
}
