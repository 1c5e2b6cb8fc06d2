import type { Uint32Source } from '../contract/index.js';

/**
 * The engine's only source of randomness: small, fast, seeded generators (sfc32), one stream per
 * purpose. A call's draws come from a stream derived from (seed, call index) alone, so a call plays
 * out the same way whichever other calls are simulated with it (which is what makes shards add up
 * to the whole run).
 */
export interface RandomStream extends Uint32Source {
  /** A float in [0, 1) with 32 bits of randomness. */
  next(): number;
  /** An integer in [0, bound). */
  below(bound: number): number;
}

/** Murmur3's finaliser: a good 32-bit avalanche. */
function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A 32-bit hash of a string (FNV-1a, then mixed). */
function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix32(h);
}

function sfc32(a: number, b: number, c: number, d: number): RandomStream {
  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  return {
    nextUint32,
    next: () => nextUint32() / 4294967296,
    below: (bound) => Math.floor((nextUint32() / 4294967296) * bound),
  };
}

/**
 * A stream for one purpose of one run: `randomStream(seed, 'call', 17)`. Different seeds, labels or
 * indices give independent streams; the same ones give the same stream.
 */
export function randomStream(seed: number, label: string, index = 0): RandomStream {
  const low = seed >>> 0;
  const high = Math.floor(seed / 4294967296) >>> 0;
  const key = mix32(hashText(label) ^ mix32(low ^ mix32(high + 0x9e3779b9)));
  const a = mix32(key ^ index);
  const b = mix32(a + 0x6d2b79f5 + Math.imul(index, 0x9e3779b9));
  const c = mix32(b ^ 0x27d4eb2f);
  const d = mix32(c + index + 1);
  const stream = sfc32(a, b, c, d);
  // Discard the first outputs: sfc32 needs a few rounds to spread a fresh state.
  for (let i = 0; i < 12; i++) stream.nextUint32();
  return stream;
}
