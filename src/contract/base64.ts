/**
 * Base64 (RFC 4648 §4) and base64url (§5, unpadded) without Node's `Buffer`, so the core runs in
 * browsers too. Decoding is strict: it accepts only canonical text, so a secret pasted with a typo
 * is reported instead of silently turning into another key.
 */

const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function table(alphabet: string): Int16Array {
  const values = new Int16Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) values[alphabet.charCodeAt(i)] = i;
  return values;
}

/** Every pair of characters, indexed by 12 bits: about twice as fast as one character at a time. */
function pairs(alphabet: string): string[] {
  return Array.from({ length: 4096 }, (_, i) => alphabet[i >>> 6]! + alphabet[i & 63]!);
}

const STANDARD_PAIRS = pairs(STANDARD);
const URL_PAIRS = pairs(URL_SAFE);
const STANDARD_VALUES = table(STANDARD);
const URL_VALUES = table(URL_SAFE);
const PAD = 61; // '='

/** Encodes `length` bytes read by `byteAt` (bytes, or the char codes of ASCII text). */
function encode(
  length: number,
  byteAt: (index: number) => number,
  alphabet: string[],
  pad: boolean,
): string {
  const whole = length - (length % 3);
  let text = '';
  for (let i = 0; i < whole; i += 3) {
    const n = (byteAt(i) << 16) | (byteAt(i + 1) << 8) | byteAt(i + 2);
    text += alphabet[n >>> 12]! + alphabet[n & 4095]!;
  }
  const rest = length - whole;
  if (rest === 0) return text;
  const n = (byteAt(whole) << 16) | (rest === 2 ? byteAt(whole + 1) << 8 : 0);
  const quad = alphabet[n >>> 12]! + alphabet[n & 4095]!;
  if (rest === 2) return text + quad.slice(0, 3) + (pad ? '=' : '');
  return text + quad.slice(0, 2) + (pad ? '==' : '');
}

function encodeBytes(bytes: Uint8Array, alphabet: string[], pad: boolean): string {
  return encode(bytes.length, (i) => bytes[i]!, alphabet, pad);
}

/**
 * Decodes canonical base64 text; `undefined` when it is not: a character outside the alphabet,
 * missing or misplaced padding (when `padded`), or non-zero bits after the last byte.
 */
function decode(text: string, values: Int16Array, padded: boolean): Uint8Array | undefined {
  let length = text.length;
  if (padded) {
    if (length % 4 !== 0) return undefined;
    if (length > 0 && text.charCodeAt(length - 1) === PAD) length--;
    if (length > 0 && text.charCodeAt(length - 1) === PAD) length--;
  }
  if (length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((length * 3) / 4));
  let bits = 0;
  let buffer = 0;
  let o = 0;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? values[code]! : -1;
    if (value < 0) return undefined;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (buffer >>> bits) & 0xff;
    }
  }
  // Leftover bits must be zero, or two texts would decode to the same bytes.
  if (bits > 0 && (buffer & ((1 << bits) - 1)) !== 0) return undefined;
  return out;
}

/** Standard base64 with padding, as VCC shows secrets. */
export function encodeBase64(bytes: Uint8Array): string {
  return encodeBytes(bytes, STANDARD_PAIRS, true);
}

/** Decodes standard, padded base64; `undefined` unless the text is canonical. */
export function decodeBase64(text: string): Uint8Array | undefined {
  return decode(text, STANDARD_VALUES, true);
}

/** Unpadded base64url, as JWTs use. */
export function encodeBase64Url(bytes: Uint8Array): string {
  return encodeBytes(bytes, URL_PAIRS, false);
}

const utf8 = new TextEncoder();

/** Unpadded base64url of text's UTF-8 bytes; ASCII text is read without encoding it first. */
export function encodeBase64UrlText(text: string): string {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 127) return encodeBytes(utf8.encode(text), URL_PAIRS, false);
  }
  return encode(text.length, (i) => text.charCodeAt(i), URL_PAIRS, false);
}

/** Decodes unpadded base64url; `undefined` unless the text is canonical. */
export function decodeBase64Url(text: string): Uint8Array | undefined {
  return decode(text, URL_VALUES, false);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lowercase hex. */
export function encodeHex(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i++) text += HEX[bytes[i]!]!;
  return text;
}
