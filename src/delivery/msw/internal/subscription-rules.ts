import { isKnownEventPattern } from './event-patterns.js';
import { webhookSecretProblem } from '../../../contract/index.js';

/**
 * VCC's validation rules for a subscription (facts §4 and VCC's "Creating and editing
 * subscriptions" page): a name of 3–128 characters, unique in the account (checked by the store);
 * a fully qualified https URL; a non-empty list of event type names, wildcards allowed; `enabled`
 * a boolean; a secret, when given, base64 of at least 32 bytes.
 *
 * **Decision:** the URL must be https. The current versions of VCC's create- and
 * update-subscription pages say "a fully qualified https URL" (and the get pages "It is a fully
 * qualified https URL"); earlier versions of the same pages said "http or https". The twin follows
 * the current text; `allowInsecureUrls` accepts http for local receivers.
 */

/** The writable fields of a subscription. */
export type SubscriptionFields = {
  name: string;
  url: string;
  events: string[];
  enabled: boolean;
  secret: string;
};

/** A checked request body, or every problem found in it. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** Options of the checks. */
export interface RuleOptions {
  /** Accept `http:` URLs too (VCC does not; for local receivers). */
  allowInsecureUrls?: boolean;
}

const NAME_MIN_LENGTH = 3;
const NAME_MAX_LENGTH = 128;

type FieldCheck = (value: unknown, options: RuleOptions) => string | undefined;

const FIELD_CHECKS: Record<keyof SubscriptionFields, FieldCheck> = {
  name(value) {
    if (typeof value !== 'string') return 'name must be a string';
    if (value.length < NAME_MIN_LENGTH || value.length > NAME_MAX_LENGTH) {
      return `name must be between ${NAME_MIN_LENGTH} and ${NAME_MAX_LENGTH} characters long (got ${value.length})`;
    }
    return undefined;
  },
  url(value, options) {
    if (typeof value !== 'string') return 'url must be a string';
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return `url must be a fully qualified URL (got ${JSON.stringify(value)})`;
    }
    const schemes = options.allowInsecureUrls ? ['https:', 'http:'] : ['https:'];
    if (!schemes.includes(url.protocol)) {
      return `url must start with https:// (got ${JSON.stringify(value)})`;
    }
    if (url.hostname === '') return `url must name a host (got ${JSON.stringify(value)})`;
    return undefined;
  },
  events(value) {
    if (!Array.isArray(value)) return 'events must be an array of event type names';
    if (value.length === 0) return 'events must list at least one event type';
    const notText = value.filter((item) => typeof item !== 'string');
    if (notText.length > 0) return 'events must contain only event type names (strings)';
    const unknown = (value as string[]).filter((name) => !isKnownEventPattern(name));
    if (unknown.length > 0) {
      return `events contains unknown event types: ${unknown.map((name) => JSON.stringify(name)).join(', ')} (GET /event-types lists the names)`;
    }
    return undefined;
  },
  enabled(value) {
    return typeof value === 'boolean' ? undefined : 'enabled must be true or false';
  },
  secret(value) {
    if (typeof value !== 'string') return 'secret must be a base64 string';
    const problem = webhookSecretProblem(value);
    return problem === undefined ? undefined : `secret ${problem}`;
  },
};

const REQUIRED: readonly (keyof SubscriptionFields)[] = ['name', 'url', 'events'];
const FIELDS = Object.keys(FIELD_CHECKS) as (keyof SubscriptionFields)[];

function isObject(body: unknown): body is Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

function check(
  body: unknown,
  required: readonly (keyof SubscriptionFields)[],
  options: RuleOptions,
): Checked<Partial<SubscriptionFields>> {
  if (!isObject(body)) return { ok: false, problems: ['the body must be a JSON object'] };
  const problems: string[] = [];
  const value: Partial<SubscriptionFields> = {};
  for (const field of FIELDS) {
    const given = body[field];
    if (given === undefined) {
      if (required.includes(field)) problems.push(`${field} is required`);
      continue;
    }
    const problem = FIELD_CHECKS[field](given, options);
    if (problem) problems.push(problem);
    else (value as Record<string, unknown>)[field] = Array.isArray(given) ? [...given] : given;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}

/** The body of `POST /subscriptions`. Fields the API does not know are ignored, as VCC does. */
export function checkNewSubscription(
  body: unknown,
  options: RuleOptions = {},
): Checked<Partial<SubscriptionFields> & Pick<SubscriptionFields, 'name' | 'url' | 'events'>> {
  return check(body, REQUIRED, options) as Checked<
    Partial<SubscriptionFields> & Pick<SubscriptionFields, 'name' | 'url' | 'events'>
  >;
}

/** The body of `PATCH /subscriptions/{id}`: any subset of the fields. */
export function checkSubscriptionUpdate(
  body: unknown,
  options: RuleOptions = {},
): Checked<Partial<SubscriptionFields>> {
  return check(body, [], options);
}
