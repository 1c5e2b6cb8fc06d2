import { EVENT_TYPES, type EventType } from './catalogue.js';
import { eventSchemaDocument } from './schema-documents.js';

/** A JSON Schema document, as in `contracts/`. */
export type SchemaDocument = Record<string, unknown>;

/**
 * The standalone schema of each event type, by type name: the documents of `contracts/`, built
 * from the catalogue as `npm run contracts` builds the files (a test holds the files to them), so
 * importing vcc-sim reads no file. Treat them as read-only: they share their `$defs`.
 */
export const EVENT_SCHEMAS = Object.fromEntries(
  EVENT_TYPES.map((info) => [info.type, eventSchemaDocument(info)]),
) as Record<EventType, SchemaDocument>;
