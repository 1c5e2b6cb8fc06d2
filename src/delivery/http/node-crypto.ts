import * as crypto from 'node:crypto';
import type { SignatureCrypto } from '../../contract/index.js';

const { createHash, createHmac, createSecretKey, randomBytes, randomUUID } = crypto;

/** One-shot `crypto.hash` (Node 20.12+) skips a Hash object per call; older Nodes fall back. */
const oneShot = (
  crypto as { hash?: (algorithm: string, data: Uint8Array, output: 'buffer') => Buffer }
).hash;

/**
 * {@link SignatureCrypto} on `node:crypto`: synchronous and several times faster than WebCrypto
 * here, which the pusher needs to sign tens of thousands of requests a second.
 */
export const nodeCrypto: SignatureCrypto = {
  name: 'node',
  hmacSha256(key) {
    const secretKey = createSecretKey(key);
    return (message) => createHmac('sha256', secretKey).update(message).digest('base64url');
  },
  sha256: oneShot
    ? (data) => oneShot('sha256', data, 'buffer')
    : (data) => createHash('sha256').update(data).digest(),
  randomBytes: (length) => randomBytes(length),
  randomUuid: () => randomUUID(),
  base64UrlText: (text) => Buffer.from(text, 'utf8').toString('base64url'),
};
