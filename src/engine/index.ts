/**
 * The engine: scenarios in, notifications out. Pure (no I/O, no timers, no wall clock, no
 * `Math.random`), so it runs unchanged in browsers and a run is reproducible from its seed.
 */
export {
  BUILT_IN_SCENARIOS,
  DEFAULT_SCENARIO_NAME,
  builtInScenario,
  isBuiltInScenario,
} from './built-in-scenarios.js';
export {
  DEFAULT_ANSWER_WITHIN,
  DEFAULT_BREAKS,
  DEFAULT_DIALLING_HOURS,
  DEFAULT_MISSED_CALL,
  DEFAULT_SEED,
  DEFAULT_SEND_LAG,
  DEFAULT_START,
  DEFAULT_TIMINGS,
} from './defaults.js';
export { formatDuration, parseDuration } from './duration.js';
export { DEFAULT_EVENTS, eventFilter, eventPatterns } from './event-filter.js';
export { parseScenario, parseScenarioText } from './parse-scenario.js';
export { randomStream, type RandomStream } from './random.js';
export { withOverrides } from './overrides.js';
export {
  runStatistics,
  simulate,
  simulateJson,
  simulateNdjson,
  type NdjsonChunk,
} from './simulate.js';
export {
  StatisticsCollector,
  percentile,
  type DurationStatistics,
  type RunStatistics,
  type ServiceFigures,
  type ServiceStatistics,
  type TeamService,
} from './statistics.js';
export { FLOW_NAMES } from './types.js';
export type * from './types.js';
