/**
 * The run report (`vcc-sim report`, `vcc-sim/report`): what a run's notifications show a
 * contact-centre person, as figures and as one self-contained HTML page. Pure and browser-safe: it
 * reads notifications, never files.
 */
export { buildRunReport, type ReportSource } from './run-report.js';
export { RunAggregator } from './run-aggregator.js';
export { renderReportHtml, type ReportHtmlOptions, type ReportPageData } from './render-html.js';
export { arrivalProfile, type ArrivalProfile } from './profile.js';
export {
  readPushSummary,
  type LatencySummary,
  type PushSummary,
  type PushTimelinePoint,
} from './push-summary.js';
export { type ChannelRecord, type InteractionVerdict } from './derivations.js';
export { formatCount, formatMillis, formatShare } from './format.js';
export {
  type AgentTimeline,
  type ChannelState,
  type HourFigures,
  type PresenceKind,
  type RunKpis,
  type RunReport,
  type RunReportOptions,
  type Segment,
} from './types.js';
