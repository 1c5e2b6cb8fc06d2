import { describe, expect, it } from 'vitest';
import { BUILT_IN_SCENARIOS, builtInScenario, simulate } from '../src/index.js';
import { byChannel, isLegalLifecycle, lifecycleWord } from './support/lifecycles.js';

/**
 * A subscriber to `channel.*.v1` alone must see whole, legal lifecycles: every channel event has a
 * v1, and the engine sends each event once per selected version.
 */
describe('a v1-only subscriber', () => {
  it.each([1, 2, 3])(
    'seed %i: sees every channel of a contact-centre day walk a whole, legal lifecycle',
    (seed) => {
      const options = { seed, calls: 2_000 };
      const scenario = builtInScenario('contact-centre-day');
      const v1 = byChannel(simulate(scenario, { ...options, events: 'channel.*.v1' }));
      const v0 = byChannel(simulate(scenario, { ...options, events: 'channel.*.v0' }));
      expect(v1.size).toBeGreaterThan(3_000);
      expect([...v1.keys()].sort()).toEqual([...v0.keys()].sort());
      const illegal: string[] = [];
      for (const [channelId, events] of v1) {
        if (!events.every((notification) => notification.type.endsWith('.v1'))) {
          illegal.push(`${channelId}: a v0 in a v1-only stream`);
        }
        if (!isLegalLifecycle(events)) illegal.push(`${channelId}: ${lifecycleWord(events)}`);
        // The same events, at the same instants, as the v0 subscriber sees.
        const twins = v0.get(channelId)!;
        expect(events.map((n) => [n.type.replace('.v1', ''), n.data.timestamp])).toEqual(
          twins.map((n) => [n.type.replace('.v0', ''), n.data.timestamp]),
        );
      }
      expect(illegal).toEqual([]);
    },
  );

  it.each(BUILT_IN_SCENARIOS.map((scenario) => scenario.name))(
    '%s: sends only whole, legal v1 lifecycles',
    (name) => {
      const channels = byChannel(
        simulate(builtInScenario(name), { seed: 7, calls: 20, events: 'channel.*.v1' }),
      );
      expect(channels.size).toBeGreaterThan(0);
      for (const [channelId, events] of channels) {
        expect(isLegalLifecycle(events), `${channelId}: ${lifecycleWord(events)}`).toBe(true);
      }
    },
  );
});
