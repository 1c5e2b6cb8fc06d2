import { eventFilter, type EventFilter } from '../../../engine/index.js';

/**
 * Subscription event filters, as VCC writes them: event type names where `*` stands for any run of
 * characters (`channel.*`, `channel.connected.*`, `*`). Matching is the engine's `eventFilter`, so
 * the twin and `simulate()` agree on what a pattern selects.
 */

/** Whether one entry of a subscription's `events` names at least one known event type. */
export function isKnownEventPattern(pattern: string): boolean {
  if (/[\s,]/.test(pattern) || pattern === '') return false;
  try {
    eventFilter([pattern]);
    return true;
  } catch {
    return false;
  }
}

const filters = new Map<string, EventFilter>();

/** A predicate for a subscription's (valid) `events` list, compiled once per list. */
export function subscriptionFilter(patterns: readonly string[]): (type: string) => boolean {
  const key = patterns.join('\n');
  let filter = filters.get(key);
  if (!filter) filters.set(key, (filter = eventFilter(patterns)));
  return filter as (type: string) => boolean;
}
