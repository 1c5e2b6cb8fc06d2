import {
  AGENT_ROLES,
  EVENT_TYPES,
  PARTY_ROLES,
  isEventType,
  type EventType,
  type PartyRole,
} from '../../contract/index.js';
import { childPath } from './pact-file.js';
import { fieldSchema, notificationSchema, type FieldSchema } from './schema-walk.js';
import type { MatchingRule } from './types.js';

/**
 * Holds a consumer's expected body against the schema of its event type, before Pact compares
 * anything, and says in words why VCC can never send what the consumer expects: a field the type
 * does not have, a value of the wrong kind, a literal where every notification differs.
 */

/** What the expected body says about the notification the consumer wants. */
export interface BodyReading {
  type?: EventType;
  role?: PartyRole;
  /** Why the expectation cannot be met by any spec-conformant notification. */
  problems: string[];
}

/** What varies from one notification to the next, by `$defs` entry, in words. */
const VARYING: Record<string, string> = {
  ksuid: 'every notification has a new KSUID',
  guid: 'the GUIDs differ for every conversation, interaction, channel and user',
  utcDateTime: 'it is a point in time that differs for every notification',
  agentId: 'it depends on which agent handles the call',
};

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return JSON.stringify(value);
}

function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function article(kind: string): string {
  return /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}

/** The matcher that decides a value at `path`: its own, or a `type` matcher cascading from above. */
function matcherAt(path: string, rules: Record<string, MatchingRule[]>): MatchingRule | undefined {
  const own = rules[path]?.[0];
  if (own) return own;
  for (const [rulePath, matchers] of Object.entries(rules)) {
    const cascades = matchers.some((m) => m.match === 'type');
    if (cascades && path.startsWith(rulePath) && /^[.[]/.test(path.slice(rulePath.length))) {
      return { match: 'type' };
    }
  }
  return undefined;
}

class Checker {
  readonly problems: string[] = [];

  constructor(
    private readonly type: EventType,
    private readonly rules: Record<string, MatchingRule[]>,
    private readonly document: ReturnType<typeof notificationSchema>['document'],
    private readonly role: PartyRole | undefined,
  ) {}

  object(expected: Record<string, unknown>, schema: FieldSchema, dotted: string, path: string) {
    for (const [key, value] of Object.entries(expected)) {
      const name = dotted ? `${dotted}.${key}` : key;
      const child = schema.properties.get(key);
      if (!child) {
        this.problems.push(
          schema.openToExtensions
            ? `the consumer expects \`${name}\`, a CloudEvents extension attribute VCC does not send`
            : `the consumer expects \`${name}\`, which ${this.type} does not have (${dotted ? `\`${dotted}\`` : 'it'} has ${[...schema.properties.keys()].map((k) => `\`${k}\``).join(', ')})`,
        );
        continue;
      }
      this.value(value, fieldSchema(this.document, child), name, childPath(path, key));
    }
    if (dotted === 'data.channel.party') this.partyRules(expected);
  }

  private partyRules(party: Record<string, unknown>) {
    const role = typeof party['role'] === 'string' ? party['role'] : this.role;
    if (!role || (AGENT_ROLES as readonly string[]).includes(role)) return;
    if (!(PARTY_ROLES as readonly string[]).includes(role)) return;
    if ('agentId' in party) {
      this.problems.push(
        `the consumer expects \`data.channel.party.agentId\` for ${article(role)} party, but VCC sends an agentId only for agent and monitor parties`,
      );
    }
  }

  value(value: unknown, schema: FieldSchema, dotted: string, path: string) {
    const kind = jsonKind(value);
    const wanted = schema.type;
    if (wanted && kind !== wanted && !(wanted === 'integer' && kind === 'number')) {
      this.problems.push(
        `the consumer expects \`${dotted}\` to be ${article(kind)} (${describe(value)}), but ${this.type} has ${article(wanted)} there`,
      );
      return;
    }
    if (kind === 'object') {
      this.object(value as Record<string, unknown>, schema, dotted, path);
      return;
    }
    const matcher = matcherAt(path, this.rules);
    if (matcher?.match === 'regex' && typeof matcher.regex === 'string') {
      this.regex(value, matcher.regex, schema, dotted);
    } else if (!matcher || matcher.match === 'equality') {
      this.literal(value, schema, dotted);
    }
  }

  private allowed(schema: FieldSchema): readonly unknown[] | undefined {
    return schema.const !== undefined ? [schema.const] : schema.enum;
  }

  private literal(value: unknown, schema: FieldSchema, dotted: string) {
    const allowed = this.allowed(schema);
    if (allowed && !allowed.includes(value)) {
      this.problems.push(
        allowed.length === 1
          ? `the consumer expects \`${dotted}\` to be ${describe(value)}, but ${this.type} always has ${describe(allowed[0])}`
          : `the consumer expects \`${dotted}\` to be ${describe(value)}, which VCC never sends there (it sends ${allowed.map(describe).join(', ')})`,
      );
      return;
    }
    const varying = schema.def ? VARYING[schema.def] : undefined;
    if (varying) {
      this.problems.push(
        `the consumer expects \`${dotted}\` to be exactly ${describe(value)}, but ${varying}: match it with a regex (vcc-sim/pact's notificationBody does)`,
      );
    }
  }

  private regex(value: unknown, pattern: string, schema: FieldSchema, dotted: string) {
    let compiled: RegExp;
    try {
      compiled = new RegExp(pattern);
    } catch {
      return; // A Rust-only regex feature: Pact will judge it.
    }
    const allowed = this.allowed(schema);
    if (allowed && !allowed.some((candidate) => compiled.test(String(candidate)))) {
      this.problems.push(
        `the consumer expects \`${dotted}\` to match ${pattern}, which no value VCC sends there does (${allowed.map(describe).join(', ')})`,
      );
    } else if (
      schema.pattern &&
      typeof value === 'string' &&
      !new RegExp(schema.pattern).test(value)
    ) {
      this.problems.push(
        `the consumer's example for \`${dotted}\` (${describe(value)}) is not a value ${this.type} can have there`,
      );
    }
  }
}

function unknownType(type: string): string {
  const name = type.replace(/\.v[0-9]+$/, '');
  const versions = EVENT_TYPES.filter((info) => info.name === name).map((info) => info.type);
  return versions.length > 0
    ? `the consumer expects a ${type} notification, which VCC does not send (${name} exists as ${versions.join(', ')})`
    : `the consumer expects a ${JSON.stringify(type)} notification, which is not an event type VCC sends`;
}

/**
 * Reads which notification an expected body wants (its `type` and party role) and lists every
 * reason no spec-conformant notification of that type could satisfy it.
 */
export function readExpectedBody(
  content: unknown,
  rules: Record<string, MatchingRule[]>,
  contentType = 'application/json',
): BodyReading {
  if (!/json/i.test(contentType)) {
    return {
      problems: [
        `the consumer expects a ${contentType} message, but VCC notifications are JSON (CloudEvents)`,
      ],
    };
  }
  if (content === null || typeof content !== 'object' || Array.isArray(content)) {
    return {
      problems: [
        `the consumer expects ${describe(content)} as the message, but VCC notifications are JSON objects (CloudEvents)`,
      ],
    };
  }
  const body = content as Record<string, unknown>;
  const type = body['type'];
  if (typeof type !== 'string') {
    return {
      problems: [
        'the expected body has no `type`, so vcc-sim cannot tell which notification to send',
      ],
    };
  }
  if (!isEventType(type)) return { problems: [unknownType(type)] };
  const party = (
    (body['data'] as Record<string, unknown> | undefined)?.['channel'] as
      Record<string, unknown> | undefined
  )?.['party'] as Record<string, unknown> | undefined;
  const role = party?.['role'];
  const knownRole =
    typeof role === 'string' && (PARTY_ROLES as readonly string[]).includes(role)
      ? (role as PartyRole)
      : undefined;
  const { document, root } = notificationSchema(type);
  const checker = new Checker(type, rules, document, knownRole);
  checker.object(body, root, '', '$');
  return { type, ...(knownRole ? { role: knownRole } : {}), problems: checker.problems };
}
