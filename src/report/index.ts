/**
 * The run report: what a run of notifications shows a contact-centre person (`vcc-sim report`,
 * `vcc-sim/report`). Pure and browser-safe: it reads notifications, never files.
 */
export { RunAggregator } from './run-aggregator.js';
export {
  SERVICE_LEVEL_THRESHOLD_MS,
  abandonmentRate,
  channelSegments,
  classifyInteraction,
  occupancy,
  presenceKind,
  serviceLevel,
  type ChannelRecord,
  type InteractionVerdict,
} from './derivations.js';
export {
  CHANNEL_STATES,
  PRESENCE_KINDS,
  type AgentTimeline,
  type ChannelState,
  type HourFigures,
  type PresenceKind,
  type RunKpis,
  type RunReport,
  type RunReportOptions,
  type Segment,
} from './types.js';
