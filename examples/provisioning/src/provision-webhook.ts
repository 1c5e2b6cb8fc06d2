/**
 * Provisions this service's VCC webhook subscription: creates it the first time, brings its URL and
 * events up to date afterwards, and leaves it alone when nothing changed. Written against VCC's
 * documented APIs (Authentication API and Webhooks API) and nothing else.
 */

export type Region = 'emea' | 'nam' | 'apac';

export interface ProvisionOptions {
  region: Region;
  clientId: string;
  clientSecret: string;
  /** The subscription's name: unique in the account, 3–128 characters. */
  name: string;
  /** Where VCC sends notifications (https). */
  url: string;
  /** Event type names, wildcards allowed. */
  events: string[];
  /** For tests and proxies (default: the global fetch). */
  fetch?: typeof fetch;
  /** Attempts for each request that fails with 429, 5xx or a network error (default 3). */
  attempts?: number;
}

export interface ProvisionResult {
  subscriptionId: string;
  action: 'created' | 'updated' | 'unchanged';
  /** Only when created: VCC shows the signing secret once. Store it in your secret manager. */
  secret?: string;
}

type Subscription = {
  subscriptionId: string;
  name: string;
  url: string;
  events: string[];
  enabled: boolean;
};

const ACCEPT = 'application/vnd.newvoicemedia.v1+json';

export class VccApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} failed with ${status}: ${JSON.stringify(body)}`);
  }
}

async function withRetries(attempts: number, send: () => Promise<Response>): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await send();
      if ((response.status !== 429 && response.status < 500) || attempt >= attempts) {
        return response;
      }
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
  }
}

async function json<T>(response: Response, what: string): Promise<T> {
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new VccApiError(response.status, body, what);
  return body as T;
}

/** A bearer token for the Webhooks API (client credentials, both admin scopes). */
async function getAccessToken(options: ProvisionOptions): Promise<string> {
  const send = options.fetch ?? fetch;
  const response = await withRetries(options.attempts ?? 3, () =>
    send(`https://${options.region}.cc.vonage.com/Auth/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: options.clientId,
        client_secret: options.clientSecret,
        scope: 'admin:read admin:write',
      }),
    }),
  );
  const token = await json<{ access_token: string }>(response, 'Getting an access token');
  return token.access_token;
}

/** Creates or updates the subscription so it matches `options`. */
export async function provisionWebhook(options: ProvisionOptions): Promise<ProvisionResult> {
  const send = options.fetch ?? fetch;
  const token = await getAccessToken(options);
  const base = `https://${options.region}.api.newvoicemedia.com/webhooks`;
  const api = (path: string, init: RequestInit = {}) =>
    withRetries(options.attempts ?? 3, () =>
      send(`${base}${path}`, {
        ...init,
        headers: {
          authorization: `bearer ${token}`,
          accept: ACCEPT,
          ...(init.body ? { 'content-type': 'application/json' } : {}),
        },
      }),
    );

  const { subscriptions } = await json<{ subscriptions: Subscription[] }>(
    await api('/subscriptions'),
    'Listing subscriptions',
  );
  const existing = subscriptions.find((subscription) => subscription.name === options.name);
  if (!existing) {
    const created = await json<Subscription & { secret: string }>(
      await api('/subscriptions', {
        method: 'POST',
        body: JSON.stringify({ name: options.name, url: options.url, events: options.events }),
      }),
      'Creating the subscription',
    );
    return { subscriptionId: created.subscriptionId, action: 'created', secret: created.secret };
  }

  const sameEvents =
    existing.events.length === options.events.length &&
    existing.events.every((event) => options.events.includes(event));
  if (existing.url === options.url && sameEvents && existing.enabled) {
    return { subscriptionId: existing.subscriptionId, action: 'unchanged' };
  }
  await json<Subscription>(
    await api(`/subscriptions/${existing.subscriptionId}`, {
      method: 'PATCH',
      body: JSON.stringify({ url: options.url, events: options.events, enabled: true }),
    }),
    'Updating the subscription',
  );
  return { subscriptionId: existing.subscriptionId, action: 'updated' };
}
