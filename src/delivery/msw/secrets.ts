import { toBase64, type TwinRandom } from './random.js';

// Interim: replaced by the core's signature module (src/contract/signature.ts) once it is on main.
const MIN_SECRET_BYTES = 32;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Why a user-supplied secret is unusable, or `undefined`. */
export function secretProblem(secret: string): string | undefined {
  if (secret === '' || !BASE64.test(secret)) return 'must be base64 text';
  const bytes = atob(secret).length;
  if (bytes < MIN_SECRET_BYTES) {
    return `must decode to at least ${MIN_SECRET_BYTES} bytes (got ${bytes})`;
  }
  return undefined;
}

/** A secret as VCC generates one: 32 random bytes, base64. */
export function generateSecret(random: TwinRandom): string {
  return toBase64(random.bytes(MIN_SECRET_BYTES));
}
