/**
 * The JSON Schemas of `contracts/`, loaded as JSON modules so they work in Node and in bundlers alike.
 * The files are generated from the catalogue (`npm run contracts`); `satisfies` below fails to
 * compile when an event type has no schema.
 */
import type { EventType } from './catalogue.js';
import agentEvent from '../../contracts/agent-event.schema.json' with { type: 'json' };
import agentPresencechangedV0 from '../../contracts/agent.presencechanged.v0.schema.json' with { type: 'json' };
import agentPresencechangedV1 from '../../contracts/agent.presencechanged.v1.schema.json' with { type: 'json' };
import channelEvent from '../../contracts/channel-event.schema.json' with { type: 'json' };
import channelAlertedV0 from '../../contracts/channel.alerted.v0.schema.json' with { type: 'json' };
import channelAlertedV1 from '../../contracts/channel.alerted.v1.schema.json' with { type: 'json' };
import channelConnectedV0 from '../../contracts/channel.connected.v0.schema.json' with { type: 'json' };
import channelConnectedV1 from '../../contracts/channel.connected.v1.schema.json' with { type: 'json' };
import channelConnectionfailedV0 from '../../contracts/channel.connectionfailed.v0.schema.json' with { type: 'json' };
import channelConnectionfailedV1 from '../../contracts/channel.connectionfailed.v1.schema.json' with { type: 'json' };
import channelDisconnectedV0 from '../../contracts/channel.disconnected.v0.schema.json' with { type: 'json' };
import channelDisconnectedV1 from '../../contracts/channel.disconnected.v1.schema.json' with { type: 'json' };
import channelEndedV0 from '../../contracts/channel.ended.v0.schema.json' with { type: 'json' };
import channelEndedV1 from '../../contracts/channel.ended.v1.schema.json' with { type: 'json' };
import channelHeldV0 from '../../contracts/channel.held.v0.schema.json' with { type: 'json' };
import channelHeldV1 from '../../contracts/channel.held.v1.schema.json' with { type: 'json' };
import channelInterruptedV0 from '../../contracts/channel.interrupted.v0.schema.json' with { type: 'json' };
import channelInterruptedV1 from '../../contracts/channel.interrupted.v1.schema.json' with { type: 'json' };
import channelParkedV0 from '../../contracts/channel.parked.v0.schema.json' with { type: 'json' };
import channelParkedV1 from '../../contracts/channel.parked.v1.schema.json' with { type: 'json' };
import channelResumedV0 from '../../contracts/channel.resumed.v0.schema.json' with { type: 'json' };
import channelResumedV1 from '../../contracts/channel.resumed.v1.schema.json' with { type: 'json' };
import channelRetrievedV0 from '../../contracts/channel.retrieved.v0.schema.json' with { type: 'json' };
import channelRetrievedV1 from '../../contracts/channel.retrieved.v1.schema.json' with { type: 'json' };
import channelUnparkedV0 from '../../contracts/channel.unparked.v0.schema.json' with { type: 'json' };
import channelUnparkedV1 from '../../contracts/channel.unparked.v1.schema.json' with { type: 'json' };
import channelWrapstartedV0 from '../../contracts/channel.wrapstarted.v0.schema.json' with { type: 'json' };
import channelWrapstartedV1 from '../../contracts/channel.wrapstarted.v1.schema.json' with { type: 'json' };

/** A JSON Schema document, as read from `contracts/`. */
export type SchemaDocument = Record<string, unknown>;

/** The standalone schema of each event type, by type name. */
export const EVENT_SCHEMAS = {
  'channel.alerted.v0': channelAlertedV0,
  'channel.alerted.v1': channelAlertedV1,
  'channel.connected.v0': channelConnectedV0,
  'channel.connected.v1': channelConnectedV1,
  'channel.connectionfailed.v0': channelConnectionfailedV0,
  'channel.connectionfailed.v1': channelConnectionfailedV1,
  'channel.disconnected.v0': channelDisconnectedV0,
  'channel.disconnected.v1': channelDisconnectedV1,
  'channel.ended.v0': channelEndedV0,
  'channel.ended.v1': channelEndedV1,
  'channel.held.v0': channelHeldV0,
  'channel.held.v1': channelHeldV1,
  'channel.interrupted.v0': channelInterruptedV0,
  'channel.interrupted.v1': channelInterruptedV1,
  'channel.parked.v0': channelParkedV0,
  'channel.parked.v1': channelParkedV1,
  'channel.resumed.v0': channelResumedV0,
  'channel.resumed.v1': channelResumedV1,
  'channel.retrieved.v0': channelRetrievedV0,
  'channel.retrieved.v1': channelRetrievedV1,
  'channel.unparked.v0': channelUnparkedV0,
  'channel.unparked.v1': channelUnparkedV1,
  'channel.wrapstarted.v0': channelWrapstartedV0,
  'channel.wrapstarted.v1': channelWrapstartedV1,
  'agent.presencechanged.v0': agentPresencechangedV0,
  'agent.presencechanged.v1': agentPresencechangedV1,
} as const satisfies Record<EventType, SchemaDocument>;

/** The schema any channel event matches, known type or not. */
export const CHANNEL_EVENT_SCHEMA: SchemaDocument = channelEvent;

/** The schema any agent event matches, known type or not. */
export const AGENT_EVENT_SCHEMA: SchemaDocument = agentEvent;
