/**
 * `vcc-sim/msw`: a twin of Vonage Contact Center for consumer tests. VCC's OAuth token endpoint and
 * Webhooks API as MSW 2 handlers, backed by an in-memory twin a test can inspect, reset and break;
 * and deliveries from the twin to the consumer's webhook, signed as VCC signs them.
 *
 * This file is the adapter's only public face. Files in `internal/` are private to the adapter.
 */
export { createVccTwin, type VccTwin, type VccTwinOptions } from './twin.js';
export { routeFetch, type FetchHandler, type FetchLike, type RouteTarget } from './route-fetch.js';
export { DEFAULT_CLIENT, type Region } from './vcc.js';
export type * from './types.js';
