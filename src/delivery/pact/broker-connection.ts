import { VccSimError } from '../../errors.js';
import type { BrokerConnection, BrokerOptions } from './types.js';

/**
 * Who the broker is and how to log in: explicit options first, then the variables every Pact tool
 * reads (`PACT_BROKER_BASE_URL`, `PACT_BROKER_TOKEN`, `PACT_BROKER_USERNAME`/`PACT_BROKER_PASSWORD`).
 * A token means bearer auth (PactFlow); a username means basic auth (the open-source broker).
 */
export function brokerConnection(
  options: BrokerOptions,
  env: Readonly<Record<string, string | undefined>> = {},
): BrokerConnection {
  const url = options.url ?? env['PACT_BROKER_BASE_URL'];
  if (!url) {
    throw new VccSimError(
      'usage',
      'No Pact Broker given: pass --broker-base-url or set PACT_BROKER_BASE_URL.',
    );
  }
  let baseUrl: URL;
  try {
    baseUrl = new URL(url);
  } catch (error) {
    throw new VccSimError('usage', `The broker URL ${JSON.stringify(url)} is not a URL.`, {
      cause: error,
    });
  }
  if (baseUrl.protocol !== 'http:' && baseUrl.protocol !== 'https:') {
    throw new VccSimError(
      'usage',
      `The broker URL must be http or https (got ${baseUrl.protocol}).`,
    );
  }
  if (options.token !== undefined && options.username !== undefined) {
    throw new VccSimError(
      'usage',
      'Give the broker either a token or a username and password, not both.',
    );
  }
  const explicit = options.token !== undefined || options.username !== undefined;
  const token = explicit ? options.token : env['PACT_BROKER_TOKEN'];
  const username = explicit ? options.username : env['PACT_BROKER_USERNAME'];
  const password = explicit ? options.password : env['PACT_BROKER_PASSWORD'];
  // Credentials in the URL itself (https://user:pass@host) are moved into basic auth.
  const urlUser = decodeURIComponent(baseUrl.username);
  const urlPassword = decodeURIComponent(baseUrl.password);
  baseUrl.username = '';
  baseUrl.password = '';
  const href = baseUrl.href.replace(/\/+$/, '');
  if (token) return { baseUrl: href, auth: { type: 'bearer', token } };
  if (username)
    return { baseUrl: href, auth: { type: 'basic', username, password: password ?? '' } };
  if (urlUser)
    return { baseUrl: href, auth: { type: 'basic', username: urlUser, password: urlPassword } };
  return { baseUrl: href };
}

/** The `Authorization` header for a connection, if it has credentials. */
export function authorizationHeader(connection: BrokerConnection): string | undefined {
  const { auth } = connection;
  if (!auth) return undefined;
  if (auth.type === 'bearer') return `Bearer ${auth.token}`;
  return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
}

/** How a connection authenticates, for messages: never the secret itself. */
export function describeAuth(connection: BrokerConnection): string {
  if (!connection.auth) return 'without credentials';
  return connection.auth.type === 'bearer'
    ? 'with a bearer token'
    : `as ${JSON.stringify(connection.auth.username)} (basic auth)`;
}
