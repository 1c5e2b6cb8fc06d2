/**
 * `vcc-sim/msw`: a twin of Vonage Contact Center for consumer tests. VCC's OAuth token endpoint and
 * Webhooks API as MSW 2 handlers, backed by an in-memory twin a test can inspect, reset and break;
 * and deliveries from the twin to the consumer's webhook, signed as VCC signs them.
 *
 * Everything outside this file is private to the adapter.
 */
export { REGIONS, tokenUrl, webhooksApiUrl, type Region } from './regions.js';
export { DEFAULT_CLIENT } from './twin-api.js';
export { createVccTwin, type VccTwin, type VccTwinOptions } from './twin.js';
export { WEBHOOKS_API_MEDIA_TYPE, WEBHOOKS_SCOPES } from './webhooks-api.js';
export { ACCESS_TOKEN_LIFETIME_SECONDS } from './authority.js';
export type {
  ApiCall,
  Fault,
  FaultHandle,
  IssueTokenOptions,
  Latency,
  NewSubscription,
  Subscription,
  TwinClient,
  TwinRoute,
  TwinSubscription,
} from './types.js';
export { routeFetch, type FetchHandler, type FetchLike, type RouteTarget } from './route-fetch.js';
export { NOTIFICATION_CONTENT_TYPE } from './deliver.js';
export type { ChaosOptions } from './chaos.js';
export type {
  Delivery,
  DeliveryAttempt,
  DeliveryOptions,
  DeliveryReport,
  DeliveryStep,
  DeliveryStream,
  NotificationSource,
} from './types.js';
