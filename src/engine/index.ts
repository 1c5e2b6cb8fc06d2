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
export { DEFAULT_TIMINGS } from './defaults.js';
export { formatDuration, parseDuration } from './duration.js';
export { eventFilter, eventPatterns } from './event-filter.js';
export { parseScenario } from './parse-scenario.js';
export { peopleNames } from './people-names.js';
export { randomStream } from './random.js';
export { withOverrides } from './overrides.js';
export {
  planShard,
  runStatistics,
  simulate,
  simulateJson,
  simulateNdjson,
  type NdjsonChunk,
} from './simulate.js';
export {
  StatisticsCollector,
  type AgentStatistics,
  type DurationStatistics,
  type RunStatistics,
  type ServiceFigures,
  type ServiceStatistics,
  type StatisticsOptions,
  type TeamService,
} from './statistics.js';
export type * from './types.js';
