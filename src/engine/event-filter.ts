import { EVENT_TYPES, type EventType } from '../contract/index.js';
import { VccSimError } from '../errors.js';
import type { EventFilter } from './types.js';

/** The filter the product exists for. */
export const DEFAULT_EVENTS = 'channel.connected.v0';

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

/** Options of {@link eventFilter}. */
export interface EventFilterOptions {
  /**
   * Leave out the types VCC does not document (the catalogue's `inferred` versions, such as
   * `channel.retrieved.v1`), so only types with a VCC reference page pass.
   */
  documentedOnly?: boolean;
}

/**
 * A filter over event types from VCC-style names with `*` wildcards, as subscriptions write them:
 * `channel.connected.v0`, `channel.*`, `channel.*.v1`, `agent.*`, `*`. Several patterns (an array,
 * or one string with commas) match a type when any of them does.
 *
 * @example
 * eventFilter('channel.*.v1', { documentedOnly: true })('channel.retrieved.v1'); // false: inferred
 * @throws {VccSimError} code `usage` when a pattern matches no known event type (a typo, usually).
 */
export function eventFilter(
  patterns: string | readonly string[] = DEFAULT_EVENTS,
  options: EventFilterOptions = {},
): EventFilter {
  const list = eventPatterns(patterns);
  if (list.length === 0)
    throw new VccSimError('usage', 'Name at least one event type, e.g. "channel.*".');
  const candidates = options.documentedOnly
    ? EVENT_TYPES.filter((info) => info.provenance === 'documented')
    : EVENT_TYPES;
  const expressions = list.map((pattern) => {
    const expression = patternToRegExp(pattern);
    if (!candidates.some((info) => expression.test(info.type))) {
      throw new VccSimError(
        'usage',
        EVENT_TYPES.some((info) => expression.test(info.type))
          ? `"${pattern}" selects only types VCC documents no page for (inferred), which documentedOnly (--documented-only) leaves out.`
          : `No event type matches "${pattern}"; known types look like "channel.connected.v0" (try "channel.*").`,
      );
    }
    return expression;
  });
  const selected = new Set<EventType>(
    candidates
      .filter((info) => expressions.some((expression) => expression.test(info.type)))
      .map((info) => info.type),
  );
  return (type) => selected.has(type);
}
