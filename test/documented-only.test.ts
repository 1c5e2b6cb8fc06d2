import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, builtInScenario, simulate } from '../src/index.js';
import { createVccTwin, routeFetch } from '../src/delivery/msw/index.js';
import { generatePact } from '../src/delivery/pact/index.js';
import { runCli } from './support/cli.js';

/**
 * `documentedOnly` (`--documented-only`) leaves out the types VCC documents no page for, wherever
 * types are selected: `simulate()`, the twin's runs, `pact generate` and the CLI.
 */
const INFERRED = new Set(
  EVENT_TYPES.filter((info) => info.provenance === 'inferred').map((info) => info.type),
);

describe('documentedOnly', () => {
  it('knows which types are inferred: the channel v1s VCC publishes no page for', () => {
    expect([...INFERRED].sort()).toEqual([
      'channel.connectionfailed.v1',
      'channel.ended.v1',
      'channel.interrupted.v1',
      'channel.parked.v1',
      'channel.resumed.v1',
      'channel.retrieved.v1',
      'channel.unparked.v1',
    ]);
  });

  it('leaves inferred types out of simulate(), and only them', () => {
    const scenario = builtInScenario('contact-centre-day');
    const options = { seed: 3, calls: 300, events: '*' };
    const all = [...simulate(scenario, options)].map((notification) => notification.type);
    const documented = [...simulate(scenario, { ...options, documentedOnly: true })].map(
      (notification) => notification.type,
    );
    expect(all.filter((type) => INFERRED.has(type)).length).toBeGreaterThan(0);
    expect(documented).toEqual(all.filter((type) => !INFERRED.has(type)));
  });

  it('leaves inferred types out of a twin run', async () => {
    const twin = createVccTwin();
    twin.addSubscription({ name: 'all', url: 'https://hook.example/vcc', events: ['*'] });
    const received: string[] = [];
    const fetch = routeFetch({
      'https://hook.example': async (request: Request) => {
        received.push(((await request.json()) as { type: string }).type);
        return new Response(null, { status: 200 });
      },
    });
    const report = await twin.run('hold-retrieve', {
      simulate: { seed: 1, calls: 2, documentedOnly: true },
      fetch,
    });
    expect(report.failed).toBe(0);
    expect(received).toContain('channel.held.v1');
    expect(received.filter((type) => INFERRED.has(type as never))).toEqual([]);
    expect(received).toContain('channel.retrieved.v0');
  });

  it('leaves inferred types out of a generated pact', () => {
    const documented = generatePact({ consumer: 'crm', documentedOnly: true });
    const all = generatePact({ consumer: 'crm' });
    expect(documented.interactions.some(({ type }) => INFERRED.has(type))).toBe(false);
    expect(all.interactions.filter(({ type }) => !INFERRED.has(type))).toEqual(
      documented.interactions,
    );
  });

  it('is --documented-only on the command line, with a clear error when nothing is left', async () => {
    const result = await runCli([
      'generate',
      '-s',
      'hold-retrieve',
      '--calls',
      '1',
      '-e',
      'channel.*.v1',
      '--documented-only',
    ]);
    expect(result.code).toBe(0);
    const types = new Set(
      result.stdout
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { type: string }).type),
    );
    expect([...types].sort()).toEqual([
      'channel.alerted.v1',
      'channel.connected.v1',
      'channel.disconnected.v1',
      'channel.held.v1',
      'channel.wrapstarted.v1',
    ]);
    const nothing = await runCli(['generate', '-e', 'channel.ended.v1', '--documented-only']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain(
      '"channel.ended.v1" selects only types VCC documents no page for (inferred)',
    );
  });
});
