import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES, eventTypeInfo, isKsuid } from '../../contract/index.js';
import { eventDataSchema } from '../../contract/schema-documents.js';
import { createVccTwin, type Region } from './index.js';

const twin = createVccTwin({
  clients: [
    { clientId: 'admin', clientSecret: 'a', scopes: ['admin:read', 'admin:write'] },
    { clientId: 'supervisor', clientSecret: 's', scopes: ['admin:read'] },
  ],
});
const server = setupServer(...twin.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  twin.reset();
});
afterAll(() => server.close());

const V1 = 'application/vnd.newvoicemedia.v1+json';
const SECRET = btoa('k'.repeat(32));

interface CallOptions {
  method?: string;
  body?: unknown;
  token?: string | null;
  accept?: string | null;
  region?: Region;
  contentType?: string;
}

/** A request as a consumer writes it against VCC's documentation. */
async function call(path: string, options: CallOptions = {}) {
  const region = options.region ?? 'emea';
  const token =
    options.token === undefined ? twin.issueToken({ clientId: 'admin', region }) : options.token;
  const headers: Record<string, string> = {};
  if (token !== null) headers['authorization'] = `bearer ${token}`;
  if (options.accept !== null) headers['accept'] = options.accept ?? V1;
  if (options.body !== undefined)
    headers['content-type'] = options.contentType ?? 'application/json';
  const response = await fetch(`https://${region}.api.newvoicemedia.com/webhooks${path}`, {
    method: options.method ?? 'GET',
    headers,
    ...(options.body === undefined
      ? {}
      : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads any JSON body
  const body = (await response.json()) as any;
  return { status: response.status, headers: response.headers, body };
}

const NEW = { name: 'my-app', url: 'https://my-app.example.com/vcc', events: ['channel.*'] };

describe('GET /event-types', () => {
  it('lists every event type with its description and the JSON Schema of its data', async () => {
    const { status, body } = await call('/event-types');
    expect(status).toBe(200);
    expect(body.eventTypes).toHaveLength(EVENT_TYPES.length);
    const connected = body.eventTypes.find(
      (type: { name: string }) => type.name === 'channel.connected.v0',
    );
    expect(connected.description).toMatch(/connected/);
    expect(connected.jsonSchema).toEqual(eventDataSchema(eventTypeInfo('channel.connected.v0')!));
    expect(connected.jsonSchema).toMatchObject({
      type: 'object',
      title: 'channel.connected.v0',
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      required: ['timestamp', 'channel'],
    });
    expect(body.eventTypes.map((type: { name: string }) => type.name)).toContain(
      'channel.retrieved.v1',
    );
  });
});

describe('creating a subscription', () => {
  it('accepts agent presence events, as in VCC’s own create-subscription example', async () => {
    const { status, body } = await call('/subscriptions', {
      method: 'POST',
      body: { ...NEW, events: ['agent.presencechanged.v1'] },
    });
    expect(status).toBe(200);
    expect(body.events).toEqual(['agent.presencechanged.v1']);
    const wildcard = await call('/subscriptions', {
      method: 'POST',
      body: { ...NEW, name: 'agents', events: ['agent.*'] },
    });
    expect(wildcard.status).toBe(200);
  });

  it('answers 200 with the subscription and a generated 32-byte base64 secret', async () => {
    const { status, body, headers } = await call('/subscriptions', { method: 'POST', body: NEW });
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('max-age=5, must-revalidate, private');
    expect(Object.keys(body)).toEqual([
      'subscriptionId',
      'name',
      'url',
      'events',
      'enabled',
      'secret',
    ]);
    expect(isKsuid(body.subscriptionId)).toBe(true);
    expect(body).toMatchObject({ ...NEW, enabled: true });
    expect(atob(body.secret)).toHaveLength(32);
    expect(twin.subscription(body.subscriptionId)?.secret).toBe(body.secret);
  });

  it('keeps a secret the subscriber supplies, and enabled: false', async () => {
    const { body } = await call('/subscriptions', {
      method: 'POST',
      body: { ...NEW, secret: SECRET, enabled: false },
    });
    expect(body).toMatchObject({ secret: SECRET, enabled: false });
  });

  it('never shows the secret again', async () => {
    const created = (await call('/subscriptions', { method: 'POST', body: NEW })).body;
    const listed = (await call('/subscriptions')).body;
    const got = (await call(`/subscriptions/${created.subscriptionId}`)).body;
    expect(listed).toEqual({
      subscriptions: [
        {
          subscriptionId: created.subscriptionId,
          name: 'my-app',
          url: NEW.url,
          events: NEW.events,
          enabled: true,
        },
      ],
    });
    expect(got).not.toHaveProperty('secret');
  });

  it.each([
    ['a name shorter than 3 characters', { ...NEW, name: 'ab' }, /name must be between 3 and 128/],
    ['a name longer than 128 characters', { ...NEW, name: 'x'.repeat(129) }, /got 129/],
    ['an http URL', { ...NEW, url: 'http://my-app.example.com' }, /url must start with https/],
    ['a relative URL', { ...NEW, url: '/vcc' }, /fully qualified/],
    [
      'an unknown event type',
      { ...NEW, events: ['channel.exploded.v0'] },
      /unknown event types: "channel.exploded.v0"/,
    ],
    ['a wildcard that matches nothing', { ...NEW, events: ['queue.*'] }, /"queue.\*"/],
    ['no events', { ...NEW, events: [] }, /at least one event type/],
    [
      'a secret that is not base64',
      { ...NEW, secret: 'not base64!' },
      /secret is not valid base64/,
    ],
    [
      'a secret shorter than 32 bytes',
      { ...NEW, secret: btoa('short') },
      /secret decodes to 5 bytes; VCC requires at least 32/,
    ],
    ['enabled that is not a boolean', { ...NEW, enabled: 'yes' }, /enabled must be true or false/],
    ['a missing url', { name: 'abc', events: ['*'] }, /url is required/],
  ])('rejects %s with 400 and a message', async (_, body, message) => {
    const response = await call('/subscriptions', { method: 'POST', body });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body)).toEqual(['message']);
    expect(response.body.message).toMatch(message);
    expect(twin.subscriptions()).toEqual([]);
  });

  it('accepts names of exactly 3 and 128 characters', async () => {
    for (const name of ['abc', 'y'.repeat(128)]) {
      expect(
        (await call('/subscriptions', { method: 'POST', body: { ...NEW, name } })).status,
      ).toBe(200);
    }
  });

  it('rejects a second subscription with the same name in the account', async () => {
    await call('/subscriptions', { method: 'POST', body: NEW });
    const again = await call('/subscriptions', {
      method: 'POST',
      body: { ...NEW, url: 'https://other.example' },
    });
    expect(again.status).toBe(400);
    expect(again.body.message).toMatch(/named "my-app" already exists/);
    // Each region is its own account.
    expect(
      (await call('/subscriptions', { method: 'POST', body: NEW, region: 'apac' })).status,
    ).toBe(200);
  });

  it('rejects a body that is not JSON', async () => {
    const notJson = await call('/subscriptions', {
      method: 'POST',
      body: '{"name":',
      contentType: 'application/json',
    });
    expect(notJson).toMatchObject({
      status: 400,
      body: { message: 'The request body is not valid JSON' },
    });
    const text = await call('/subscriptions', {
      method: 'POST',
      body: JSON.stringify(NEW),
      contentType: 'text/plain',
    });
    expect(text.status).toBe(400);
  });
});

describe('reading, updating and deleting', () => {
  it('updates only the fields a PATCH names', async () => {
    const { subscriptionId } = (await call('/subscriptions', { method: 'POST', body: NEW })).body;
    const patched = await call(`/subscriptions/${subscriptionId}`, {
      method: 'PATCH',
      body: { enabled: false, events: ['channel.connected.v0'] },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual({
      subscriptionId,
      name: 'my-app',
      url: NEW.url,
      events: ['channel.connected.v0'],
      enabled: false,
    });
    expect(twin.subscription(subscriptionId)?.enabled).toBe(false);
  });

  it('validates a PATCH with the same rules', async () => {
    const { subscriptionId } = (await call('/subscriptions', { method: 'POST', body: NEW })).body;
    const response = await call(`/subscriptions/${subscriptionId}`, {
      method: 'PATCH',
      body: { url: 'ftp://x' },
    });
    expect(response.status).toBe(400);
    expect(twin.subscription(subscriptionId)?.url).toBe(NEW.url);
  });

  it('deletes a subscription and then answers 404 for it', async () => {
    const { subscriptionId } = (await call('/subscriptions', { method: 'POST', body: NEW })).body;
    const deleted = await call(`/subscriptions/${subscriptionId}`, { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect(deleted.body.subscriptionId).toBe(subscriptionId);
    const gone = await call(`/subscriptions/${subscriptionId}`);
    expect(gone).toMatchObject({
      status: 404,
      body: { message: `Subscription "${subscriptionId}" not found` },
    });
    expect(
      (await call(`/subscriptions/${subscriptionId}`, { method: 'PATCH', body: {} })).status,
    ).toBe(404);
    expect((await call(`/subscriptions/${subscriptionId}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('answers 405 with Allow to a method a path does not have', async () => {
    const response = await call('/subscriptions', { method: 'PUT', body: NEW });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST');
  });
});

describe('authentication, scopes and versions', () => {
  it('answers 401 invalid_request without a token, with the body VCC documents', async () => {
    const response = await call('/subscriptions', { token: null });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      error: 'invalid_request',
      error_description: 'The access token is missing',
    });
  });

  it('answers 401 invalid_token to a token the twin never issued', async () => {
    const response = await call('/subscriptions', { token: 'forged' });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      error: 'invalid_token',
      error_description: 'The access token is invalid or has expired',
    });
  });

  it('answers 401 Unauthorized when the token lacks a scope its credentials hold', async () => {
    const token = twin.issueToken({ clientId: 'admin', scopes: ['admin:read'] });
    const response = await call('/subscriptions', { method: 'POST', body: NEW, token });
    expect(response).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });
  });

  it('answers 403 when the credentials do not hold the scope at all', async () => {
    const token = twin.issueToken({ clientId: 'supervisor' });
    expect((await call('/subscriptions', { token })).status).toBe(200);
    const response = await call('/subscriptions', { method: 'POST', body: NEW, token });
    expect(response).toMatchObject({ status: 403, body: { message: 'Forbidden' } });
    const remove = await call('/subscriptions/x', { method: 'DELETE', token });
    expect(remove.status).toBe(403);
  });

  it.each([
    ['no Accept header', null, 'Version missing from Accept header!'],
    ['Accept: application/json', 'application/json', 'Version missing from Accept header!'],
    [
      'another API version',
      'application/vnd.newvoicemedia.v2+json',
      'Invalid api-version! Valid values: 1',
    ],
  ])('answers 400 to %s, as VCC’s APIs do', async (_, accept, message) => {
    const response = await call('/subscriptions', { accept });
    expect(response).toMatchObject({ status: 400, body: { message } });
  });

  it('answers every region at its own base URL', async () => {
    for (const region of ['emea', 'nam', 'apac'] as const) {
      const created = await call('/subscriptions', { method: 'POST', body: NEW, region });
      expect(created.status).toBe(200);
      expect(twin.subscriptions(region)).toHaveLength(1);
    }
  });
});
