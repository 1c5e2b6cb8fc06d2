/**
 * VCC's regions and the base URLs of its APIs in each (facts §4): the OAuth token endpoint lives on
 * `{region}.cc.vonage.com`, the Webhooks API on `{region}.api.newvoicemedia.com/webhooks`.
 */

/** The regions VCC runs in. */
export const REGIONS = ['emea', 'nam', 'apac'] as const;

/** A VCC region. */
export type Region = (typeof REGIONS)[number];

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
