import { VccSimError } from '../errors.js';

/**
 * Parses a webhook URL: http or https only.
 * @throws {VccSimError} code `usage` naming the value (masked) and the fix.
 */
export function parseWebhookUrl(value: string | URL): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch (error) {
    throw new VccSimError(
      'usage',
      `The webhook URL ${JSON.stringify(maskUnparsedUrl(String(value)))} is not a valid URL; give one such as http://127.0.0.1:3000/webhooks.`,
      { cause: error },
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new VccSimError(
      'usage',
      `The webhook URL must be http or https (got ${JSON.stringify(url.protocol)}).`,
    );
  }
  return url;
}

/** Text that failed to parse as a URL, with what looks like `user:password@` masked. */
function maskUnparsedUrl(text: string): string {
  return text
    .replace(/^([^:/?#]*:\/\/[^:/?#@]*:)[^@/?#]*@/, '$1***@')
    .replace(/([?&][^=&#]*=)[^&#]*/g, '$1***');
}

/** The URL for output: a password and query values may be credentials, so they are masked. */
export function maskUrl(url: URL): string {
  const masked = new URL(url.href);
  if (masked.password) masked.password = '***';
  for (const key of [...new Set(masked.searchParams.keys())]) masked.searchParams.set(key, '***');
  // URLSearchParams percent-encodes the mask; show it as typed.
  return masked.href.replaceAll('%2A%2A%2A', '***');
}

/** {@link maskUrl} for text; text that is not a URL is returned as is. */
export function maskWebhookUrl(url: string): string {
  try {
    return maskUrl(new URL(url));
  } catch {
    return url;
  }
}
