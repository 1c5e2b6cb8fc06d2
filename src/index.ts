/**
 * vcc-sim: a simulator of Vonage Contact Center webhook notifications.
 *
 * This entry holds the contract (event catalogue, schemas, types, KSUIDs, validator). Delivery
 * adapters have their own entries (`vcc-sim/msw`, `vcc-sim/pact`) so importing one never loads
 * another's dependencies.
 */
export * from './contract/index.js';
export { VccSimError, isVccSimError, type VccSimErrorCode } from './errors.js';
export * from './engine/index.js';
export {
  loadScenario,
  readNotificationFile,
  readNotifications,
  validateFiles,
  writeLines,
  type FileValidationReport,
  type InvalidNotification,
  type NotificationRecord,
  type OutputFormat,
  type RecordLocation,
} from './delivery/file/index.js';
