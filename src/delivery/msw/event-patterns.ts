import { EVENT_TYPES, type EventType } from '../../contract/index.js';

/**
 * Subscription event filters as VCC writes them: event type names, where `*` stands for any run
 * of characters (`channel.*`, `channel.connected.*`, `*`).
 */

function patternRegExp(pattern: string): RegExp {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`);
}

/** Whether a type name matches one pattern. */
export function matchesEventPattern(pattern: string, type: string): boolean {
  return patternRegExp(pattern).test(type);
}

/** The known event types a pattern selects (none for an unknown name). */
export function eventTypesMatching(pattern: string): EventType[] {
  const regExp = patternRegExp(pattern);
  return EVENT_TYPES.filter((info) => regExp.test(info.type)).map((info) => info.type);
}

/** A predicate for a subscription's `events` list. */
export function subscriptionFilter(patterns: readonly string[]): (type: string) => boolean {
  const regExps = patterns.map(patternRegExp);
  return (type) => regExps.some((regExp) => regExp.test(type));
}
