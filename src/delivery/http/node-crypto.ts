import { createHmac, createSecretKey, hash, randomBytes, randomUUID } from 'node:crypto';
import type { SignatureCrypto } from '../../contract/index.js';

/**
 * {@link SignatureCrypto} on `node:crypto`: synchronous and several times faster than WebCrypto
 * here, which the pusher needs to sign tens of thousands of requests a second. HMAC is Node's own
 * `createHmac` on a key object made once (a hand-written HMAC on the one-shot `crypto.hash`
 * measured 0.96–1.18× of it, not worth its risk); hashes use the one-shot `crypto.hash` (no Hash
 * object per call) and text is encoded with `Buffer`.
 */
export const nodeCrypto: SignatureCrypto = {
  name: 'node',
  hmacSha256(key) {
    const secretKey = createSecretKey(key);
    return (message) => createHmac('sha256', secretKey).update(message).digest('base64url');
  },
  sha256: (data) => hash('sha256', data, 'buffer'),
  sha256Hex: (data) => hash('sha256', data, 'hex'),
  sha256HexText: (text) => hash('sha256', text, 'hex'),
  randomBytes: (length) => randomBytes(length),
  randomUuid: () => randomUUID(),
  base64UrlText: (text) => Buffer.from(text, 'utf8').toString('base64url'),
};
