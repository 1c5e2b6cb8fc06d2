import { CHANNEL_DEFS } from '../../contract/schema-documents.js';
import { VccSimError } from '../../errors.js';

/**
 * Pact matchers in Pact's "integration JSON" format: the very objects `MatchersV3.regex()` builds,
 * written here so templates can be built, converted to pact files and checked without loading
 * Pact. Every pattern is plain ASCII and means the same in JavaScript and in Pact's Rust regex
 * engine (`[0-9]`, never `\d`, which is Unicode-aware in Rust).
 */

/** A regular-expression matcher: the provider's value must match `regex`; `value` is the example. */
export type RegexMatcher = { 'pact:matcher:type': 'regex'; regex: string; value: string };

/** A type matcher: the provider's value must have the example's JSON type. */
export type TypeMatcher<T = unknown> = { 'pact:matcher:type': 'type'; value: T };

/** Any matcher vcc-sim's templates use. */
export type PactMatcher = RegexMatcher | TypeMatcher;

/** A message body with matchers in it, as `withJSONContent` accepts it. */
export type PactTemplate =
  string | number | boolean | null | PactMatcher | PactTemplate[] | { [key: string]: PactTemplate };

/** The patterns of vcc-sim's matchers, anchored, one per kind of value. */
export const PATTERNS = {
  /** A KSUID: 27 base62 characters. */
  ksuid: CHANNEL_DEFS.ksuid.pattern,
  /** A GUID in 8-4-4-4-12 hex form, any version or variant (VCC's own are not v4 UUIDs). */
  guid: CHANNEL_DEFS.guid.pattern,
  /** An agent id: a numeric string such as "1544". */
  agentId: CHANNEL_DEFS.agentId.pattern,
  /**
   * `time`, UTC with 7 fractional digits as VCC writes it: when the notification was sent (v0),
   * when the event happened (v1).
   */
  time: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{7}Z$',
  /** A channel event's `data.timestamp`: when the event happened, UTC with 3 fractional digits. */
  timestamp: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$',
  /** A presence change's `data.timestamp`: UTC with 7 fractional digits, as in VCC's example. */
  presenceTimestamp: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{7}Z$',
} as const;

/** Whether a value is one of Pact's integration-JSON matchers. */
export function isPactMatcher(value: unknown): value is PactMatcher {
  return value !== null && typeof value === 'object' && 'pact:matcher:type' in value;
}

/**
 * A regex matcher whose example must itself match, so a template can never carry an example the
 * provider could not send.
 */
export function regex(pattern: string, example: string): RegexMatcher {
  if (!new RegExp(pattern).test(example)) {
    throw new VccSimError(
      'usage',
      `The example ${JSON.stringify(example)} does not match its own pattern ${pattern}.`,
    );
  }
  return { 'pact:matcher:type': 'regex', regex: pattern, value: example };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A type matcher: the provider's value may differ but must be of the example's JSON type. */
export function like<T>(example: T): TypeMatcher<T> {
  return { 'pact:matcher:type': 'type', value: example };
}

/** A pattern that accepts exactly one of `values`: `^(agent|monitor)$`. */
export function enumPattern(values: readonly string[]): string {
  if (values.length === 0)
    throw new VccSimError('usage', 'An enum matcher needs at least one value.');
  return `^(${values.map(escapeRegex).join('|')})$`;
}

/** A matcher that accepts any of `values`; `example` (default: the first) is the example. */
export function oneOf(
  values: readonly string[],
  example: string | undefined = values[0],
): RegexMatcher {
  return regex(enumPattern(values), example ?? '');
}
