import { bypass } from 'msw';
import {
  routeFetch as coreRouteFetch,
  type FetchLike,
  type RouteTarget,
} from '../../delivery-core/index.js';

export type { FetchHandler, FetchLike, RouteTarget } from '../../delivery-core/index.js';

const FETCH_INTERCEPTOR = Symbol.for('fetch-interceptor');

/**
 * Sends a request over the network with the global `fetch`, past MSW: when MSW intercepts `fetch`
 * (`server.listen()`), the request is marked with MSW's `bypass()`, so it reaches the real server
 * even under `onUnhandledRequest: 'error'` (MSW removes the mark before sending). Without MSW the
 * request goes out untouched.
 */
export function networkFetch(request: Request): Promise<Response> {
  const intercepted = (globalThis as Record<symbol, unknown>)[FETCH_INTERCEPTOR] !== undefined;
  return globalThis.fetch(intercepted ? bypass(request) : request);
}

/**
 * The delivery core's `routeFetch` (URL prefixes to fetch-style handlers in-process, or rewritten
 * to another base URL) whose fallback is the network past MSW.
 * @example
 * const app = new Hono().post('/webhooks/vcc', handler);
 * await twin.run('inbound-answered', {
 *   fetch: routeFetch({ 'https://my-app.example.com': app.fetch }),
 * });
 */
export function routeFetch(
  routes: Record<string, RouteTarget>,
  fallback: FetchLike = networkFetch,
): FetchLike {
  return coreRouteFetch(routes, fallback);
}
