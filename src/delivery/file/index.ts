/**
 * The file adapter: notifications to and from files (JSON, JSON arrays, NDJSON) and standard streams.
 */
export {
  STDIN_NAME,
  readNotificationFile,
  readNotifications,
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
