/**
 * The HTTP adapter (`vcc-sim/http`, Node only): pushes notifications to a webhook as VCC does
 * (signed, paced, retried, nothing lost), and receives them as a checking local webhook.
 */
export { maskWebhookUrl } from '../../delivery-core/index.js';
export { nodeCrypto } from './node-crypto.js';
export { pushNotifications } from './push.js';
export type * from './types.js';
export { startReceiver } from './receiver.js';
export { notificationOfRecord, openJob } from './journal.js';
export { JOB_FILE_SCHEMA } from '../../delivery-core/job-file.js';
