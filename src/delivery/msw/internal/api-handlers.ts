import { http, type HttpHandler } from 'msw';
import { tokenUrl, webhooksApiUrl, type Region } from '../vcc.js';
import { methodNotAllowed } from './responses.js';
import type { TwinRoute } from '../types.js';

/** Serves one matched request: the twin's dispatcher. */
export type Serve = (
  route: TwinRoute,
  region: Region,
  request: Request,
  params: Record<string, string>,
) => Promise<Response>;

type Method = 'get' | 'post' | 'patch' | 'delete';

/** Each path of a region, with the routes on it. */
const PATHS: readonly { host: 'auth' | 'api'; path: string; routes: readonly TwinRoute[] }[] = [
  { host: 'auth', path: '', routes: ['POST /Auth/connect/token'] },
  { host: 'api', path: '/event-types', routes: ['GET /event-types'] },
  { host: 'api', path: '/subscriptions', routes: ['GET /subscriptions', 'POST /subscriptions'] },
  {
    host: 'api',
    path: '/subscriptions/:subscriptionId',
    routes: [
      'GET /subscriptions/:subscriptionId',
      'PATCH /subscriptions/:subscriptionId',
      'DELETE /subscriptions/:subscriptionId',
    ],
  },
];

function methodOf(route: TwinRoute): Method {
  return route.slice(0, route.indexOf(' ')).toLowerCase() as Method;
}

/**
 * MSW request handlers for the twin's routes in each region, one `http.<method>` handler per
 * route (so `server.use()` overrides work as usual), then one per path that answers 405 to other
 * methods, as VCC's gateway does.
 */
export function createApiHandlers(regions: readonly Region[], serve: Serve): HttpHandler[] {
  return regions.flatMap((region) =>
    PATHS.flatMap(({ host, path, routes }) => {
      const url = host === 'auth' ? tokenUrl(region) : `${webhooksApiUrl(region)}${path}`;
      const allowed = routes.map((route) => methodOf(route).toUpperCase());
      return [
        ...routes.map((route) =>
          http[methodOf(route)](url, ({ request, params }) =>
            serve(route, region, request, params as Record<string, string>),
          ),
        ),
        http.all(url, () => methodNotAllowed(allowed)),
      ];
    }),
  );
}
