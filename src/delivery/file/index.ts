/**
 * `vcc-sim/file`: scenarios and notifications to and from files (JSON, JSON arrays, NDJSON) and
 * standard streams. Node-only, so it has its own entry and the root stays browser-safe.
 */
export {
  readNotificationFile,
  type NotificationRecord,
  type RecordLocation,
} from './read-notifications.js';
export {
  validateFiles,
  type FileValidationReport,
  type InvalidNotification,
  type ValidateFilesOptions,
} from './validate-files.js';
export { loadScenario } from './load-scenario.js';
export {
  writeChunks,
  writeLines,
  type OutputChunk,
  type OutputFormat,
  type WriteLinesOptions,
} from './write-lines.js';
export { closeOutput, openOutputFile } from './open-output.js';
