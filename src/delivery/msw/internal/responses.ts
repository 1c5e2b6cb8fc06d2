/**
 * How VCC's APIs answer, in one place. The bodies come from VCC's documentation (facts §4 and the
 * "Responses (Webhooks API)" and "Responses (Authentication API)" pages); where the documentation is
 * silent the choice is marked **Decision** and listed in the README.
 */

/** Headers every Webhooks API response carries, as VCC documents them. */
const API_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'max-age=5, must-revalidate, private',
};

/** A JSON response with VCC's Webhooks API headers. */
export function apiJson(status: number, body: unknown, headers: Record<string, string> = {}) {
  return apiJsonText(status, JSON.stringify(body), headers);
}

/** {@link apiJson} for a body already serialized. */
export function apiJsonText(status: number, text: string, headers: Record<string, string> = {}) {
  return new Response(text, { status, headers: { ...API_HEADERS, ...headers } });
}

/** `{"message": …}`: the shape of every Webhooks API error but the 401s of a bad token. */
export function apiError(status: number, message: string, headers: Record<string, string> = {}) {
  return apiJson(status, { message }, headers);
}

/** 401 without a bearer token (body exactly as VCC documents it). */
export function missingToken(): Response {
  return apiJson(
    401,
    { error: 'invalid_request', error_description: 'The access token is missing' },
    { 'www-authenticate': 'Bearer' },
  );
}

/** 401 with a token the twin did not issue, or one that has expired (body exactly as documented). */
export function invalidToken(): Response {
  return apiJson(
    401,
    { error: 'invalid_token', error_description: 'The access token is invalid or has expired' },
    { 'www-authenticate': 'Bearer error="invalid_token"' },
  );
}

/**
 * A token without the scope a request needs. VCC documents two cases: the credentials hold the
 * scope but the token was not issued for it (401 `{"message":"Unauthorized"}`), and the credentials
 * do not hold it at all (403). **Decision:** the 403 body is `{"message":"Forbidden"}` (VCC's page
 * shows only that it is a `message`).
 */
export function insufficientScope(scope: string, clientHoldsScope: boolean): Response {
  const header = { 'www-authenticate': `Bearer error="insufficient_scope", scope="${scope}"` };
  return clientHoldsScope
    ? apiError(401, 'Unauthorized', header)
    : apiError(403, 'Forbidden', header);
}

/** An OAuth 2 token endpoint error (RFC 6749 §5.2), as VCC's identity server answers: always 400. */
export function oauthError(error: string, description?: string): Response {
  return new Response(
    JSON.stringify(
      description === undefined ? { error } : { error, error_description: description },
    ),
    {
      status: 400,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        pragma: 'no-cache',
      },
    },
  );
}

/** A successful token response (RFC 6749 §5.1). */
export function oauthToken(accessToken: string, expiresIn: number): Response {
  return new Response(
    JSON.stringify({ token_type: 'bearer', access_token: accessToken, expires_in: expiresIn }),
    {
      status: 200,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        pragma: 'no-cache',
      },
    },
  );
}

/** 405 for a method a path does not have. */
export function methodNotAllowed(allow: readonly string[]): Response {
  return apiError(405, 'Method Not Allowed', { allow: allow.join(', ') });
}

/** The reason phrase of a status, for injected failures without a body. */
export function statusText(status: number): string {
  return STATUS_TEXT[status] ?? 'Error';
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
