import { EVENT_TYPES } from '../../../contract/index.js';
import { eventDataSchema } from '../../../contract/schema-documents.js';
import type { Authority, Caller } from './authority.js';
import { WEBHOOKS_SCOPES, type Region } from '../vcc.js';
import { apiError, apiJson, apiJsonText } from './responses.js';
import {
  checkNewSubscription,
  checkSubscriptionUpdate,
  type Checked,
  type RuleOptions,
} from './subscription-rules.js';
import { publicView, type SubscriptionStore, type WriteResult } from './subscription-store.js';
import type { TwinRoute } from '../types.js';

/** What a route needs from the twin. */
export interface ApiContext {
  authority: Authority;
  store: SubscriptionStore;
  rules: RuleOptions;
}

/** One request to a route, after the twin has matched it. */
export interface RouteRequest {
  request: Request;
  region: Region;
  params: Record<string, string>;
}

/** A route's answer, and who asked (for the call log). */
export type RouteAnswer = { response: Response; caller?: Caller };

type Handler = (context: ApiContext, call: RouteRequest) => Promise<Response>;

/**
 * `GET /event-types` in VCC's shape: each type's `jsonSchema` describes its `data` payload (not the
 * whole CloudEvent), titled with the type's name, as VCC's example shows; built from the catalogue
 * like `contracts/`, and self-contained.
 */
const EVENT_TYPES_BODY = JSON.stringify({
  eventTypes: EVENT_TYPES.map((info) => ({
    name: info.type,
    description: info.description,
    jsonSchema: eventDataSchema(info),
  })),
});

/**
 * VCC's version negotiation, as its other APIs document it: without a version in `Accept`, or with
 * one the API does not have, the answer is 400. **Decision:** the Webhooks API does the same (not
 * 406), with the User Admin API's messages.
 */
function checkAccept(request: Request): Response | undefined {
  const accept = request.headers.get('accept') ?? '';
  const versions = [...accept.matchAll(/application\/vnd\.newvoicemedia\.v(\d+)\+json/gi)];
  if (versions.length === 0) return apiError(400, 'Version missing from Accept header!');
  if (!versions.some((match) => match[1] === '1')) {
    return apiError(400, 'Invalid api-version! Valid values: 1');
  }
  return undefined;
}

async function readJson(request: Request): Promise<{ body: unknown } | Response> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i.test(type)) {
    return apiError(400, `The request body must be JSON (Content-Type: application/json)`);
  }
  const text = await request.text();
  try {
    return { body: JSON.parse(text) as unknown };
  } catch {
    return apiError(400, 'The request body is not valid JSON');
  }
}

function invalid(checked: Extract<Checked<unknown>, { ok: false }>): Response {
  return apiError(400, `Invalid subscription: ${checked.problems.join('; ')}`);
}

function notFound(subscriptionId: string): Response {
  return apiError(404, `Subscription ${JSON.stringify(subscriptionId)} not found`);
}

/**
 * **Decision:** a second subscription with a name already in use is a 400 like every other
 * validation failure (VCC documents no 409).
 */
function writeFailed(result: Extract<WriteResult, { ok: false }>, call: RouteRequest, name = '') {
  return result.reason === 'not-found'
    ? notFound(call.params['subscriptionId'] ?? '')
    : apiError(
        400,
        `Invalid subscription: a subscription named ${JSON.stringify(name)} already exists`,
      );
}

const HANDLERS: Record<Exclude<TwinRoute, 'POST /Auth/connect/token'>, Handler> = {
  'GET /event-types': async () => apiJsonText(200, EVENT_TYPES_BODY),

  'GET /subscriptions': async ({ store }, { region }) =>
    apiJson(200, { subscriptions: store.list(region).map(publicView) }),

  'POST /subscriptions': async ({ store, rules }, call) => {
    const read = await readJson(call.request);
    if (read instanceof Response) return read;
    const checked = checkNewSubscription(read.body, rules);
    if (!checked.ok) return invalid(checked);
    const result = store.create(call.region, checked.value);
    if (!result.ok) return writeFailed(result, call, checked.value.name);
    return apiJson(200, { ...publicView(result.subscription), secret: result.subscription.secret });
  },

  'GET /subscriptions/:subscriptionId': async ({ store }, call) => {
    const id = call.params['subscriptionId'] ?? '';
    const found = store.get(call.region, id);
    return found ? apiJson(200, publicView(found)) : notFound(id);
  },

  'PATCH /subscriptions/:subscriptionId': async ({ store, rules }, call) => {
    const id = call.params['subscriptionId'] ?? '';
    if (!store.get(call.region, id)) return notFound(id);
    const read = await readJson(call.request);
    if (read instanceof Response) return read;
    const checked = checkSubscriptionUpdate(read.body, rules);
    if (!checked.ok) return invalid(checked);
    const result = store.update(call.region, id, checked.value);
    if (!result.ok) return writeFailed(result, call, checked.value.name);
    return apiJson(200, publicView(result.subscription));
  },

  /** **Decision:** 200 with the deleted subscription (VCC: every success is a 200 with JSON). */
  'DELETE /subscriptions/:subscriptionId': async ({ store }, call) => {
    const id = call.params['subscriptionId'] ?? '';
    const deleted = store.delete(call.region, id);
    return deleted ? apiJson(200, publicView(deleted)) : notFound(id);
  },
};

/** The scope a Webhooks API route needs. */
function routeScope(route: TwinRoute): string {
  return route.startsWith('GET ') ? WEBHOOKS_SCOPES.read : WEBHOOKS_SCOPES.write;
}

/**
 * Answers a Webhooks API request as VCC does: the bearer token (401/403), then the API version in
 * `Accept` (400), then the route itself (400 invalid, 404 unknown subscription, 200).
 */
export async function answerWebhooksApi(
  context: ApiContext,
  route: Exclude<TwinRoute, 'POST /Auth/connect/token'>,
  call: RouteRequest,
): Promise<RouteAnswer> {
  const caller = context.authority.authorize(call.request, call.region, routeScope(route));
  if (caller instanceof Response) return { response: caller };
  const response = checkAccept(call.request) ?? (await HANDLERS[route](context, call));
  return { response, caller };
}
