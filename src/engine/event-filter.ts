import { EVENT_TYPES, type EventType } from '../contract/index.js';
import { VccSimError } from '../errors.js';
import type { EventFilter } from './types.js';

/** The filter the product exists for. */
const DEFAULT_EVENTS = 'channel.connected.v0';

function patternToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*');
  return new RegExp(`^${escaped}$`);
}

/** Splits `"a, b"` and `["a", "b,c"]` into patterns. */
export function eventPatterns(patterns: string | readonly string[]): string[] {
  return (typeof patterns === 'string' ? [patterns] : patterns)
    .flatMap((pattern) => pattern.split(','))
    .map((pattern) => pattern.trim())
    .filter((pattern) => pattern !== '');
}

/**
 * A filter over event types from VCC-style names with `*` wildcards, as subscriptions write them:
 * `channel.connected.v0`, `channel.*`, `channel.*.v1`. Several patterns (an array, or one string
 * with commas) match a type when any of them does.
 *
 * @throws {VccSimError} code `usage` when a pattern matches no known event type (a typo, usually).
 */
export function eventFilter(patterns: string | readonly string[] = DEFAULT_EVENTS): EventFilter {
  const list = eventPatterns(patterns);
  if (list.length === 0)
    throw new VccSimError('usage', 'Name at least one event type, e.g. "channel.*".');
  const expressions = list.map((pattern) => {
    const expression = patternToRegExp(pattern);
    if (!EVENT_TYPES.some((info) => expression.test(info.type))) {
      throw new VccSimError(
        'usage',
        `No event type matches "${pattern}"; known types look like "channel.connected.v0" (try "channel.*").`,
      );
    }
    return expression;
  });
  const selected = new Set<EventType>(
    EVENT_TYPES.filter((info) => expressions.some((expression) => expression.test(info.type))).map(
      (info) => info.type,
    ),
  );
  return (type) => selected.has(type);
}
