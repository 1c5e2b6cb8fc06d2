import { describe, expect, it } from 'vitest';
import { nodeCrypto } from '../src/delivery/http/index.js';
import {
  DEFAULT_PRESENCE_STATES,
  PRESENCE_CATEGORIES,
  VccSimError,
  createKsuidFactory,
  createWebhookSigner,
  createWebhookVerifier,
  decodeKsuid,
  generateWebhookSecret,
  isVccSimError,
  builtInScenario,
  parseScenario,
  peopleNames,
  runStatistics,
  simulate,
} from '../src/index.js';

/** What the README shows of the root entry, used through the root entry. */
describe('the root entry, as the README uses it', () => {
  it('plays a scenario given as an object', () => {
    const scenario = parseScenario(
      {
        name: 'tiny',
        description: 'One answered call',
        calls: 1,
        arrivals: { process: 'poisson', perHour: 30 },
        teams: [{ name: 'support', agents: 1 }],
        mix: [{ flow: 'inbound-answered' }],
      },
      'tiny (in memory)',
    );
    const types = [...simulate(scenario, { seed: 7, events: 'channel.*' })].map((n) => n.type);
    expect(types).toContain('channel.connected.v0');
    expect(types.at(-1)).toMatch(/^channel\.ended\.v[01]$/);
  });

  it('rejects a scenario that breaks the schema with a VccSimError of code "scenario"', () => {
    let thrown: unknown;
    try {
      parseScenario({ name: 'broken' }, 'broken.json');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(VccSimError);
    expect(isVccSimError(thrown, 'scenario')).toBe(true);
    expect(isVccSimError(thrown, 'usage')).toBe(false);
    expect((thrown as Error).message).toMatch(/^Invalid scenario "broken.json/);
  });

  it('lists VCC’s default presence states, each in one of the four categories', () => {
    const states = Object.values(DEFAULT_PRESENCE_STATES);
    expect(states.map((state) => state.description)).toContain('Ready (Outbound)');
    expect(new Set(states.map((state) => state.category))).toEqual(new Set(PRESENCE_CATEGORIES));
  });

  it('names the people of a run for its statistics, in the locale asked for', async () => {
    const scenario = builtInScenario('warm-transfer');
    const names = await peopleNames(scenario, { seed: 7, locale: 'fr' });
    const { agents } = runStatistics(scenario, { seed: 7, names });
    expect(agents.map((agent) => agent.name)).toEqual(
      agents.map((agent) => names.get(agent.agentId)),
    );
    expect(agents.every((agent) => agent.name !== undefined && agent.handled >= 0)).toBe(true);
    expect(runStatistics(scenario, { seed: 7 }).agents[0]).not.toHaveProperty('name');
  });

  it('mints KSUIDs and decodes them back', () => {
    const id = createKsuidFactory()(1_758_361_746);
    expect(decodeKsuid(id)?.unixSeconds).toBe(1_758_361_746);
    expect(decodeKsuid('not a ksuid')).toBeUndefined();
  });

  it('signs on WebCrypto and verifies with the Node crypto of vcc-sim/http, and back', async () => {
    const secret = generateWebhookSecret();
    const body = '{"type":"channel.connected.v0"}';
    const onWeb = await createWebhookSigner(secret).sign(body);
    const onNode = await createWebhookSigner(secret, { crypto: nodeCrypto }).sign(body);
    expect(
      await createWebhookVerifier(secret, { crypto: nodeCrypto }).verify(onWeb, body),
    ).toMatchObject({ valid: true });
    expect(await createWebhookVerifier(secret).verify(onNode, body)).toMatchObject({ valid: true });
    expect(await createWebhookVerifier(secret).verify(onNode, `${body} `)).toMatchObject({
      valid: false,
      problem: 'hash-mismatch',
    });
  });
});
