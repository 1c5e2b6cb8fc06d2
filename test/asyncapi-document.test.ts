import { readFile } from 'node:fs/promises';
import { Parser } from '@asyncapi/parser';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleAnyNotification } from './support/notifications.js';
import { ASYNCAPI_FILE, asyncApiText } from '../scripts/asyncapi-document.js';
import { EVENT_TYPES } from '../src/contract/catalogue.js';
import { validateNotification } from '../src/contract/validator.js';

const file = new URL(`../contracts/${ASYNCAPI_FILE}`, import.meta.url);

/** Severities of Spectral's diagnostics, as @asyncapi/parser reports them. */
const ERROR = 0;
const WARNING = 1;

describe('contracts/asyncapi.yaml', () => {
  let text: string;
  let parsed: Awaited<ReturnType<Parser['parse']>>;

  beforeAll(async () => {
    text = await readFile(file, 'utf8');
    parsed = await new Parser().parse(text);
  });

  it('holds exactly what the catalogue builds (run "npm run contracts" after changing it)', () => {
    expect(text).toBe(asyncApiText());
  });

  it('is an AsyncAPI 3.0 document that @asyncapi/parser reads without errors or warnings', () => {
    const problems = parsed.diagnostics.filter(
      (diagnostic) => diagnostic.severity === ERROR || diagnostic.severity === WARNING,
    );
    expect(problems.map((p) => `${p.path.join('/')}: ${p.message}`)).toEqual([]);
    expect(parsed.document?.version()).toBe('3.0.0');
  });

  it('has one send operation per event type, each on the webhook channel with its own message', () => {
    const document = parsed.document!;
    const operations = document.operations().all();
    expect(operations).toHaveLength(EVENT_TYPES.length);
    for (const operation of operations) {
      expect(operation.action()).toBe('send');
      expect(
        operation
          .channels()
          .all()
          .map((channel) => channel.id()),
      ).toEqual(['webhook']);
      expect(operation.messages().all()).toHaveLength(1);
    }
    const names = operations.map((operation) => operation.messages().all()[0]!.name());
    expect(names.sort()).toEqual(EVENT_TYPES.map((info) => info.type).sort());
  });

  it('marks each message with its provenance and what its time means', () => {
    for (const info of EVENT_TYPES) {
      const message = parsed.document!.messages().get(info.type)!;
      expect(message.contentType()).toBe('application/cloudevents+json');
      expect(message.extensions().get('x-vcc-provenance')?.value()).toBe(info.provenance);
      expect(message.extensions().get('x-vcc-time')?.value()).toBe(info.time);
    }
  });

  it('gives each message an example after VCC’s own, strictly valid and of its own type', () => {
    for (const info of EVENT_TYPES) {
      const [example] = parsed.document!.messages().get(info.type)!.examples().all();
      const payload = example?.payload() as { type: string } | undefined;
      expect(payload?.type).toBe(info.type);
      expect(validateNotification(payload, { strict: true }), info.type).toEqual({
        valid: true,
        warnings: [],
      });
    }
  });

  it('secures every operation with Vonage-Signature, a bearer JWT carrying payload_hash', () => {
    for (const operation of parsed.document!.operations().all()) {
      const schemes = operation
        .security()
        .map((requirements) => requirements.all().map((requirement) => requirement.scheme()));
      const [scheme] = schemes.flat();
      expect(scheme?.type()).toBe('http');
      expect(scheme?.scheme()).toBe('bearer');
      expect(scheme?.bearerFormat()).toBe('JWT');
      expect(scheme?.description()).toMatch(/Vonage-Signature.*payload_hash.*SHA-256/s);
    }
  });

  it.each(EVENT_TYPES.map((info) => info.type))(
    '%s: its payload, as a plain draft-07 validator reads it, accepts its own type only',
    (type) => {
      const payload = parsed.document!.messages().get(type)!.payload()!.json();
      const ajv = new Ajv({ allErrors: true, strict: false });
      formats.default(ajv);
      const validate = ajv.compile(payload);
      expect(validate(sampleAnyNotification(type, 'agent')), JSON.stringify(validate.errors)).toBe(
        true,
      );
      const other = EVENT_TYPES.find((info) => info.type !== type && info.entity !== 'agent')!;
      expect(validate(sampleAnyNotification(other.type))).toBe(false);
      const broken = structuredClone(sampleAnyNotification(type, 'agent')) as { id: string };
      broken.id = 'not a ksuid';
      expect(validate(broken)).toBe(false);
    },
  );
});
