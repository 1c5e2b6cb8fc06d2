import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createVccTwin } from './index.js';

let clock = Date.parse('2025-01-01T00:00:00Z');
const twin = createVccTwin({
  clients: [
    { clientId: 'admin', clientSecret: 's3cret', scopes: ['admin:read', 'admin:write'] },
    { clientId: 'reader', clientSecret: 'r3ader', scopes: ['admin:read', 'stats'] },
  ],
  now: () => clock,
});
const server = setupServer(...twin.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  twin.reset();
});
afterAll(() => server.close());

const TOKEN_URL = 'https://emea.cc.vonage.com/Auth/connect/token';

function requestToken(form: Record<string, string>, init: RequestInit = {}) {
  return fetch(TOKEN_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
    ...init,
  });
}

const GOOD = {
  grant_type: 'client_credentials',
  client_id: 'admin',
  client_secret: 's3cret',
  scope: 'admin:read',
};

describe('the OAuth token endpoint', () => {
  it('issues a two-hour bearer token for valid client credentials', async () => {
    const response = await requestToken(GOOD);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 7200 });
    expect(body['access_token']).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('accepts credentials in an HTTP Basic header (client_secret_basic)', async () => {
    const response = await requestToken(
      { grant_type: 'client_credentials', scope: 'admin:write' },
      {
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${btoa('admin:s3cret')}`,
        },
      },
    );
    expect(response.status).toBe(200);
  });

  it.each([
    ['a wrong secret', { ...GOOD, client_secret: 'nope' }],
    ['an unknown client', { ...GOOD, client_id: 'stranger' }],
    ['no client id', { grant_type: 'client_credentials', client_secret: 's3cret', scope: 'x' }],
  ])('answers invalid_client to %s', async (_, form) => {
    const response = await requestToken(form);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'invalid_client' });
  });

  it('answers unsupported_grant_type to another grant type, as VCC documents', async () => {
    const response = await requestToken({ ...GOOD, grant_type: 'password' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'unsupported_grant_type',
      error_description: 'Invalid grant_type',
    });
  });

  it('answers invalid_scope when no scope is asked for, as VCC documents', async () => {
    const { scope: _, ...withoutScope } = GOOD;
    const response = await requestToken(withoutScope);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'invalid_scope',
      error_description: 'You must specify a scope',
    });
  });

  it('answers invalid_scope to a scope the credentials do not hold', async () => {
    const response = await requestToken({
      ...GOOD,
      client_id: 'reader',
      client_secret: 'r3ader',
      scope: 'admin:read admin:write',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'invalid_scope',
      error_description: '"admin:write" is an invalid scope',
    });
  });

  it('answers invalid_request to a body that is not a form', async () => {
    const response = await fetch(TOKEN_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(GOOD),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('answers 405 to other methods', async () => {
    const response = await fetch(TOKEN_URL);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('issues tokens that expire after two hours on the twin clock', async () => {
    const { access_token: token } = (await (await requestToken(GOOD)).json()) as {
      access_token: string;
    };
    const list = () =>
      fetch('https://emea.api.newvoicemedia.com/webhooks/subscriptions', {
        headers: {
          authorization: `bearer ${token}`,
          accept: 'application/vnd.newvoicemedia.v1+json',
        },
      });
    expect((await list()).status).toBe(200);
    clock += 7200 * 1000;
    const expired = await list();
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({
      error: 'invalid_token',
      error_description: 'The access token is invalid or has expired',
    });
  });

  it('issues tokens valid only in the region that issued them', async () => {
    const token = twin.issueToken({ region: 'nam' });
    const response = await fetch('https://emea.api.newvoicemedia.com/webhooks/subscriptions', {
      headers: {
        authorization: `bearer ${token}`,
        accept: 'application/vnd.newvoicemedia.v1+json',
      },
    });
    expect(response.status).toBe(401);
  });
});
