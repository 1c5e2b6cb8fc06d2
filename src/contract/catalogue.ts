/**
 * The event catalogue: the one list of VCC notification types vcc-sim knows.
 *
 * Schemas (`contracts/`), TypeScript types, the engine's lifecycle and every delivery adapter are
 * derived from this table, so adding an event here is the only place a new type is declared.
 * The facts behind each row are in `../shared/vcc-webhooks.md` §2; provenance says whether VCC
 * documents the event or vcc-sim inferred it.
 */

/** The party roles VCC reports on a channel (`data.channel.party.role`). */
export const PARTY_ROLES = ['external', 'agent', 'monitor', 'voicemail'] as const;

/** Roles whose party carries `agentId` and `userId`. */
export const AGENT_ROLES = ['agent', 'monitor'] as const;

/** The only `reason` value VCC documents (on `channel.connectionfailed` and `channel.ended`). */
export const CHANNEL_REASONS = ['released'] as const;

/**
 * How much of one version of an event VCC's public documentation covers:
 * - `documented`: VCC publishes a reference page for this version, with an example notification;
 * - `inferred`: no page documents this version; vcc-sim infers it from its documented siblings
 *   (public consumer code handles a v1 of every channel event, and VCC's v1 pages carry the v0
 *   payload). `documentedOnly` (`--documented-only`) leaves inferred types out.
 */
export type Provenance = 'documented' | 'inferred';

interface CatalogueRow {
  /** The `<entity>.<event>` part of the type name. */
  readonly name: string;
  /** The versions VCC sends; the type name is `<name>.v<version>`. */
  readonly versions: readonly number[];
  /** How much VCC documents each version, by `v<version>`. */
  readonly provenance: Readonly<Record<`v${number}`, Provenance>>;
  /** What makes VCC send it, in VCC's words where it has them. */
  readonly description: string;
  /** `data` fields beyond `timestamp` and `channel`, with their allowed values. */
  readonly extraData: { readonly reason?: readonly string[] };
}

/**
 * Every channel event of the facts, §2. Every event has a v0 and a v1 with the same payload (only
 * `type` differs, and what `time` means: see {@link TimeMeaning}). VCC publishes v1 pages for
 * `alerted`, `connected`, `held`, `disconnected` and `wrapstarted`; the other v1s are inferred, so
 * that a subscriber to `channel.*.v1` sees whole lifecycles. Channel events come from `/channel`
 * and their `subject` is the channel id.
 */
const CHANNEL_EVENTS = [
  {
    name: 'channel.alerted',
    versions: [0, 1],
    provenance: { v0: 'documented', v1: 'documented' },
    description:
      'The alerting phase of a channel started (a phone started ringing). An inbound interaction’s first channel has a zero-length alerting phase and still sends it.',
    extraData: {},
  },
  {
    name: 'channel.connected',
    versions: [0, 1],
    provenance: { v0: 'documented', v1: 'documented' },
    description:
      'A channel connected: the alerting phase ended and the connected phase began at the same instant, for example when a customer picks up their ringing phone to talk with the agent.',
    extraData: {},
  },
  {
    name: 'channel.connectionfailed',
    versions: [0, 1],
    provenance: { v0: 'documented', v1: 'inferred' },
    description:
      'The alerting phase ended without connecting (rejected, busy or not answered); the channel entered the unexpected phase.',
    extraData: { reason: CHANNEL_REASONS },
  },
  {
    name: 'channel.held',
    versions: [0, 1],
    provenance: { v0: 'documented', v1: 'documented' },
    description: 'A connected channel was put on hold.',
    extraData: {},
  },
  {
    name: 'channel.retrieved',
    versions: [0, 1],
    provenance: { v0: 'documented', v1: 'inferred' },
    description: 'A held channel was taken off hold and is connected again.',
    extraData: {},
  },
  {
    name: 'channel.parked',
    versions: [0, 1],
    provenance: { v0: 'documented', v1: 'inferred' },
    description:
      'A connected interaction was parked; sent for both the agent and the customer channel.',
    extraData: {},
  },
  {
    name: 'channel.unparked',
    versions: [0, 1],
    provenance: { v0: 'documented', v1: 'inferred' },
    description:
      'A parked interaction was unparked; sent for both the agent and the customer channel.',
    extraData: {},
  },
  {
    name: 'channel.interrupted',
    versions: [0, 1],
    provenance: { v0: 'documented', v1: 'inferred' },
    description:
      'A connected channel (an email, say) lost the agent’s focus to a more important interaction; sent for both channels.',
    extraData: {},
  },
  {
    name: 'channel.resumed',
    versions: [0, 1],
    provenance: { v0: 'documented', v1: 'inferred' },
    description: 'An interrupted channel got the agent’s focus back; sent for both channels.',
    extraData: {},
  },
  {
    name: 'channel.disconnected',
    versions: [0, 1],
    provenance: { v0: 'documented', v1: 'documented' },
    description: 'The connected phase of a channel ended.',
    extraData: {},
  },
  {
    name: 'channel.wrapstarted',
    versions: [0, 1],
    provenance: { v0: 'documented', v1: 'documented' },
    description:
      'An agent channel entered wrap; it happens at the same instant as the channel’s disconnected event.',
    extraData: {},
  },
  {
    name: 'channel.ended',
    versions: [0, 1],
    provenance: { v0: 'documented', v1: 'inferred' },
    description:
      'The channel’s lifecycle ended and nothing more happens on it. After a connected phase it coincides with disconnected.',
    extraData: { reason: CHANNEL_REASONS },
  },
] as const satisfies readonly CatalogueRow[];

/**
 * Every agent event of the facts, §2b. Agent events come from `/agent` and their `subject` is the
 * agent id (`data.user.agentId`).
 */
const AGENT_EVENTS = [
  {
    name: 'agent.presencechanged',
    versions: [0, 1],
    provenance: { v0: 'documented', v1: 'documented' },
    description:
      'An agent’s presence changed (manually, or changed for them); their previous presence ended at `data.timestamp`. Sent only when the presence actually changes, not when the agent asks to change it.',
    extraData: {},
  },
] as const satisfies readonly CatalogueRow[];

type ChannelRow = (typeof CHANNEL_EVENTS)[number];
type AgentRow = (typeof AGENT_EVENTS)[number];
type Row = ChannelRow | AgentRow;

/** A channel event without its version, e.g. `channel.connected`. */
export type ChannelEventName = ChannelRow['name'];

/** An agent event without its version, e.g. `agent.presencechanged`. */
export type AgentEventName = AgentRow['name'];

/** Any event without its version. */
export type EventName = Row['name'];

/** The entity an event is about: the first part of its type name, and its CloudEvents `source`. */
export type EventEntity = 'channel' | 'agent';

/** The CloudEvents `source` of each entity's events. */
const EVENT_SOURCES = { channel: '/channel', agent: '/agent' } as const satisfies Record<
  EventEntity,
  string
>;

type TypesOf<R> = R extends { name: infer N extends string; versions: readonly (infer V)[] }
  ? V extends number
    ? `${N}.v${V}`
    : never
  : never;

/** Every notification type vcc-sim can emit and validate, e.g. `channel.connected.v0`. */
export type EventType = TypesOf<Row>;

/** Every channel notification type, e.g. `channel.connected.v0`. */
export type ChannelEventType = TypesOf<ChannelRow>;

/** Every agent notification type, e.g. `agent.presencechanged.v1`. */
export type AgentEventType = TypesOf<AgentRow>;

/** Event types whose `data` carries a `reason`. */
export type ReasonEventType = TypesOf<
  Extract<ChannelRow, { extraData: { reason: readonly string[] } }>
>;

/**
 * What a notification's `time` stands for. **Decision** (VCC's pages disagree): on v0 types it is
 * the moment the notification was **sent**, as VCC's v0 pages say; on v1 types it is the moment
 * the event **happened** (the instant of `data.timestamp`, written with 7 fractional digits), as
 * VCC's v1 pages ("the moment the channel began alerting") and the CloudEvents spec ("timestamp of
 * when the occurrence happened") say. On every version the KSUID `id` is minted when the
 * notification is sent, so on a v1 its second may be later than `time`'s.
 */
export type TimeMeaning = 'sent' | 'happened';

/** One notification type, as the catalogue describes it. */
export interface EventTypeInfo {
  readonly type: EventType;
  /** `<entity>.<event>`, e.g. `channel.connected`. */
  readonly name: EventName;
  readonly version: number;
  /** What the event is about: `channel` or `agent`. */
  readonly entity: EventEntity;
  /** The CloudEvents `source` VCC sends it from. */
  readonly source: (typeof EVENT_SOURCES)[EventEntity];
  /** Whether VCC documents this version of the event or vcc-sim inferred it. */
  readonly provenance: Provenance;
  /** What `time` stands for on this type (see {@link TimeMeaning}). */
  readonly time: TimeMeaning;
  readonly description: string;
  /** Allowed `data.reason` values, when the event has a reason. */
  readonly reasons?: readonly string[];
}

function provenanceOf(row: CatalogueRow, version: number): Provenance {
  const provenance = row.provenance[`v${version}`];
  // A row that forgets a version's provenance fails as soon as the catalogue loads.
  if (!provenance) throw new Error(`The catalogue gives ${row.name}.v${version} no provenance.`);
  return provenance;
}

function typesOf(rows: readonly CatalogueRow[], entity: EventEntity): EventTypeInfo[] {
  return rows.flatMap((row) =>
    row.versions.map((version): EventTypeInfo => ({
      type: `${row.name}.v${version}` as EventType,
      name: row.name as EventName,
      version,
      entity,
      source: EVENT_SOURCES[entity],
      provenance: provenanceOf(row, version),
      time: timeIsWhenItHappened(version) ? 'happened' : 'sent',
      description: row.description,
      ...(row.extraData.reason ? { reasons: row.extraData.reason } : {}),
    })),
  );
}

/** Every event type, in catalogue order (channel events, then agent events), one per version. */
export const EVENT_TYPES: readonly EventTypeInfo[] = [
  ...typesOf(CHANNEL_EVENTS, 'channel'),
  ...typesOf(AGENT_EVENTS, 'agent'),
];

const byType = new Map<string, EventTypeInfo>(EVENT_TYPES.map((info) => [info.type, info]));

/** The catalogue entry for a type name, or `undefined` for a type vcc-sim does not know. */
export function eventTypeInfo(type: string): EventTypeInfo | undefined {
  return byType.get(type);
}

/** Narrows a string to a known event type. */
export function isEventType(type: unknown): type is EventType {
  return typeof type === 'string' && byType.has(type);
}

/** Narrows a known event type to a channel event type. */
export function isChannelEventType(type: EventType): type is ChannelEventType {
  return byType.get(type)?.entity === 'channel';
}

/** Narrows a known event type to an agent event type. */
export function isAgentEventType(type: EventType): type is AgentEventType {
  return byType.get(type)?.entity === 'agent';
}

/**
 * What `time` means on a version of an event. **Decision** (VCC's pages disagree): on v1 (and any
 * later version) it is the moment the event happened, the same instant as `data.timestamp`, as the
 * v1 pages say; on v0 it is the moment the notification was sent, as the v0 pages say. Either way
 * the notification is sent after its event, and its KSUID is minted in the second it is sent.
 */
export function timeIsWhenItHappened(version: number): boolean {
  return version >= 1;
}
