import { readFileSync } from 'node:fs';
import { opsPerSecond, type BenchRow } from '../measure.js';

/**
 * How fast this machine is right now, in the terms the facts use: `JSON.stringify` of one
 * notification, measured at about 660,000/s when the targets were set. Rates elsewhere in the
 * table scale with it, so a reader can tell a slow machine from a slow vcc-sim.
 */
export function machineRows(): BenchRow[] {
  const example: unknown = JSON.parse(
    readFileSync(
      new URL('../../test/fixtures/seed-channel-connected.v0.json', import.meta.url),
      'utf8',
    ),
  );
  const batch = 1_000;
  const rate = opsPerSecond(
    () => {
      for (let i = 0; i < batch; i++) JSON.stringify(example);
    },
    { batch },
  );
  return [
    {
      row: 'machine: JSON.stringify of the seed example, one core',
      figure: rate,
      unit: 'ops/s',
      baseline: { label: 'when the targets were set (facts §6)', figure: 660_000, unit: 'ops/s' },
    },
  ];
}
