import { bypass } from 'msw';

/** A fetch-style request handler, as Hono's `app.fetch`, Next.js route handlers and workers have. */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

/** How the twin sends a request: `fetch`, narrowed to a `Request`. */
export type FetchLike = (request: Request) => Promise<Response>;

/** Where {@link routeFetch} sends a URL prefix: a handler in-process, or another base URL. */
export type RouteTarget = FetchHandler | string | URL;

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

function normalizePrefix(prefix: string): URL {
  const url = new URL(prefix);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/** Whether `url` is under `prefix` (same origin, path on a segment boundary). */
function under(url: URL, prefix: URL): boolean {
  if (url.origin !== prefix.origin) return false;
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return path.startsWith(prefix.pathname);
}

async function rewrite(request: Request, from: URL, to: URL): Promise<Request> {
  const source = new URL(request.url);
  const rest = source.pathname.slice(from.pathname.length - 1);
  const target = new URL(to);
  target.pathname = `${target.pathname.replace(/\/$/, '')}${rest}`.replace(/^$/, '/');
  target.search = source.search;
  const body = request.body === null ? null : await request.arrayBuffer();
  return new Request(target, {
    method: request.method,
    headers: request.headers,
    body,
    redirect: request.redirect,
    signal: request.signal,
  });
}

/**
 * A `fetch` that sends URLs under each prefix to a fetch-style handler in-process (no port, no
 * network) or rewrites them to another base URL (an https subscription URL to a local `http:`
 * server); anything else goes to `fallback` (default: the network, past MSW). The longest matching
 * prefix wins.
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
  const table = Object.entries(routes)
    .map(([prefix, target]) => ({ prefix: normalizePrefix(prefix), target }))
    .sort((a, b) => b.prefix.href.length - a.prefix.href.length);
  const fetch: FetchLike = async (request) => {
    const url = new URL(request.url);
    const route = table.find(({ prefix }) => under(url, prefix));
    if (!route) return fallback(request);
    if (typeof route.target === 'function') return route.target(request);
    return fallback(await rewrite(request, route.prefix, new URL(route.target)));
  };
  // The handler of each URL, remembered (a twin sends to a few webhook URLs, again and again).
  const handlers = new Map<string, FetchHandler | undefined>();
  inProcessRoutes.set(fetch, (href) => {
    if (handlers.has(href)) return handlers.get(href);
    const url = URL.canParse(href) ? new URL(href) : undefined;
    const target = url && table.find(({ prefix }) => under(url, prefix))?.target;
    const handler = typeof target === 'function' ? target : undefined;
    if (handlers.size >= MAX_REMEMBERED_URLS) handlers.clear();
    handlers.set(href, handler);
    return handler;
  });
  return fetch;
}

const MAX_REMEMBERED_URLS = 256;
const inProcessRoutes = new WeakMap<FetchLike, (url: string) => FetchHandler | undefined>();

/**
 * For a `fetch` made by {@link routeFetch}: the in-process handler it sends a URL to, if any. The
 * twin calls that handler itself, with a request it need not be able to abort (a function call
 * cannot be cut), which saves it an `AbortController` and undici's work to follow its signal,
 * about a third of what an in-process delivery costs. `undefined` for any other `fetch`.
 */
export function inProcessRoute(
  fetch: FetchLike,
): ((url: string) => FetchHandler | undefined) | undefined {
  return inProcessRoutes.get(fetch);
}
