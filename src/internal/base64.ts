/**
 * Base64 (RFC 4648 §4) and unpadded base64url (§5) on the platform's `atob`/`btoa`, which browsers
 * and Node 16+ both have, so the core stays free of Node's `Buffer`. `atob` is forgiving (it skips
 * whitespace and accepts missing padding); decoding here is strict, so a secret pasted with a typo
 * is reported instead of silently turning into another key.
 */

/** Canonical standard base64: whole quads, then at most one padded quad. */
const STANDARD = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** Unpadded base64url: any length but 1 modulo 4. */
const URL_SAFE = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2,3})?$/;
/** `String.fromCharCode` takes its arguments on the stack: spread at most this many at once. */
const CHUNK = 0x8000;

function binaryOf(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return binary;
}

function toUrlSafe(base64: string): string {
  return base64.replace(/=+$/, '').replaceAll('+', '-').replaceAll('/', '_');
}

/** Standard base64 with padding, as VCC shows secrets. */
export function encodeBase64(bytes: Uint8Array): string {
  return btoa(binaryOf(bytes));
}

/**
 * Decodes standard, padded base64; `undefined` unless the text is canonical: only the alphabet,
 * padding where it belongs, and zero bits after the last byte (else two texts would be one key).
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (!STANDARD.test(text)) return undefined;
  const binary = atob(text);
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return btoa(binary) === text ? bytes : undefined;
}

/** Unpadded base64url, as JWTs use. */
export function encodeBase64Url(bytes: Uint8Array): string {
  return toUrlSafe(encodeBase64(bytes));
}

const utf8 = new TextEncoder();

/** Unpadded base64url of text's UTF-8 bytes (ASCII text goes to `btoa` as it is). */
export function encodeBase64UrlText(text: string): string {
  // eslint-disable-next-line no-control-regex -- the ASCII range, by definition
  const ascii = /^[\u0000-\u007f]*$/.test(text);
  return toUrlSafe(ascii ? btoa(text) : encodeBase64(utf8.encode(text)));
}

/** Decodes unpadded base64url; `undefined` unless the text is canonical. */
export function decodeBase64Url(text: string): Uint8Array | undefined {
  if (!URL_SAFE.test(text)) return undefined;
  const standard = text.replaceAll('-', '+').replaceAll('_', '/');
  return decodeBase64(standard + '='.repeat((4 - (standard.length % 4)) % 4));
}
