import { readFile, readdir } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import seed from '../../test/fixtures/seed-channel-connected.v0.json' with { type: 'json' };
import { sampleNotification } from '../../test/support/notifications.js';
import { EVENT_TYPES } from './catalogue.js';
import {
  CHANNEL_EVENT_SCHEMA_FILE,
  CONTRACTS_BASE_URI,
  contractDocuments,
  contractFileText,
  schemaFileName,
} from './schema-documents.js';
import { EVENT_SCHEMAS } from './schemas.js';

const contractsDirectory = new URL('../../contracts/', import.meta.url);

/** A fresh, strict ajv with every format: a stand-in for "another tool" reading one file. */
function freshAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  formats.default(ajv);
  return ajv;
}

describe('contracts/', () => {
  it('holds exactly what the catalogue builds (run "npm run contracts" after changing it)', async () => {
    const documents = contractDocuments();
    const files = (await readdir(contractsDirectory)).filter((name) =>
      name.endsWith('.schema.json'),
    );
    expect(files.sort()).toEqual([...documents.keys()].sort());
    for (const [name, document] of documents) {
      expect(await readFile(new URL(name, contractsDirectory), 'utf8'), name).toBe(
        contractFileText(document),
      );
    }
  });

  it('has one schema per event type of the catalogue, plus the any-channel-event schema', () => {
    expect(Object.keys(EVENT_SCHEMAS).sort()).toEqual(EVENT_TYPES.map((info) => info.type).sort());
    expect(contractDocuments().has(CHANNEL_EVENT_SCHEMA_FILE)).toBe(true);
  });

  it.each(EVENT_TYPES.map((info) => info.type))(
    '%s is a standalone 2020-12 schema with its own $id that a strict ajv compiles alone',
    async (type) => {
      const text = await readFile(new URL(schemaFileName(type), contractsDirectory), 'utf8');
      const schema = JSON.parse(text) as Record<string, unknown>;
      expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema['$id']).toBe(`${CONTRACTS_BASE_URI}${type}.schema.json`);
      const validate = freshAjv().compile(schema);
      expect(validate(sampleNotification(type, 'agent'))).toBe(true);
      expect(validate(sampleNotification(type, 'voicemail'))).toBe(true);
      // A type's schema accepts only its own type.
      const other = EVENT_TYPES.find((info) => info.type !== type)!.type;
      expect(validate(sampleNotification(other))).toBe(false);
    },
  );

  it('accepts the seed example with a plain ajv and nothing of vcc-sim', async () => {
    const text = await readFile(
      new URL('channel.connected.v0.schema.json', contractsDirectory),
      'utf8',
    );
    const validate = freshAjv().compile(JSON.parse(text) as object);
    expect(validate(seed)).toBe(true);
  });

  it('builds every event schema from the same shared definitions, not copies', () => {
    const documents = [...contractDocuments().values()];
    const [first, ...rest] = documents;
    for (const document of rest) expect(document['$defs']).toBe(first!['$defs']);
  });
});
