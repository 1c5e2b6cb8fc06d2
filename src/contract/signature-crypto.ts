/**
 * The cryptography webhook signatures need, behind an interface: the core stays pure with WebCrypto
 * as the default (Node 20+ and browsers), and the HTTP adapter plugs in `node:crypto`, about four
 * times faster at HMAC (see `src/delivery/http/node-crypto.ts`).
 */

/** A value, or a promise of it: WebCrypto is asynchronous, `node:crypto` is not. */
export type MaybePromise<T> = T | Promise<T>;

/** Whether a {@link MaybePromise} (or a `void` result) is the promise: await only then, and save a hop. */
export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as Promise<T> | undefined)?.then === 'function';
}

/**
 * HMAC-SHA256 under one key, prepared once (WebCrypto imports the key a single time), as unpadded
 * base64url: the form a JWT carries, which `node:crypto` produces without an intermediate buffer.
 * The message is ASCII text (a JWT signing input).
 */
export type HmacSha256 = (message: string) => MaybePromise<string>;

/** The primitives of VCC's signature: HMAC-SHA256, SHA-256, random bytes and UUIDs. */
export interface SignatureCrypto {
  /** A short name for messages and benches (`webcrypto`, `node`). */
  readonly name: string;
  /** Prepares HMAC-SHA256 with `key`; the returned function computes MACs under it. */
  hmacSha256(key: Uint8Array): HmacSha256;
  /** SHA-256 of `data`. */
  sha256(data: Uint8Array): MaybePromise<Uint8Array>;
  /** `length` cryptographically random bytes. */
  randomBytes(length: number): Uint8Array;
  /** A random (version 4) UUID, lowercase. */
  randomUuid(): string;
  /**
   * Optional: unpadded base64url of text's UTF-8 bytes, when the platform has a faster one than
   * the core's own (Node's `Buffer`).
   */
  base64UrlText?(text: string): string;
  /** Optional: SHA-256 as lowercase hex, when the platform makes it directly. */
  sha256Hex?(data: Uint8Array): string;
  /**
   * Optional: SHA-256 of text's UTF-8 bytes as lowercase hex, when the platform hashes text
   * without a copy in JavaScript (Node's `crypto.hash`: 2.4× faster than encoding first).
   */
  sha256HexText?(text: string): string;
}

import { encodeBase64Url } from '../internal/base64.js';

const encoder = new TextEncoder();

function subtle(): typeof globalThis.crypto.subtle {
  const found = globalThis.crypto?.subtle;
  if (!found) throw new Error('WebCrypto (globalThis.crypto.subtle) is not available here');
  return found;
}

/** `crypto.subtle` wants an ArrayBuffer-backed view. */
function bufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer
    ? (bytes as Uint8Array<ArrayBuffer>)
    : new Uint8Array(bytes);
}

/** {@link SignatureCrypto} on WebCrypto (`globalThis.crypto`): works in Node 20+ and browsers. */
export const webCrypto: SignatureCrypto = {
  name: 'webcrypto',
  hmacSha256(key) {
    const imported = subtle().importKey(
      'raw',
      bufferSource(key),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    return async (message) =>
      encodeBase64Url(
        new Uint8Array(await subtle().sign('HMAC', await imported, encoder.encode(message))),
      );
  },
  async sha256(data) {
    return new Uint8Array(await subtle().digest('SHA-256', bufferSource(data)));
  },
  randomBytes(length) {
    const bytes = new Uint8Array(length);
    // getRandomValues fills at most 65,536 bytes per call.
    for (let i = 0; i < length; i += 65_536) {
      globalThis.crypto.getRandomValues(bytes.subarray(i, Math.min(length, i + 65_536)));
    }
    return bytes;
  },
  randomUuid() {
    return globalThis.crypto.randomUUID();
  },
};
