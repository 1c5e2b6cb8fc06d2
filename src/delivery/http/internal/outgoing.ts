import type { VccNotification } from '../../../contract/index.js';
import type { DeliveryMode } from '../types.js';

/**
 * The body and headers of a notification, the same on every attempt (the signature aside).
 * Headers are a flat `[name, value, …]` list, which undici takes faster than an object.
 */
export type Outgoing = {
  body: Buffer;
  headers: string[];
};

/** VCC's content type (structured mode). */
export const STRUCTURED_CONTENT_TYPE = 'application/cloudevents+json';

// CloudEvents HTTP binding §3.1.3.2: percent-encode space, `"`, `%` and anything outside printable ASCII.
const NEEDS_ENCODING = /[^\x21-\x7e]|["%]/;

function headerValue(value: string): string {
  if (!NEEDS_ENCODING.test(value)) return value;
  let encoded = '';
  for (const char of value) {
    if (/[\x21-\x7e]/.test(char) && char !== '"' && char !== '%') encoded += char;
    else
      for (const byte of new TextEncoder().encode(char))
        encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

/**
 * The request for one notification: in structured mode the exact JSON of the whole event; in
 * binary mode each attribute as a `ce-*` header and `data` as the body, typed by `datacontenttype`.
 */
export function outgoingFor(
  notification: VccNotification,
  mode: DeliveryMode,
  userAgent: string,
): Outgoing {
  if (mode === 'structured') {
    return {
      body: Buffer.from(JSON.stringify(notification)),
      headers: ['content-type', STRUCTURED_CONTENT_TYPE, 'user-agent', userAgent],
    };
  }
  const headers: string[] = [];
  let contentType = 'application/json';
  let data: unknown;
  for (const [key, value] of Object.entries(notification as Record<string, unknown>)) {
    if (key === 'data') data = value;
    else if (key === 'datacontenttype' && typeof value === 'string') contentType = value;
    else if (value !== undefined && value !== null && typeof value !== 'object') {
      headers.push(`ce-${key}`, headerValue(String(value)));
    }
  }
  headers.push('content-type', contentType, 'user-agent', userAgent);
  return { body: Buffer.from(data === undefined ? '' : JSON.stringify(data)), headers };
}
