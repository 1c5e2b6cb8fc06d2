import type { ChannelNotification, EventType, PartyRole } from '../../contract/index.js';
import { builtInScenario, simulate } from '../../engine/index.js';

/**
 * Where the provider side gets the notifications Pact compares: real output of the engine, so a
 * verified pact proves that what a VCC-shaped contact centre sends satisfies the consumer.
 */
export interface NotificationSource {
  /**
   * The first notification of `type` that `scenario` sends about a party of `role` (any role when
   * `role` is undefined), or `undefined` when the scenario never sends one.
   */
  find(scenario: string, type: EventType, role?: PartyRole): ChannelNotification | undefined;
}

/** Options of {@link scenarioSource}. */
export interface ScenarioSourceOptions {
  /** The seed of every run (default: each scenario's own), so a verification is reproducible. */
  seed?: number;
  /** How many calls of each scenario to play (default 20): enough for every flow to show. */
  calls?: number;
}

/**
 * A source that plays built-in scenarios with the engine (`simulate()`), once per scenario and
 * source, and remembers the first notification of each type, and of each type and party role.
 *
 * @example
 * const notification = scenarioSource().find('inbound-answered', 'channel.connected.v0', 'agent');
 */
export function scenarioSource(options: ScenarioSourceOptions = {}): NotificationSource {
  const indexes = new Map<string, Map<string, ChannelNotification>>();
  function index(scenario: string): Map<string, ChannelNotification> {
    let found = indexes.get(scenario);
    if (!found) {
      found = new Map();
      const run = simulate(builtInScenario(scenario), {
        events: 'channel.*',
        calls: options.calls ?? 20,
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
      });
      for (const notification of run) {
        if (notification.source !== '/channel') continue;
        const { type } = notification;
        const byRole = `${type}\u0000${notification.data.channel.party.role}`;
        if (!found.has(type)) found.set(type, notification);
        if (!found.has(byRole)) found.set(byRole, notification);
      }
      indexes.set(scenario, found);
    }
    return found;
  }
  return {
    find(scenario, type, role) {
      return index(scenario).get(role === undefined ? type : `${type}\u0000${role}`);
    },
  };
}
