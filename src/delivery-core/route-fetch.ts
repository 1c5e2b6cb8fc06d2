/** A fetch-style request handler, as Hono's `app.fetch`, Next.js route handlers and workers have. */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

/** How a webhook request is sent: `fetch`, narrowed to a `Request`. */
export type FetchLike = (request: Request) => Promise<Response>;

/** Where {@link routeFetch} sends a URL prefix: a handler in-process, or another base URL. */
export type RouteTarget = FetchHandler | string | URL;

/** The platform's `fetch`, looked up when called (so a test's interceptor is honoured). */
const globalFetch: FetchLike = (request) => globalThis.fetch(request);

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
 * server); anything else goes to `fallback` (default: the platform's `fetch`). The longest
 * matching prefix wins. Environment-free: the MSW twin and `vcc-sim check` both route with it.
 * @example
 * const app = new Hono().post('/webhooks/vcc', handler);
 * const fetch = routeFetch({ 'https://my-app.example.com': app.fetch });
 */
export function routeFetch(
  routes: Record<string, RouteTarget>,
  fallback: FetchLike = globalFetch,
): FetchLike {
  const table = Object.entries(routes)
    .map(([prefix, target]) => ({ prefix: normalizePrefix(prefix), target }))
    .sort((a, b) => b.prefix.href.length - a.prefix.href.length);
  return async (request) => {
    const url = new URL(request.url);
    const route = table.find(({ prefix }) => under(url, prefix));
    if (!route) return fallback(request);
    if (typeof route.target === 'function') return route.target(request);
    return fallback(await rewrite(request, route.prefix, new URL(route.target)));
  };
}
