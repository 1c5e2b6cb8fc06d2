import { encodeBase64Url } from '../../../internal/base64.js';
import { VccSimError } from '../../../errors.js';
import { ACCESS_TOKEN_LIFETIME_SECONDS, type Region } from '../vcc.js';
import type { TwinRandom } from './random.js';
import {
  insufficientScope,
  invalidToken,
  missingToken,
  oauthError,
  oauthToken,
} from './responses.js';
import type { IssueTokenOptions, TwinClient } from '../types.js';

interface IssuedToken {
  clientId: string;
  scopes: ReadonlySet<string>;
  region: Region;
  /** Milliseconds since 1970. */
  expiresAt: number;
}

/** Who made an authorized request. */
export interface Caller {
  clientId: string;
}

const FORM = 'application/x-www-form-urlencoded';

/**
 * The twin's identity server: API credentials, the OAuth 2 client-credentials token endpoint
 * (`/Auth/connect/token`), and the bearer-token check every Webhooks API request goes through.
 *
 * It answers like VCC's identity server (an IdentityServer): every token error is a 400 with an
 * RFC 6749 `error` code; the bodies of the documented ones are VCC's own. Tokens are opaque, valid
 * for two hours on the twin's clock, and only in the region that issued them (**Decision**).
 */
export class Authority {
  private readonly clients = new Map<string, TwinClient>();
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    private readonly now: () => number,
    private readonly random: TwinRandom,
  ) {}

  /** Forgets every client and token. */
  clear(): void {
    this.clients.clear();
    this.tokens.clear();
  }

  addClient(client: TwinClient): void {
    this.clients.set(client.clientId, { ...client, scopes: [...client.scopes] });
  }

  listClients(): TwinClient[] {
    return [...this.clients.values()].map((client) => ({ ...client, scopes: [...client.scopes] }));
  }

  /** Issues a token without the OAuth round trip (for tests that get tokens elsewhere). */
  issue(region: Region, options: IssueTokenOptions = {}): string {
    const client =
      options.clientId === undefined
        ? this.clients.values().next().value
        : this.clients.get(options.clientId);
    if (!client) {
      throw new VccSimError(
        'usage',
        `The twin has no API client ${JSON.stringify(options.clientId ?? '(any)')}; add it with twin.addClient().`,
      );
    }
    return this.mint(client.clientId, options.scopes ?? client.scopes, region);
  }

  /** `POST /Auth/connect/token`. */
  async tokenEndpoint(request: Request, region: Region): Promise<Response> {
    const type = request.headers.get('content-type') ?? '';
    if (!type.toLowerCase().startsWith(FORM)) {
      return oauthError('invalid_request', `The content type must be ${FORM}`);
    }
    const form = new URLSearchParams(await request.text());
    const client = this.authenticateClient(request, form);
    if (!client) return oauthError('invalid_client');
    if (form.get('grant_type') !== 'client_credentials') {
      return oauthError('unsupported_grant_type', 'Invalid grant_type');
    }
    const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
    if (scopes.length === 0) return oauthError('invalid_scope', 'You must specify a scope');
    const refused = scopes.find((scope) => !client.scopes.includes(scope));
    if (refused !== undefined) {
      return oauthError('invalid_scope', `${JSON.stringify(refused)} is an invalid scope`);
    }
    return oauthToken(this.mint(client.clientId, scopes, region), ACCESS_TOKEN_LIFETIME_SECONDS);
  }

  /**
   * Checks a Webhooks API request's bearer token for `scope`: the caller, or the 401/403 response
   * VCC gives.
   */
  authorize(request: Request, region: Region, scope: string): Caller | Response {
    const match = /^bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
    if (!match) return missingToken();
    const token = this.tokens.get(match[1]!);
    if (!token || token.region !== region || token.expiresAt <= this.now()) return invalidToken();
    if (!token.scopes.has(scope)) {
      const holds = this.clients.get(token.clientId)?.scopes.includes(scope) ?? false;
      return insufficientScope(scope, holds);
    }
    return { clientId: token.clientId };
  }

  /** Credentials from HTTP Basic (`client_secret_basic`) or the form (`client_secret_post`). */
  private authenticateClient(request: Request, form: URLSearchParams): TwinClient | undefined {
    let id = form.get('client_id');
    let secret = form.get('client_secret');
    const basic = /^basic\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '');
    if (basic) {
      let decoded: string;
      try {
        decoded = atob(basic[1]!);
      } catch {
        return undefined;
      }
      const colon = decoded.indexOf(':');
      if (colon < 0) return undefined;
      try {
        id = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
        secret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' '));
      } catch {
        return undefined;
      }
    }
    if (id === null || secret === null) return undefined;
    const client = this.clients.get(id);
    return client && client.clientSecret === secret ? client : undefined;
  }

  private mint(clientId: string, scopes: readonly string[], region: Region): string {
    const token = encodeBase64Url(this.random.bytes(32));
    this.tokens.set(token, {
      clientId,
      scopes: new Set(scopes),
      region,
      expiresAt: this.now() + ACCESS_TOKEN_LIFETIME_SECONDS * 1000,
    });
    return token;
  }
}
