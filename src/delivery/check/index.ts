/**
 * `vcc-sim/check` (Node): is a webhook ready for VCC? `checkWebhook` grades it against a catalogue
 * of named checks, each a short scripted delivery sequence with a verdict and its evidence, over
 * the network or in-process through a fetch-style handler; `triggerNotification` sends one
 * notification (or a channel's lifecycle) now, signed as VCC signs.
 *
 * This file is the adapter's only public face. Files in `internal/` are private to the adapter.
 */
export { CHECK_CATALOGUE, CHECK_GROUPS, type CheckName } from './catalogue.js';
export { checkWebhook } from './check-webhook.js';
export { CHECK_DEFAULTS } from './defaults.js';
export { describeAnswer, describeExchange } from './evidence.js';
export { checkReportToJUnit } from './junit.js';
export {
  triggerNotification,
  type TriggerOptions,
  type TriggerResult,
  type TriggerSendOptions,
} from './trigger.js';
export { routeFetch, type FetchHandler, type RouteTarget } from '../../delivery-core/index.js';
export type * from './types.js';
