import type { ChannelNotification, EventType, PartyRole } from '../../contract/index.js';
import { notificationExample } from './notification-body.js';

/**
 * Where the provider side gets the notifications Pact compares: real output of the engine, so a
 * verified pact proves VCC-shaped notifications satisfy the consumer.
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
  /** The seed of every run (default 1), so a verification is reproducible. */
  seed?: number;
}

/**
 * Interim source until the engine lands: the catalogue's example notification. Replaced by a
 * `simulate()`-backed source; the interface stays.
 */
export function scenarioSource(_options: ScenarioSourceOptions = {}): NotificationSource {
  return {
    find(_scenario, type, role) {
      return notificationExample(type, { role: role ?? 'agent' });
    },
  };
}
