import type { Region, TwinClient } from './types.js';

export type { Region };

/**
 * What the twin knows of VCC's endpoints (facts §3–4): the regions, the OAuth token endpoint on
 * `{region}.cc.vonage.com`, the Webhooks API on `{region}.api.newvoicemedia.com/webhooks`, the
 * media type and scopes it wants, and how notifications are sent.
 */

/** The regions VCC runs in. */
export const REGIONS = ['emea', 'nam', 'apac'] as const satisfies readonly Region[];

/** The OAuth 2 client-credentials token endpoint of a region. */
export function tokenUrl(region: Region): string {
  return `https://${region}.cc.vonage.com/Auth/connect/token`;
}

/** The base URL of a region's Webhooks API (no trailing slash). */
export function webhooksApiUrl(region: Region): string {
  return `https://${region}.api.newvoicemedia.com/webhooks`;
}

/** Narrows a string to a region. */
export function isRegion(value: unknown): value is Region {
  return typeof value === 'string' && (REGIONS as readonly string[]).includes(value);
}

/** The scope each kind of Webhooks API request needs: GET reads, POST/PATCH/DELETE write. */
export const WEBHOOKS_SCOPES = { read: 'admin:read', write: 'admin:write' } as const;

/** VCC's access tokens live two hours (`expires_in: 7200`). */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 7200;

/** The content type VCC sends notifications with (structured-mode CloudEvents). */
export const NOTIFICATION_CONTENT_TYPE = 'application/cloudevents+json';

/** The API credentials a twin accepts when none are given. */
export const DEFAULT_CLIENT: TwinClient = Object.freeze({
  clientId: 'vcc-sim',
  clientSecret: 'vcc-sim-secret',
  scopes: Object.freeze([WEBHOOKS_SCOPES.read, WEBHOOKS_SCOPES.write]),
});
