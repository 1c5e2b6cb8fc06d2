import { stringify } from 'yaml';
import { EVENT_TYPES, type EventTypeInfo } from '../src/contract/catalogue.js';
import { exampleNotification } from '../src/contract/examples.js';
import { AGENT_DEFS, CHANNEL_DEFS, eventSchemaDocument } from '../src/contract/schema-documents.js';

/**
 * Builds `contracts/asyncapi.yaml`: an AsyncAPI 3.0 description of VCC's webhook, from the same
 * catalogue and schema definitions as the JSON Schemas beside it, so tools that read AsyncAPI
 * (Microcks, code generators) see exactly the contract vcc-sim validates. `npm run contracts`
 * writes it; a test fails when the committed file drifts and parses it with `@asyncapi/parser`.
 *
 * The document describes VCC, the sender: one `send` operation per event type on one channel (the
 * subscription's URL), each message a CloudEvents envelope signed with `Vonage-Signature`. Payload
 * schemas are the per-type schemas of `contracts/`, self-contained in `components/schemas`: AsyncAPI
 * schemas follow draft 07, where `$ref` ignores its siblings, so a `$ref` with siblings becomes
 * `allOf`, and `#/$defs/x` becomes `#/components/schemas/x`.
 */

/** The file name of the AsyncAPI document in `contracts/`. */
export const ASYNCAPI_FILE = 'asyncapi.yaml';

type Schema = Record<string, unknown>;

const WEBHOOK_CONTENT_TYPE = 'application/cloudevents+json';

/** A schema rewritten for AsyncAPI's components: refs into components, `$ref` siblings in allOf. */
function forComponents(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forComponents);
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node as Schema).map(([key, value]): [string, unknown] =>
    key === '$ref' && typeof value === 'string'
      ? [key, value.replace(/^#\/\$defs\//, '#/components/schemas/')]
      : [key, forComponents(value)],
  );
  const schema = Object.fromEntries(entries) as Schema;
  if (typeof schema['$ref'] !== 'string' || entries.length === 1) return schema;
  const { $ref, ...siblings } = schema;
  return { allOf: [{ $ref }], ...siblings };
}

/** `channel.connected.v0` → `channelConnectedV0`, an operation id. */
function operationId(type: string): string {
  return type.replace(/\.([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

function payloadSchema(info: EventTypeInfo): Schema {
  const { $schema: _schema, $id: _id, $defs: _defs, ...schema } = eventSchemaDocument(info);
  return forComponents(schema) as Schema;
}

function message(info: EventTypeInfo): Schema {
  return {
    name: info.type,
    title: info.type,
    summary: info.description,
    contentType: WEBHOOK_CONTENT_TYPE,
    headers: { $ref: '#/components/schemas/webhookHeaders' },
    payload: { $ref: `#/components/schemas/${info.type}` },
    examples: [
      {
        name: 'vcc-example',
        summary:
          info.entity === 'agent'
            ? 'After VCC’s agent.presencechanged.v0 example, as this type.'
            : 'After VCC’s channel.connected.v0 example (the seed), as this type.',
        payload: exampleNotification(info.type),
      },
    ],
    'x-vcc-provenance': info.provenance,
    'x-vcc-time': info.time,
  };
}

const SIGNATURE_DESCRIPTION = [
  'Every notification request carries `Vonage-Signature: Bearer <JWT>` (in that header, not `Authorization`).',
  'The JWT is HS256, keyed with the subscription secret decoded from base64, and expires 5 minutes after it is issued (`iat`, `exp`).',
  'Its `payload_hash` claim is the lowercase hexadecimal SHA-256 of the exact bytes of the request body:',
  'verify the JWT, then compare `payload_hash` with the hash of the body as received, before parsing it.',
  'Each delivery attempt carries a fresh token; retries resend the same body.',
].join(' ');

const DESCRIPTION = [
  'Webhook notifications of Vonage Contact Center (VCC), as vcc-sim models them.',
  'VCC POSTs one CloudEvents 1.0 notification (structured mode) per request to the url of each enabled subscription whose `events` match its type.',
  'Any status 200–205 is success; anything else, or no answer within 10 seconds, is retried for up to 24 hours, so a notification may arrive more than once and out of order.',
  '`time` means when the notification was sent on v0 types and when the event happened on v1 types (a vcc-sim Decision: VCC’s v0 and v1 pages disagree).',
  'Messages marked `x-vcc-provenance: inferred` are types VCC publishes no page for.',
].join(' ');

/** The AsyncAPI 3.0 document of VCC's webhook, as an object. */
function asyncApiDocument(): Schema {
  const schemas: Schema = {
    webhookHeaders: {
      type: 'object',
      properties: {
        'Content-Type': { const: WEBHOOK_CONTENT_TYPE },
        'Vonage-Signature': {
          description: 'Bearer and an HS256 JWT (see the vonageSignature security scheme).',
          type: 'string',
          pattern: '^Bearer [A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$',
        },
      },
      required: ['Content-Type', 'Vonage-Signature'],
    },
  };
  for (const [name, schema] of Object.entries({ ...CHANNEL_DEFS, ...AGENT_DEFS })) {
    schemas[name] = forComponents(schema);
  }
  const messages: Schema = {};
  const channelMessages: Schema = {};
  const operations: Schema = {};
  for (const info of EVENT_TYPES) {
    schemas[info.type] = payloadSchema(info);
    messages[info.type] = message(info);
    channelMessages[info.type] = { $ref: `#/components/messages/${info.type}` };
    operations[operationId(info.type)] = {
      action: 'send',
      channel: { $ref: '#/channels/webhook' },
      title: `Send ${info.type}`,
      summary: info.description,
      messages: [{ $ref: `#/channels/webhook/messages/${info.type}` }],
      traits: [{ $ref: '#/components/operationTraits/webhookDelivery' }],
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'VCC webhook notifications',
      version: '1.0.0',
      description: DESCRIPTION,
      externalDocs: {
        description: 'VCC’s Webhooks API documentation',
        url: 'https://newvoicemedia.atlassian.net/wiki/spaces/VCCA/pages/3913744577/Event+types',
      },
    },
    defaultContentType: WEBHOOK_CONTENT_TYPE,
    servers: {
      subscriber: {
        host: '{host}',
        protocol: 'https',
        title: 'The subscriber’s webhook',
        description: 'The host of a subscription’s url: VCC sends, the subscriber receives.',
        variables: {
          host: { description: 'Host (and port) of the subscription url.', default: 'example.com' },
        },
      },
    },
    channels: {
      webhook: {
        address: null,
        title: 'A subscription’s url',
        description:
          'The url given when the subscription was created (a fully qualified https URL); every notification of the subscription goes to it.',
        servers: [{ $ref: '#/servers/subscriber' }],
        messages: channelMessages,
      },
    },
    operations,
    components: {
      schemas,
      messages,
      securitySchemes: {
        vonageSignature: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: SIGNATURE_DESCRIPTION,
        },
      },
      operationTraits: {
        webhookDelivery: {
          security: [{ $ref: '#/components/securitySchemes/vonageSignature' }],
          bindings: { http: { method: 'POST', bindingVersion: '0.3.0' } },
        },
      },
    },
  };
}

/** The exact text of `contracts/asyncapi.yaml`. */
export function asyncApiText(): string {
  return stringify(asyncApiDocument(), { lineWidth: 100, aliasDuplicateObjects: false });
}
