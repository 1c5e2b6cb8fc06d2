import KSUID from 'ksuid';
import { describe, expect, it } from 'vitest';
import {
  KSUID_EPOCH_SECONDS,
  KSUID_MAX,
  createKsuidFactory,
  decodeKsuid,
  encodeKsuid,
  isKsuid,
  ksuidUnixSeconds,
} from './ksuid.js';
import type { Uint32Source } from './types.js';

/** A tiny deterministic source (xorshift32), standing in for the engine's seeded random. */
function xorshift(seed: number): Uint32Source {
  let state = seed >>> 0 || 1;
  return {
    nextUint32() {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>>= 0);
    },
  };
}

describe('KSUIDs', () => {
  it('round-trips 50,000 ids byte for byte through the reference ksuid package', () => {
    const mint = createKsuidFactory(xorshift(42));
    const random = xorshift(7);
    for (let i = 0; i < 50_000; i++) {
      const unixSeconds = KSUID_EPOCH_SECONDS + (random.nextUint32() % 0xffffffff);
      const id = mint(unixSeconds);
      const reference = KSUID.parse(id);
      expect(reference.string).toBe(id);
      expect(reference.timestamp + KSUID_EPOCH_SECONDS).toBe(unixSeconds);
      const decoded = decodeKsuid(id)!;
      expect(Buffer.from(decoded.bytes).equals(reference.raw)).toBe(true);
      expect(Buffer.from(decoded.payload).equals(reference.payload)).toBe(true);
      expect(encodeKsuid(unixSeconds, decoded.payload)).toBe(id);
    }
  });

  it('encodes ids the reference package made itself', () => {
    for (let i = 0; i < 5_000; i++) {
      const reference = KSUID.randomSync(new Date(Date.UTC(2020, 0, 1) + i * 997_000));
      expect(encodeKsuid(reference.timestamp + KSUID_EPOCH_SECONDS, reference.payload)).toBe(
        reference.string,
      );
    }
  });

  it('gives identical ids for identical seeds and different ids for different seeds', () => {
    const run = (seed: number) => {
      const mint = createKsuidFactory(xorshift(seed));
      return Array.from({ length: 100 }, (_, i) => mint(1_700_000_000 + i));
    };
    expect(run(1)).toEqual(run(1));
    expect(run(2)).not.toEqual(run(1));
    expect(new Set(run(3)).size).toBe(100);
  });

  it('mints in the second it is given', () => {
    const mint = createKsuidFactory();
    const second = Math.floor(Date.parse('2022-08-30T14:34:36.6134321Z') / 1000);
    expect(ksuidUnixSeconds(mint(second))).toBe(second);
  });

  it('decodes the id of VCC’s examples to 2023-09-20T09:49:06Z', () => {
    expect(decodeKsuid('2VejGqWZPqHXHVNcfUPUO8IASAp')?.date.toISOString()).toBe(
      '2023-09-20T09:49:06.000Z',
    );
  });

  it('covers the whole 160-bit range, from all zeros to the largest id', () => {
    expect(encodeKsuid(KSUID_EPOCH_SECONDS, new Uint8Array(16))).toBe('0'.repeat(27));
    expect(encodeKsuid(KSUID_EPOCH_SECONDS + 0xffffffff, new Uint8Array(16).fill(255))).toBe(
      KSUID_MAX,
    );
    expect(KSUID.parse(KSUID_MAX).raw.equals(Buffer.alloc(20, 255))).toBe(true);
  });

  it('tells KSUIDs from other strings', () => {
    expect(isKsuid('2VejGqWZPqHXHVNcfUPUO8IASAp')).toBe(true);
    expect(isKsuid(KSUID_MAX)).toBe(true);
    expect(isKsuid('aWgEPTl1tmebfsQzFP4bxwgy80W')).toBe(false); // 2^160
    expect(isKsuid('2VejGqWZPqHXHVNcfUPUO8IASA')).toBe(false);
    expect(isKsuid('2VejGqWZPqHXHVNcfUPUO8IAS_p')).toBe(false);
    expect(isKsuid(42)).toBe(false);
    expect(decodeKsuid('not a ksuid')).toBeUndefined();
  });

  it('refuses instants and payloads a KSUID cannot hold', () => {
    expect(() => encodeKsuid(KSUID_EPOCH_SECONDS - 1, new Uint8Array(16))).toThrow(/out of range/);
    expect(() => encodeKsuid(KSUID_EPOCH_SECONDS + 2 ** 32, new Uint8Array(16))).toThrow(
      /out of range/,
    );
    expect(() => encodeKsuid(1_700_000_000.5, new Uint8Array(16))).toThrow(/out of range/);
    expect(() => encodeKsuid(1_700_000_000, new Uint8Array(15))).toThrow(/16 bytes/);
  });
});
