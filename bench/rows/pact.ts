import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePact, notificationBody, parsePact } from 'vcc-sim/pact';
import { opsPerSecond, type BenchRow } from '../measure.js';

const BIN = fileURLToPath(new URL('../../bin/vcc-sim.js', import.meta.url));

function cliSeconds(args: string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, PACT_DO_NOT_TRACK: 'true' },
  });
  if (result.status !== 0) throw new Error(`vcc-sim ${args.join(' ')} failed: ${result.stderr}`);
  return (performance.now() - started) / 1000;
}

/** Contract testing: building pacts is cheap; verification is paced by Pact's own verifier. */
export function pactRows(): BenchRow[] {
  const out = mkdtempSync(join(tmpdir(), 'vcc-sim-bench-pact-'));
  const generate = cliSeconds(['pact', 'generate', '--consumer', 'bench', '--out', out]);
  const interactions = parsePact(JSON.parse(generatePact({ consumer: 'bench' }).text), 'bench')
    .interactions.length;
  const verify = cliSeconds(['pact', 'verify', out]);
  return [
    {
      row: 'pact: notification bodies with matchers built',
      figure: opsPerSecond(() => notificationBody('channel.connected.v0', { role: 'agent' })),
      unit: 'bodies/s',
    },
    { row: 'pact: vcc-sim pact generate (whole catalogue, CLI)', figure: generate, unit: 's' },
    {
      row: `pact: vcc-sim pact verify of that pact (${interactions} interactions, CLI)`,
      figure: verify,
      unit: 's',
    },
    {
      row: 'pact: interactions verified per second (Pact verifier included)',
      figure: interactions / verify,
      unit: 'interactions/s',
    },
  ];
}
