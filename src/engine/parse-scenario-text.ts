import { LineCounter, isNode, parseDocument, type Document } from 'yaml';
import { VccSimError } from '../errors.js';
import { parseWithPositions } from './parse-scenario.js';
import type { Scenario } from './types.js';

/*
 * Scenario files as text. Apart from `parse-scenario.ts` so that only file readers load `yaml`.
 */

/** Locates a JSON Pointer in a parsed YAML document, as `line:column`. */
function positionOf(document: Document, lines: LineCounter, pointer: string): string | undefined {
  const path = pointer
    .split('/')
    .slice(1)
    .map((key) => key.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((key) => (/^\d+$/.test(key) ? Number(key) : key));
  // Walk up until a node exists (a missing property is reported on its parent).
  for (let length = path.length; length >= 0; length--) {
    const node = length === 0 ? document.contents : document.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) {
      const { line, col } = lines.linePos(node.range[0]);
      return `${line}:${col}`;
    }
  }
  return undefined;
}

/** Aliases a scenario may expand: far more than any scenario needs, far fewer than a "billion laughs". */
const MAX_ALIAS_COUNT = 100;

/** Brackets a scenario may nest: a scenario needs a handful; thousands would exhaust the stack. */
const MAX_FLOW_DEPTH = 64;

/**
 * The deepest nesting of `[` and `{` in `text` outside quoted strings, counted before parsing so a
 * hostile file is refused before the parser recurses into it; stops counting past `limit`.
 */
function flowDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quote) {
      if (char === '\\' && quote === '"') i++;
      else if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '[' || char === '{') {
      deepest = Math.max(deepest, ++depth);
      if (deepest > limit) break;
    } else if (char === ']' || char === '}') depth--;
  }
  return deepest;
}

/**
 * Parses scenario text, YAML or JSON (JSON is YAML), and validates it. Errors name the file, the
 * line and column, the JSON Pointer, and what was expected. Keys must be unique, aliases are
 * bounded (no "billion laughs"), and keys such as `__proto__` stay plain fields (the schema then
 * refuses them): parsed text never reaches `Object.prototype`.
 */
export function parseScenarioText(text: string, source: string): Scenario {
  if (flowDepth(text, MAX_FLOW_DEPTH) > MAX_FLOW_DEPTH) {
    throw new VccSimError(
      'scenario',
      `Invalid scenario "${source}": nested more than ${MAX_FLOW_DEPTH} levels deep.`,
    );
  }
  const lines = new LineCounter();
  const document = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
  });
  const syntaxError = document.errors[0];
  if (syntaxError) {
    const { line, col } = lines.linePos(syntaxError.pos[0]);
    throw new VccSimError(
      'scenario',
      `Invalid scenario "${source}:${line}:${col}": not valid YAML or JSON (${syntaxError.message.split('\n')[0]})`,
    );
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const why = /alias/i.test((error as Error).message)
      ? `its aliases expand too far (more than ${MAX_ALIAS_COUNT} uses)`
      : (error as Error).message;
    throw new VccSimError('scenario', `Invalid scenario "${source}": ${why}.`, { cause: error });
  }
  return parseWithPositions(value, source, (pointer) => positionOf(document, lines, pointer));
}
