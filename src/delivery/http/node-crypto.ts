import { createHmac, createSecretKey, hash, randomBytes, randomUUID } from 'node:crypto';
import type { HmacSha256, SignatureCrypto } from '../../contract/index.js';

const BLOCK = 64;
/** Signing inputs up to this long take the fast path (a JWT signing input is about 250 bytes). */
const MAX_FAST_MESSAGE = 4096;

/**
 * HMAC-SHA256 (RFC 2104) on Node's one-shot `crypto.hash`: H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)).
 * `createHmac` builds a stream-capable Hmac object per call, which costs more than the hashing
 * itself at the pusher's rates; this keeps the padded key blocks and hashes in place. Tests
 * cross-check it against `createHmac` (and WebCrypto) for keys and messages of many lengths.
 */
function fastHmacSha256(key: Uint8Array): HmacSha256 {
  const keyBlock = key.length > BLOCK ? hash('sha256', key, 'buffer') : key;
  const inner = Buffer.alloc(BLOCK + MAX_FAST_MESSAGE);
  const outer = Buffer.alloc(BLOCK + 32);
  for (let i = 0; i < BLOCK; i++) {
    const byte = keyBlock[i] ?? 0;
    inner[i] = byte ^ 0x36;
    outer[i] = byte ^ 0x5c;
  }
  const secretKey = createSecretKey(key);
  return (message) => {
    if (message.length > MAX_FAST_MESSAGE) {
      return createHmac('sha256', secretKey).update(message).digest('base64url');
    }
    // The message is ASCII (a JWT signing input), so latin1 writes it byte for byte.
    const length = inner.write(message, BLOCK, 'latin1');
    hash('sha256', inner.subarray(0, BLOCK + length), 'buffer').copy(outer, BLOCK);
    return hash('sha256', outer, 'base64url');
  };
}

/**
 * {@link SignatureCrypto} on `node:crypto`: synchronous and several times faster than WebCrypto
 * here, which the pusher needs to sign tens of thousands of requests a second. Hashes with the
 * one-shot `crypto.hash` (no Hash object per call) and encodes with `Buffer`.
 */
export const nodeCrypto: SignatureCrypto = {
  name: 'node',
  hmacSha256: fastHmacSha256,
  sha256: (data) => hash('sha256', data, 'buffer'),
  sha256Hex: (data) => hash('sha256', data, 'hex'),
  randomBytes: (length) => randomBytes(length),
  randomUuid: () => randomUUID(),
  base64UrlText: (text) => Buffer.from(text, 'utf8').toString('base64url'),
};
