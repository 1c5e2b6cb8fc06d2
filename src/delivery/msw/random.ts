import type { Uint32Source } from '../../contract/index.js';

/**
 * The twin's one source of randomness (secrets, tokens, KSUIDs, fault rates, latency, jitter,
 * duplicates and reordering). Given a `random` function the twin is deterministic; without one it
 * uses `crypto.getRandomValues`, which Node and browsers both have.
 */
export interface TwinRandom extends Uint32Source {
  /** A float in [0, 1). */
  next(): number;
  /** `length` random bytes. */
  bytes(length: number): Uint8Array;
}

/** Wraps a `Math.random`-shaped function, or the platform's CSPRNG when there is none. */
export function twinRandom(random?: () => number): TwinRandom {
  if (random) {
    const nextUint32 = () => Math.floor(random() * 0x1_0000_0000) >>> 0;
    return {
      next: random,
      nextUint32,
      bytes: (length) => Uint8Array.from({ length }, () => Math.floor(random() * 256)),
    };
  }
  const word = new Uint32Array(1);
  const nextUint32 = () => crypto.getRandomValues(word)[0]!;
  return {
    next: () => nextUint32() / 0x1_0000_0000,
    nextUint32,
    bytes: (length) => crypto.getRandomValues(new Uint8Array(length)),
  };
}

/** Base64 (standard alphabet, padded) of bytes, without Node's `Buffer`. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Base64url (no padding) of bytes: opaque tokens. */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
