import { EVENT_SCHEMAS, type EventType, type SchemaDocument } from '../../contract/index.js';

/**
 * A small reader of vcc-sim's own event schemas (`contracts/`), enough to ask "does this type have
 * a field here, and what may it hold?" for a consumer's expected body. It follows `$ref`s into
 * `$defs` and merges a node's own `properties` over those of the node it refers to, which is how
 * every event schema extends the shared envelope.
 */

type Node = Record<string, unknown>;

/** What a schema allows at one place. */
export interface FieldSchema {
  /** The `$defs` entry the field is, such as `guid`, `ksuid`, `utcDateTime`, `agentId`. */
  def?: string;
  type?: string;
  const?: unknown;
  enum?: readonly unknown[];
  pattern?: string;
  /** Known child fields, for objects. */
  properties: Map<string, Node>;
  /** Whether unknown child fields are allowed (true for CloudEvents extension attributes). */
  openToExtensions: boolean;
  closed: boolean;
}

function refName(node: Node): string | undefined {
  const ref = node['$ref'];
  return typeof ref === 'string' && ref.startsWith('#/$defs/') ? ref.slice(8) : undefined;
}

/** Reads one schema node of `document`, following its `$ref` chain. */
export function fieldSchema(document: SchemaDocument, node: Node): FieldSchema {
  const defs = (document['$defs'] ?? {}) as Record<string, Node>;
  const chain: Node[] = [node];
  let def: string | undefined;
  let name = refName(node);
  while (name && chain.length < 16) {
    def ??= name;
    const next: Node = defs[name] ?? {};
    chain.push(next);
    name = refName(next);
  }
  const field: FieldSchema = { properties: new Map(), openToExtensions: false, closed: false };
  if (def) field.def = def;
  // The referenced node is the base; the referring node's own keywords win.
  for (const part of [...chain].reverse()) {
    if (typeof part['type'] === 'string') field.type = part['type'];
    if ('const' in part) field.const = part['const'];
    if (Array.isArray(part['enum'])) field.enum = part['enum'];
    if (typeof part['pattern'] === 'string') field.pattern = part['pattern'];
    const properties = part['properties'];
    if (properties && typeof properties === 'object') {
      for (const [key, value] of Object.entries(properties)) {
        const merged = { ...field.properties.get(key), ...(value as Node) };
        field.properties.set(key, merged);
      }
    }
    if (part['additionalProperties'] === false)
      [field.closed, field.openToExtensions] = [true, false];
    else if (part['additionalProperties'] && typeof part['additionalProperties'] === 'object') {
      [field.closed, field.openToExtensions] = [false, true];
    }
  }
  if (field.const !== undefined && field.type === undefined) field.type = typeof field.const;
  if (field.enum && field.type === undefined) field.type = typeof field.enum[0];
  return field;
}

/** The schema of a whole notification of `type`. */
export function notificationSchema(type: EventType): {
  document: SchemaDocument;
  root: FieldSchema;
} {
  const document = EVENT_SCHEMAS[type] as SchemaDocument;
  return { document, root: fieldSchema(document, document) };
}
