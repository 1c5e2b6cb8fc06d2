import {
  AGENT_ROLES,
  EVENT_TYPES,
  PARTY_ROLES,
  type EventTypeInfo,
  type TimeMeaning,
} from './catalogue.js';
import { PRESENCE_CATEGORIES } from './presence.js';

/**
 * Builds the JSON Schemas in `contracts/` from the catalogue. `npm run contracts` writes them out;
 * a test fails when the committed files drift from what this module builds.
 *
 * Every shared part (the CloudEvents envelopes, `data.channel`, the party rules, presence, the id
 * and time formats) is defined once below. Each event's file is a self-contained 2020-12 document that
 * carries those shared parts in `$defs`, so a tool can use any one file on its own (VCC's own
 * `GET /event-types` hands out one standalone schema per type in the same way).
 */

/** Base of every `$id`; a file's `$id` is this plus its file name. */
export const CONTRACTS_BASE_URI = 'https://vcc-sim.dev/contracts/';

/** The file name of one event type's schema. */
export function schemaFileName(type: string): string {
  return `${type}.schema.json`;
}

/** The file holding the schema that accepts any channel event, known type or not. */
export const CHANNEL_EVENT_SCHEMA_FILE = 'channel-event.schema.json';

/** The file holding the schema that accepts any agent event, known type or not. */
const AGENT_EVENT_SCHEMA_FILE = 'agent-event.schema.json';

type Schema = Record<string, unknown>;

const ANONYMOUS_ROLES = PARTY_ROLES.filter(
  (role) => !(AGENT_ROLES as readonly string[]).includes(role),
);

const UTC_DATE_TIME = '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z$';

/**
 * What `time` means, by version (**Decision**, see `TimeMeaning` in the catalogue): VCC's v0 pages
 * call it the moment the notification was sent, its v1 pages the moment the event happened.
 */
const TIME_DESCRIPTIONS = {
  sent: 'When the notification was sent (v0: not when the event happened, which is data.timestamp). The id is minted at the same moment.',
  happened:
    'When the event happened (v1): the instant of data.timestamp, written with 7 fractional digits. The id is still minted when the notification is sent.',
} as const satisfies Record<TimeMeaning, string>;

const TIME_IN_ENVELOPE =
  'On v0 types, when the notification was sent; on v1 types, when the event happened (the instant of data.timestamp). Each type’s schema says which.';

/** What every document shares: ids, times and CloudEvents extension attributes. */
const COMMON_DEFS = {
  guid: {
    description:
      'A GUID in 8-4-4-4-12 hexadecimal form. Any version and variant: VCC’s own examples are not RFC 4122 v4 UUIDs.',
    type: 'string',
    pattern: '^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$',
  },
  ksuid: {
    description:
      'A KSUID: 27 base62 characters encoding 4 bytes of seconds since 2014-05-13T16:53:20Z and 16 random bytes.',
    type: 'string',
    pattern: '^[0-9A-Za-z]{27}$',
  },
  utcDateTime: {
    description:
      'An ISO 8601 date-time in UTC (suffix Z). VCC writes 7 fractional digits in `time` and in a presence change’s `data.timestamp`, 3 in a channel event’s `data.timestamp`.',
    type: 'string',
    format: 'date-time',
    pattern: UTC_DATE_TIME,
  },
  agentId: {
    description: 'An agent’s VCC id: a short numeric string such as "1544".',
    type: 'string',
    pattern: '^[0-9]+$',
  },
} as const satisfies Record<string, Schema>;

const EXTENSION_DEFS = {
  extensionAttributeName: {
    type: 'string',
    description:
      'CloudEvents 1.0 attribute names are lower-case ASCII letters and digits; extensions follow the same rule.',
    pattern: '^[a-z0-9]+$',
  },
  extensionAttributeValue: {
    description:
      'A CloudEvents extension attribute value: a scalar (string, boolean, or 32-bit signed integer).',
    type: ['string', 'boolean', 'integer'],
    minimum: -2147483648,
    maximum: 2147483647,
  },
} as const satisfies Record<string, Schema>;

/**
 * The `$defs` every channel event's document carries. Keys are referenced as `#/$defs/<key>`.
 */
export const CHANNEL_DEFS = {
  ...COMMON_DEFS,
  party: {
    description: 'Who is on the channel. Agents and monitors are identified by agentId and userId.',
    type: 'object',
    properties: {
      role: { description: 'The party’s role on the channel.', enum: [...PARTY_ROLES] },
      agentId: { $ref: '#/$defs/agentId' },
      userId: { $ref: '#/$defs/guid', description: 'The user’s GUID.' },
    },
    required: ['role'],
    additionalProperties: false,
    // Two independent rules, so an unknown role is reported once, as an unknown role. The `true`
    // properties only name what `required` refers to, for tools in ajv's strict mode.
    allOf: [
      {
        if: { properties: { role: { enum: [...AGENT_ROLES] } }, required: ['role'] },
        then: { properties: { agentId: true, userId: true }, required: ['agentId', 'userId'] },
      },
      {
        if: { properties: { role: { enum: ANONYMOUS_ROLES } }, required: ['role'] },
        then: { not: { properties: { agentId: true }, required: ['agentId'] } },
      },
    ],
  },
  channel: {
    description: 'The channel the event happened on, and where it belongs.',
    type: 'object',
    properties: {
      conversationId: { $ref: '#/$defs/guid', description: 'The conversation’s GUID.' },
      interactionId: { $ref: '#/$defs/guid', description: 'The interaction’s GUID.' },
      channelId: { $ref: '#/$defs/guid', description: 'The channel’s GUID.' },
      party: { $ref: '#/$defs/party' },
    },
    required: ['conversationId', 'interactionId', 'channelId', 'party'],
    additionalProperties: false,
  },
  ...EXTENSION_DEFS,
  channelEnvelope: {
    description:
      'The CloudEvents 1.0 structured-mode envelope every channel notification shares. Extension attributes are allowed.',
    type: 'object',
    properties: {
      specversion: { const: '1.0' },
      type: {
        description: '<entity>.<event>.v<N>',
        type: 'string',
        pattern: '^channel\\.[a-z]+\\.v[0-9]+$',
      },
      id: { $ref: '#/$defs/ksuid' },
      source: { const: '/channel' },
      subject: {
        $ref: '#/$defs/guid',
        description: 'The channel id; equals data.channel.channelId.',
      },
      time: {
        $ref: '#/$defs/utcDateTime',
        description: TIME_IN_ENVELOPE,
      },
      datacontenttype: { const: 'application/json' },
      data: { type: 'object' },
    },
    required: ['specversion', 'type', 'id', 'source', 'subject', 'time', 'datacontenttype', 'data'],
    propertyNames: { $ref: '#/$defs/extensionAttributeName' },
    additionalProperties: { $ref: '#/$defs/extensionAttributeValue' },
  },
} as const satisfies Record<string, Schema>;

/** The `$defs` every agent event's document carries. */
export const AGENT_DEFS = {
  ...COMMON_DEFS,
  presence: {
    description: 'The presence state the agent changed to.',
    type: 'object',
    properties: {
      presenceId: { $ref: '#/$defs/guid', description: 'The presence definition’s GUID.' },
      category: {
        description: 'The presence category, and a subcategory for some states.',
        type: 'object',
        properties: {
          type: { description: 'One of VCC’s four categories.', enum: [...PRESENCE_CATEGORIES] },
          description: { description: 'VCC’s name of the category.', type: 'string' },
          subcategory: {
            description: 'Present on some states, e.g. "readyOutbound".',
            type: 'string',
          },
        },
        required: ['type', 'description'],
        additionalProperties: false,
      },
      description: { description: 'What agents see, e.g. "Ready (Outbound)".', type: 'string' },
    },
    required: ['presenceId', 'category', 'description'],
    additionalProperties: false,
  },
  user: {
    description: 'The agent whose presence changed.',
    type: 'object',
    properties: {
      agentId: { $ref: '#/$defs/agentId' },
      userId: { $ref: '#/$defs/guid', description: 'The user’s GUID.' },
    },
    required: ['agentId', 'userId'],
    additionalProperties: false,
  },
  ...EXTENSION_DEFS,
  agentEnvelope: {
    description:
      'The CloudEvents 1.0 structured-mode envelope every agent notification shares. Extension attributes are allowed.',
    type: 'object',
    properties: {
      specversion: { const: '1.0' },
      type: {
        description: '<entity>.<event>.v<N>',
        type: 'string',
        pattern: '^agent\\.[a-z]+\\.v[0-9]+$',
      },
      id: { $ref: '#/$defs/ksuid' },
      source: { const: '/agent' },
      subject: { $ref: '#/$defs/agentId', description: 'The agent id; equals data.user.agentId.' },
      time: {
        $ref: '#/$defs/utcDateTime',
        description: TIME_IN_ENVELOPE,
      },
      datacontenttype: { const: 'application/json' },
      data: { type: 'object' },
    },
    required: ['specversion', 'type', 'id', 'source', 'subject', 'time', 'datacontenttype', 'data'],
    propertyNames: { $ref: '#/$defs/extensionAttributeName' },
    additionalProperties: { $ref: '#/$defs/extensionAttributeValue' },
  },
} as const satisfies Record<string, Schema>;

/** `data` of an agent event: the presence payload (the only agent event VCC documents). */
function agentDataSchema(): Schema {
  return {
    type: 'object',
    properties: {
      timestamp: {
        $ref: '#/$defs/utcDateTime',
        description:
          'When the presence changed: the previous presence ended at this instant. Not when the notification was sent.',
      },
      presence: { $ref: '#/$defs/presence' },
      user: { $ref: '#/$defs/user' },
    },
    required: ['timestamp', 'presence', 'user'],
    additionalProperties: false,
  };
}

function dataSchema(reasons: readonly string[] | undefined): Schema {
  const properties: Schema = {
    timestamp: {
      $ref: '#/$defs/utcDateTime',
      description: 'When the event happened. Not when the notification was sent.',
    },
    channel: { $ref: '#/$defs/channel' },
  };
  const required = ['timestamp', 'channel'];
  if (reasons) {
    properties['reason'] = { description: 'Why the channel ended up here.', enum: [...reasons] };
    required.push('reason');
  }
  return { type: 'object', properties, required, additionalProperties: false };
}

/** A type's description, saying so when VCC documents no page for it. */
function typeDescription(info: EventTypeInfo): string {
  return info.provenance === 'inferred'
    ? `${info.description} Inferred: VCC publishes no page for this version; its payload is the documented v0 payload.`
    : info.description;
}

/** The standalone schema of one event type, as written to `contracts/<type>.schema.json`. */
export function eventSchemaDocument(info: EventTypeInfo): Schema {
  const agent = info.entity === 'agent';
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: CONTRACTS_BASE_URI + schemaFileName(info.type),
    title: info.type,
    description: typeDescription(info),
    type: 'object',
    $ref: agent ? '#/$defs/agentEnvelope' : '#/$defs/channelEnvelope',
    properties: {
      type: { const: info.type },
      time: { description: TIME_DESCRIPTIONS[info.time] },
      data: agent ? agentDataSchema() : dataSchema(info.reasons),
    },
    $defs: agent ? AGENT_DEFS : CHANNEL_DEFS,
  };
}

/** A schema with every `#/$defs/…` reference replaced by the definition (its siblings kept). */
function inlineDefs(node: unknown, defs: Readonly<Record<string, Schema>>): unknown {
  if (Array.isArray(node)) return node.map((item) => inlineDefs(item, defs));
  if (node === null || typeof node !== 'object') return node;
  const { $ref, ...rest } = node as Schema;
  const siblings = Object.fromEntries(
    Object.entries(rest).map(([key, value]) => [key, inlineDefs(value, defs)]),
  );
  const name = typeof $ref === 'string' ? /^#\/\$defs\/(.+)$/.exec($ref)?.[1] : undefined;
  if (name === undefined) return $ref === undefined ? siblings : { $ref, ...siblings };
  return { ...(inlineDefs(defs[name], defs) as Schema), ...siblings };
}

/**
 * The schema of one event type's `data` payload, in the shape VCC's `GET /event-types` hands it
 * out (`jsonSchema`: an object schema titled with the type's name, draft 2020-12, every part
 * written in place), with the same rules as `contracts/`.
 */
export function eventDataSchema(info: EventTypeInfo): Schema {
  const agent = info.entity === 'agent';
  const { type, properties, required, ...rest } = agent
    ? agentDataSchema()
    : dataSchema(info.reasons);
  return {
    type,
    title: info.type,
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    description: typeDescription(info),
    required,
    properties: inlineDefs(properties, agent ? AGENT_DEFS : CHANNEL_DEFS),
    ...rest,
  };
}

/**
 * A schema for any channel notification, whatever its type: the envelope and the shared `data`
 * shape, with `reason` allowed but not required. The validator uses it for types it does not know,
 * so their other mistakes are still reported.
 */
function channelEventSchemaDocument(): Schema {
  const data = dataSchema(undefined);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: CONTRACTS_BASE_URI + CHANNEL_EVENT_SCHEMA_FILE,
    title: 'Any VCC channel notification',
    description:
      'The shape every channel.* notification shares. Use the per-type schemas to check one type exactly.',
    type: 'object',
    $ref: '#/$defs/channelEnvelope',
    properties: {
      data: {
        ...data,
        properties: {
          ...(data['properties'] as Schema),
          reason: { description: 'Why the channel ended up here.', type: 'string' },
        },
      },
    },
    $defs: CHANNEL_DEFS,
  };
}

/**
 * A schema for any agent notification, whatever its type: the envelope only, since VCC documents
 * one agent event and others may carry any `data`.
 */
function agentEventSchemaDocument(): Schema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: CONTRACTS_BASE_URI + AGENT_EVENT_SCHEMA_FILE,
    title: 'Any VCC agent notification',
    description:
      'The envelope every agent.* notification shares. Use the per-type schemas to check one type exactly.',
    type: 'object',
    $ref: '#/$defs/agentEnvelope',
    $defs: AGENT_DEFS,
  };
}

/** Every file of `contracts/`, by file name, in a stable order. */
export function contractDocuments(): Map<string, Schema> {
  const files = new Map<string, Schema>();
  files.set(CHANNEL_EVENT_SCHEMA_FILE, channelEventSchemaDocument());
  files.set(AGENT_EVENT_SCHEMA_FILE, agentEventSchemaDocument());
  for (const info of EVENT_TYPES) files.set(schemaFileName(info.type), eventSchemaDocument(info));
  return files;
}

/** The exact text written for a document: two-space JSON with a final newline. */
export function contractFileText(document: Schema): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
