import type { Uint32Source } from '../../../contract/index.js';

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

/** A version 4 UUID from the twin's random source (signature `jti`s). */
export function randomUuid(random: TwinRandom): string {
  const bytes = random.bytes(16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
