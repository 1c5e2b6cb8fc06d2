import KSUID from 'ksuid';
import { createKsuidFactory } from 'vcc-sim';
import { atLeast, opsPerSecond, type BenchRow } from '../measure.js';

/** A seeded source as cheap as the engine's (xorshift32). */
function seededSource(seed: number) {
  let state = seed;
  return {
    nextUint32() {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>>= 0);
    },
  };
}

export function ksuidRows(): BenchRow[] {
  const mint = createKsuidFactory(seededSource(42));
  let second = 1_700_000_000;
  const batch = 1_000;
  const ours = opsPerSecond(
    () => {
      for (let i = 0; i < batch; i++) mint(second + (i >> 6));
      second++;
    },
    { batch },
  );
  const reference = opsPerSecond(
    () => {
      for (let i = 0; i < 100; i++) KSUID.randomSync();
    },
    { batch: 100 },
  );
  return [
    {
      row: 'ksuid: seeded ids, one core',
      figure: ours,
      unit: 'ids/s',
      target: atLeast(1_000_000),
      baseline: { label: 'ksuid package randomSync', figure: reference, unit: 'ids/s' },
    },
  ];
}
