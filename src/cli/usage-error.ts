import { VccSimError } from '../errors.js';

/** An error in how the command was called: exit code 2, message shown as is. */
export function usageError(message: string): VccSimError {
  return new VccSimError('usage', message);
}
