import type * as Pact from '@pact-foundation/pact';
import { VccSimError } from '../../errors.js';

/** Pact's JavaScript API, as `import('@pact-foundation/pact')` returns it. */
export type PactRuntime = typeof Pact;

/**
 * Loads Pact on first use. Pact is an optional peer dependency, and its native library takes a
 * moment to load, so nothing imports it before a verification actually runs.
 */
export async function loadPactRuntime(): Promise<PactRuntime> {
  try {
    return await import('@pact-foundation/pact');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new VccSimError(
        'pact',
        'Verifying pacts needs Pact: npm install --save-dev @pact-foundation/pact@~16.5.0',
        { cause: error },
      );
    }
    throw new VccSimError('pact', `Pact could not be loaded: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
