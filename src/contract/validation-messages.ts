import type { ErrorObject } from 'ajv/dist/2020.js';
import { childPointer, valueAt } from './json-pointer.js';
import type { ValidationIssue } from './types.js';

/**
 * Turns ajv's errors into messages a person understands, keyed by JSON Pointer. ajv knows which
 * keyword failed; only the schema knows what the value was meant to be, so pattern and format
 * failures are explained by the `$defs` entry they came from.
 */

/** What a value failing a pattern or format was meant to be, by where the keyword sits in `$defs`. */
const EXPECTATIONS: Record<string, string> = {
  guid: 'must be a GUID in 8-4-4-4-12 hex form, such as "3e71f453-116a-3abc-7769-bc678ef6e080"',
  ksuid: 'must be a KSUID: 27 characters from 0-9, A-Z and a-z',
  utcDateTime: 'must be an ISO 8601 UTC date-time such as "2022-08-30T14:34:36.6134321Z"',
  agentId: 'must be a numeric string such as "1544"',
  'channelEnvelope/properties/type': 'must be a channel event type such as "channel.connected.v0"',
  'agentEnvelope/properties/type': 'must be an agent event type such as "agent.presencechanged.v0"',
};

/**
 * Where each schema object sits inside `$defs` ("party/allOf/1/then"), by identity: with `verbose`,
 * ajv hands back the very objects it compiled as `parentSchema`. Schema paths cannot be used, since
 * they restart at every `$ref`.
 */
const defPointers = new WeakMap<object, string>();

function indexDefs(node: unknown, pointer: string): void {
  if (node === null || typeof node !== 'object') return;
  defPointers.set(node, pointer);
  for (const [key, child] of Object.entries(node)) indexDefs(child, `${pointer}/${key}`);
}

/** Registers the `$defs` of a schema document, so errors inside them can be explained. */
export function registerSchemaDefs(document: Record<string, unknown>): void {
  const defs = document['$defs'];
  if (defs === null || typeof defs !== 'object') return;
  for (const [name, def] of Object.entries(defs)) indexDefs(def, name);
}

function defPointer(error: ErrorObject): string | undefined {
  const parent = error.parentSchema;
  return parent ? defPointers.get(parent) : undefined;
}

/** A short, quoted rendering of a value for "(got …)". */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'bigint' || typeof value === 'symbol') return String(value);
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…"` : text;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'number' && Number.isInteger(value) ? 'integer' : typeof value;
}

function list(values: readonly unknown[]): string {
  return values.map((value) => JSON.stringify(value)).join(', ');
}

function toIssue(error: ErrorObject, root: unknown): ValidationIssue | undefined {
  const { instancePath: path, params } = error;
  const def = defPointer(error);
  const value = valueAt(root, path);
  const got = `(got ${describeValue(value)})`;
  switch (error.keyword) {
    case 'if':
    case 'propertyNames':
      return undefined; // Reported by the keyword that actually failed beneath them.
    case 'required': {
      const missing = params['missingProperty'] as string;
      if (def?.startsWith('party/allOf/0/then')) {
        const role = valueAt(root, childPointer(path, 'role'));
        return {
          path: childPointer(path, missing),
          message: `required when role is ${describeValue(role)}`,
        };
      }
      return { path: childPointer(path, missing), message: 'is required' };
    }
    case 'not':
      if (def === 'party/allOf/1/then') {
        const role = valueAt(root, childPointer(path, 'role'));
        return {
          path: childPointer(path, 'agentId'),
          message: `only agent and monitor parties have an agentId (role is ${describeValue(role)})`,
        };
      }
      break;
    case 'additionalProperties': {
      const extra = params['additionalProperty'] as string;
      const allowed = Object.keys(
        (error.parentSchema?.['properties'] as Record<string, unknown> | undefined) ?? {},
      );
      return {
        path: childPointer(path, extra),
        message: `is not a known field (allowed here: ${allowed.join(', ')})`,
      };
    }
    case 'const':
      return { path, message: `must be ${describeValue(params['allowedValue'])} ${got}` };
    case 'enum':
      return {
        path,
        message: `must be one of ${list(params['allowedValues'] as unknown[])} ${got}`,
      };
    case 'type': {
      if (def === 'extensionAttributeValue') {
        return {
          path,
          message: `an extension attribute must be a string, boolean or integer (got ${jsonType(value)})`,
        };
      }
      const expected = String(params['type'])
        .split(',')
        .map((type) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`))
        .join(' or ');
      return { path, message: `must be ${expected} (got ${jsonType(value)})` };
    }
    case 'minimum':
    case 'maximum':
      if (def === 'extensionAttributeValue') {
        return { path, message: `an integer extension attribute must fit in 32 bits ${got}` };
      }
      break;
    case 'pattern':
    case 'format': {
      if (def === 'extensionAttributeName') {
        const name = error.propertyName ?? '';
        return {
          path: childPointer(path, name),
          message:
            'is not a valid CloudEvents attribute name: use lower-case letters a-z and digits only',
        };
      }
      const expectation = def && EXPECTATIONS[def];
      if (expectation) return { path, message: `${expectation} ${got}` };
      break;
    }
  }
  return { path, message: `${error.message ?? 'is invalid'} ${got}` };
}

/** Converts ajv errors to issues, dropping wrapper errors and duplicates (pattern + format). */
export function toIssues(errors: readonly ErrorObject[], root: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const issue = toIssue(error, root);
    if (!issue) continue;
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}
