/**
 * `vcc-sim/msw`: a twin of Vonage Contact Center for consumer tests. VCC's OAuth token endpoint and
 * Webhooks API as MSW 2 handlers, backed by an in-memory twin a test can inspect, reset and break;
 * and deliveries from the twin to the consumer's webhook, signed as VCC signs them.
 *
 * This file is the adapter's only public face. Files in `internal/` are private to the adapter.
 */
export { createVccTwin, type VccTwin, type VccTwinOptions } from './twin.js';
export {
  networkFetch,
  routeFetch,
  type FetchHandler,
  type FetchLike,
  type RouteTarget,
} from './route-fetch.js';
export {
  ACCESS_TOKEN_LIFETIME_SECONDS,
  DEFAULT_CLIENT,
  NOTIFICATION_CONTENT_TYPE,
  REGIONS,
  WEBHOOKS_API_MEDIA_TYPE,
  WEBHOOKS_SCOPES,
  tokenUrl,
  webhooksApiUrl,
  type Region,
} from './vcc.js';
export type * from './types.js';
