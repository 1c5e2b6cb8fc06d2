import schema from '../../scenarios/scenario.schema.json' with { type: 'json' };
import { VccSimError } from '../errors.js';
import { parseScenario } from './parse-scenario.js';
import type { Scenario } from './types.js';

/** A node of the scenario schema, as far as a path walk reads it. */
type SchemaNode = {
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: boolean | SchemaNode;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  allOf?: SchemaNode[];
  then?: SchemaNode;
  else?: SchemaNode;
};

const ROOT = schema as unknown as SchemaNode & { $defs: Record<string, SchemaNode> };

/** Keys that reach an object's prototype rather than a field of it. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The schema nodes a node stands for: itself, its `$ref`, its branches. */
function expand(node: SchemaNode, seen = new Set<SchemaNode>()): SchemaNode[] {
  if (seen.has(node)) return [];
  seen.add(node);
  const nodes = [node];
  if (node.$ref?.startsWith('#/$defs/')) {
    const target = ROOT.$defs[node.$ref.slice('#/$defs/'.length)];
    if (target) nodes.push(...expand(target, seen));
  }
  for (const branch of [
    ...(node.oneOf ?? []),
    ...(node.anyOf ?? []),
    ...(node.allOf ?? []),
    ...(node.then ? [node.then] : []),
    ...(node.else ? [node.else] : []),
  ]) {
    nodes.push(...expand(branch, seen));
  }
  return nodes;
}

/** What `key` may be under any of `nodes`: the schema nodes it leads to, and the known keys. */
function step(nodes: SchemaNode[], key: string): { next: SchemaNode[]; known: string[] } {
  const next: SchemaNode[] = [];
  const known = new Set<string>();
  for (const node of nodes.flatMap((each) => expand(each))) {
    for (const name of Object.keys(node.properties ?? {})) known.add(name);
    const property = Object.hasOwn(node.properties ?? {}, key) ? node.properties![key] : undefined;
    if (property) next.push(property);
    if (node.items && /^(0|[1-9]\d{0,5})$/.test(key)) next.push(node.items);
    if (typeof node.additionalProperties === 'object') next.push(node.additionalProperties);
  }
  return { next, known: [...known].sort() };
}

function usage(message: string): VccSimError {
  return new VccSimError('usage', message);
}

/**
 * Checks an override's path against the scenario schema: every key must be a field the schema
 * has at that place (or an index of a list), and none may reach a prototype.
 * @throws {VccSimError} code `usage` naming the override and the key, with the keys that exist.
 */
function checkPath(override: string, path: readonly string[]): void {
  let nodes: SchemaNode[] = [ROOT];
  for (const [depth, key] of path.entries()) {
    if (FORBIDDEN_KEYS.has(key)) {
      throw usage(`Cannot override "${override}": "${key}" is not a scenario setting.`);
    }
    const { next, known } = step(nodes, key);
    if (next.length === 0) {
      const where = depth === 0 ? 'a scenario' : path.slice(0, depth).join('.');
      const hint = known.length > 0 ? ` (${where} has: ${known.join(', ')})` : '';
      throw usage(`Cannot override "${override}": ${where} has no setting "${key}"${hint}.`);
    }
    nodes = next;
  }
}

/**
 * A value for an override: JSON when it parses as JSON (`5`, `true`, `{"distribution":…}`),
 * otherwise the text itself (`5m`, `sales`).
 */
function overrideValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Applies `path=value` overrides to a scenario, in the spirit of `stripe trigger --override`:
 * `timings.talk=5m`, `teams.0.agents=12`, `arrivals.perHour=120`, `mix.1.weight=3`. A path
 * follows only the settings the scenario schema has (never `__proto__`, `constructor` or
 * `prototype`); the result is validated like a file; mistakes name the override.
 * @throws {VccSimError} code `usage` for a malformed override or a path the schema does not have,
 *   `scenario` for a result that is not valid
 */
export function withOverrides(scenario: Scenario, overrides: readonly string[]): Scenario {
  if (overrides.length === 0) return scenario;
  const definition = structuredClone(scenario.definition) as unknown as Record<string, unknown>;
  for (const override of overrides) {
    if (typeof override !== 'string') {
      throw usage(`Overrides are text such as "timings.talk=5m" (got ${typeof override}).`);
    }
    const equals = override.indexOf('=');
    const path = override.slice(0, equals).split('.');
    if (equals <= 0 || path.some((key) => key === '')) {
      throw usage(
        `Overrides look like "timings.talk=5m" or "teams.0.agents=12" (got "${override}").`,
      );
    }
    checkPath(override, path);
    let target: Record<string, unknown> = definition;
    for (const [depth, key] of path.slice(0, -1).entries()) {
      const next = Object.hasOwn(target, key) ? target[key] : undefined;
      if (next === null || typeof next !== 'object') {
        if (next !== undefined) {
          throw usage(
            `Cannot override "${override}": ${path.slice(0, depth + 1).join('.')} is not an object or a list.`,
          );
        }
        target[key] = {};
      }
      target = target[key] as Record<string, unknown>;
    }
    target[path[path.length - 1]!] = overrideValue(override.slice(equals + 1));
  }
  return parseScenario(definition, `${scenario.source} with --override ${overrides.join(' ')}`);
}
