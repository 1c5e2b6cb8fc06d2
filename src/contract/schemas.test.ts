import { readFile, readdir } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import seed from '../../test/fixtures/seed-channel-connected.v0.json' with { type: 'json' };
import {
  sampleAnyNotification,
  samplePresenceNotification,
} from '../../test/support/notifications.js';
import { EVENT_TYPES } from './catalogue.js';
import {
  AGENT_DEFS,
  CHANNEL_DEFS,
  CHANNEL_EVENT_SCHEMA_FILE,
  CONTRACTS_BASE_URI,
  contractDocuments,
  contractFileText,
  eventDataSchema,
  eventSchemaDocument,
  schemaFileName,
} from './schema-documents.js';
import { EVENT_SCHEMAS } from './schemas.js';
import {
  CONTRACT_VALIDATORS_PATH,
  JOB_FILE_VALIDATORS_PATH,
  SCENARIO_VALIDATOR_PATH,
  contractValidatorsModule,
  jobFileValidatorsModule,
  scenarioValidatorModule,
} from '../../scripts/standalone-validators.js';

type Schema = Record<string, unknown>;

const contractsDirectory = new URL('../../contracts/', import.meta.url);

/** A fresh, strict ajv with every format: a stand-in for "another tool" reading one file. */
function freshAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  formats.default(ajv);
  return ajv;
}

describe('the validators compiled from the schemas', () => {
  it.each([
    [CONTRACT_VALIDATORS_PATH, contractValidatorsModule],
    [SCENARIO_VALIDATOR_PATH, scenarioValidatorModule],
    [JOB_FILE_VALIDATORS_PATH, jobFileValidatorsModule],
  ])('%s holds what the schemas compile to (run "npm run contracts")', async (path, build) => {
    expect(await readFile(new URL(`../../${path}`, import.meta.url), 'utf8')).toBe(build());
  });
});

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
      expect(validate(sampleAnyNotification(type, 'agent'))).toBe(true);
      expect(validate(sampleAnyNotification(type, 'voicemail'))).toBe(true);
      // A type's schema accepts only its own type.
      for (const other of EVENT_TYPES.filter((info) => info.type !== type)) {
        expect(validate(sampleAnyNotification(other.type)), other.type).toBe(false);
      }
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

  it('builds every event schema from its entity’s shared definitions, not copies', () => {
    for (const [name, document] of contractDocuments()) {
      const defs = name.startsWith('agent') ? AGENT_DEFS : CHANNEL_DEFS;
      expect(document['$defs'], name).toBe(defs);
    }
  });

  it('accepts VCC’s own presence example with a plain ajv and nothing of vcc-sim', async () => {
    const text = await readFile(
      new URL('agent.presencechanged.v0.schema.json', contractsDirectory),
      'utf8',
    );
    const validate = freshAjv().compile(JSON.parse(text) as object);
    expect(validate(samplePresenceNotification())).toBe(true);
  });
});

describe('what `time` means, per version (the v1 time Decision)', () => {
  it.each(EVENT_TYPES.map((info) => [info.type, info.version === 0 ? 'sent' : 'happened']))(
    '%s says time is when it %s',
    (type, meaning) => {
      const info = EVENT_TYPES.find((candidate) => candidate.type === type)!;
      expect(info.time).toBe(meaning);
      const properties = eventSchemaDocument(info)['properties'] as Record<string, Schema>;
      expect(properties['time']!['description']).toMatch(
        meaning === 'sent' ? /^When the notification was sent/ : /^When the event happened/,
      );
    },
  );

  it('says which types VCC documents no page for', () => {
    for (const info of EVENT_TYPES) {
      expect(eventSchemaDocument(info)['description'], info.type).toSatisfy(
        (description: string) =>
          description.includes('Inferred:') === (info.provenance === 'inferred'),
      );
    }
  });
});

describe('eventDataSchema (the jsonSchema of GET /event-types)', () => {
  it.each(EVENT_TYPES.map((info) => info.type))(
    '%s: a 2020-12 schema of data alone, written in place, that a strict ajv compiles',
    (type) => {
      const info = EVENT_TYPES.find((candidate) => candidate.type === type)!;
      const schema = eventDataSchema(info);
      expect(Object.keys(schema).slice(0, 3)).toEqual(['type', 'title', '$schema']);
      expect(schema).toMatchObject({
        type: 'object',
        title: type,
        $schema: 'https://json-schema.org/draft/2020-12/schema',
      });
      expect(JSON.stringify(schema)).not.toContain('$ref');
      const validate = freshAjv().compile(schema);
      expect(validate(sampleAnyNotification(type, 'agent').data)).toBe(true);
      expect(validate(sampleAnyNotification(type, 'external').data)).toBe(true);
      expect(validate(sampleAnyNotification(type))).toBe(false);
    },
  );

  it('requires what VCC’s example requires for presence: timestamp, presence and user', () => {
    const info = EVENT_TYPES.find((candidate) => candidate.type === 'agent.presencechanged.v0')!;
    expect(eventDataSchema(info)['required']).toEqual(['timestamp', 'presence', 'user']);
  });
});
