import { describe, expect, it } from 'vitest';
import { BUILT_IN_SCENARIOS, builtInScenario, simulate } from '../src/index.js';
import { byChannel, lifecycle } from './support/lifecycles.js';

/**
 * A subscriber to `channel.*.v1` alone must see whole, legal lifecycles: every channel event has a
 * v1, and the engine sends each event once per selected version. So each channel's v1 events are
 * its v0 events, one for one, at the same instants and in the same order; the v0 lifecycles are
 * held to the lifecycle grammar by `engine-properties.test.ts`.
 */
function compare(name: string, options: { seed: number; calls: number }) {
  const scenario = builtInScenario(name);
  const v1 = byChannel(simulate(scenario, { ...options, events: 'channel.*.v1' }));
  const v0 = byChannel(simulate(scenario, { ...options, events: 'channel.*.v0' }));
  expect([...v1.keys()].sort()).toEqual([...v0.keys()].sort());
  const different: string[] = [];
  for (const [channelId, events] of v1) {
    const twins = v0.get(channelId)!;
    const instants = (list: typeof events) => list.map((n) => n.data.timestamp).join(' ');
    if (
      !events.every((notification) => notification.type.endsWith('.v1')) ||
      lifecycle(events) !== lifecycle(twins) ||
      instants(events) !== instants(twins)
    ) {
      different.push(`${channelId}: v1 ${lifecycle(events)}, v0 ${lifecycle(twins)}`);
    }
  }
  expect(different).toEqual([]);
  return v1;
}

describe('a v1-only subscriber', () => {
  it.each([1, 2, 3])(
    'seed %i: sees each channel of a contact-centre day walk the whole lifecycle v0 shows',
    (seed) => {
      const channels = compare('contact-centre-day', { seed, calls: 2_000 });
      expect(channels.size).toBeGreaterThan(3_000);
      // Whole lifecycles: each channel's last event ends it.
      const unfinished = [...channels].filter(([, events]) => !lifecycle(events).endsWith('ended'));
      expect(unfinished).toEqual([]);
    },
  );

  it.each(BUILT_IN_SCENARIOS.map((scenario) => scenario.name))(
    '%s: sends every channel’s v1 lifecycle whole',
    (name) => {
      expect(compare(name, { seed: 7, calls: 20 }).size).toBeGreaterThan(0);
    },
  );
});
