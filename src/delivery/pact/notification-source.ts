import type { EventType, PartyRole, VccNotification } from '../../contract/index.js';
import { builtInScenario, isBuiltInScenario, simulate } from '../../engine/index.js';

/**
 * Where the provider side gets the notifications Pact compares: real output of the engine, so a
 * verified pact proves that what a VCC-shaped contact centre sends satisfies the consumer.
 */
export interface NotificationSource {
  /**
   * The first notification of `type` that `scenario` sends about a party of `role` (any role when
   * `role` is undefined; agent events have none), or `undefined` when the scenario never sends one.
   */
  find(scenario: string, type: EventType, role?: PartyRole): VccNotification | undefined;
}

/** Options of {@link scenarioSource}. */
export interface ScenarioSourceOptions {
  /** The seed of every run (default: each scenario's own), so a verification is reproducible. */
  seed?: number;
  /** How many calls of each scenario to play (default 20): enough for every flow to show. */
  calls?: number;
}

/**
 * A source that plays built-in scenarios with the engine (`simulate()`, every event type), once per
 * scenario and source, and remembers the first notification of each type, and of each channel
 * event type and party role. A scenario that is not built in sends nothing.
 *
 * @example
 * const notification = scenarioSource().find('inbound-answered', 'channel.connected.v0', 'agent');
 */
export function scenarioSource(options: ScenarioSourceOptions = {}): NotificationSource {
  const indexes = new Map<string, Map<string, VccNotification>>();
  function index(scenario: string): Map<string, VccNotification> {
    let found = indexes.get(scenario);
    if (!found) {
      found = new Map();
      const run: Iterable<VccNotification> = isBuiltInScenario(scenario)
        ? simulate(builtInScenario(scenario), {
            events: '*',
            calls: options.calls ?? 20,
            ...(options.seed !== undefined ? { seed: options.seed } : {}),
          })
        : [];
      for (const notification of run) {
        if (!found.has(notification.type)) found.set(notification.type, notification);
        // Channel notifications are also found by party role; agent ones have no party.
        if (notification.source === '/channel') {
          const byRole = `${notification.type}\u0000${notification.data.channel.party.role}`;
          if (!found.has(byRole)) found.set(byRole, notification);
        }
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
