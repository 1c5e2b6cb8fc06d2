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
