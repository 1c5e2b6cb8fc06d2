/**
 * A notification as an HTTP request in one of the CloudEvents HTTP binding's modes: the body text
 * and the headers, the same on every attempt (the signature aside). VCC sends structured mode;
 * binary mode is there for consumers that take it.
 */

/** VCC's content type (structured mode). */
export const STRUCTURED_CONTENT_TYPE = 'application/cloudevents+json';

/** How a notification travels: the whole event as the body (VCC's way), or `ce-*` headers. */
export type CloudEventMode = 'structured' | 'binary';

/** The body and headers of one notification; headers are a flat `[name, value, …]` list. */
export type CloudEventRequest = {
  body: string;
  headers: string[];
};

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
export function cloudEventRequest(notification: object, mode: CloudEventMode): CloudEventRequest {
  if (mode === 'structured') {
    return {
      body: JSON.stringify(notification),
      headers: ['content-type', STRUCTURED_CONTENT_TYPE],
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
  headers.push('content-type', contentType);
  return { body: data === undefined ? '' : JSON.stringify(data), headers };
}
