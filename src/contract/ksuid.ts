import type { Uint32Source } from './types.js';

/**
 * KSUIDs as VCC uses them for notification ids: 20 bytes (a 4-byte big-endian count of seconds
 * since {@link KSUID_EPOCH_SECONDS}, then 16 payload bytes) written as 27 base62 characters.
 *
 * Hand-written rather than taken from the `ksuid` package: that package makes about 138k ids/s
 * here, and the engine needs well over 1M/s. Tests round-trip our ids through `ksuid` byte for byte.
 */

/** KSUID time zero, 2014-05-13T16:53:20Z, in Unix seconds. */
export const KSUID_EPOCH_SECONDS = 1_400_000_000;

/** Length of a KSUID's base62 text. */
const KSUID_LENGTH = 27;

/** Length of the random payload after the 4 timestamp bytes. */
const KSUID_PAYLOAD_BYTES = 16;

/** The largest KSUID (2^160 − 1). Base62 digits sort like ASCII, so a plain string compare works. */
export const KSUID_MAX = 'aWgEPTl1tmebfsQzFP4bxwgy80V';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const KSUID_PATTERN = /^[0-9A-Za-z]{27}$/;

// Arithmetic runs on ten 16-bit words, six base62 digits per step: every intermediate value stays
// below 2^53 (62^6 · 2^16 < 2^52), so plain doubles are exact and no BigInt is needed.
const WORDS = 10;
const CHUNK = 62 ** 6;
const PER_CHUNK = 1 / CHUNK;
/** Three base62 digits: a step's six digits are written as two halves that fit in 32 bits. */
const HALF = 62 ** 3;

const ALPHABET_CODES = Uint8Array.from(ALPHABET, (char) => char.charCodeAt(0));
const words = new Float64Array(WORDS);
const digits = new Uint8Array(KSUID_LENGTH);

/**
 * Writes the 27 base62 digits of the 160-bit value held in `words` (consuming it) into `target`
 * from `offset`. Divides by multiplying with the reciprocal and correcting the quotient by one
 * (about a quarter faster than dividing; the encoder was a tenth of `generate`).
 */
function writeDigits(target: Uint8Array, offset: number): void {
  let first = 0;
  // 30 digits in five steps, least significant first; the top three are always zero.
  for (let step = 0; step < 5; step++) {
    let remainder = 0;
    for (let i = first; i < WORDS; i++) {
      const acc = remainder * 65536 + words[i]!;
      let quotient = Math.floor(acc * PER_CHUNK);
      remainder = acc - quotient * CHUNK;
      if (remainder < 0) {
        quotient--;
        remainder += CHUNK;
      } else if (remainder >= CHUNK) {
        quotient++;
        remainder -= CHUNK;
      }
      words[i] = quotient;
    }
    while (first < WORDS && words[first] === 0) first++;
    const low = remainder % HALF;
    let half = low;
    for (let k = offset + 26 - step * 6, n = 0; n < 6 && k >= offset; k--, n++) {
      if (n === 3) half = (remainder - low) / HALF;
      const quotient = (half / 62) | 0;
      target[k] = ALPHABET_CODES[half - quotient * 62]!;
      half = quotient;
    }
  }
}

/** Encodes the 160-bit value held in `words` (which it consumes). */
function encodeWords(): string {
  writeDigits(digits, 0);
  // Explicit arguments: about twice as fast as concatenating characters or spreading an array.
  const d = digits;
  // prettier-ignore
  return String.fromCharCode(d[0]!, d[1]!, d[2]!, d[3]!, d[4]!, d[5]!, d[6]!, d[7]!, d[8]!, d[9]!, d[10]!, d[11]!, d[12]!, d[13]!, d[14]!, d[15]!, d[16]!, d[17]!, d[18]!, d[19]!, d[20]!, d[21]!, d[22]!, d[23]!, d[24]!, d[25]!, d[26]!);
}

function setPayloadWords(w0: number, w1: number, w2: number, w3: number): void {
  words[2] = w0 >>> 16;
  words[3] = w0 & 0xffff;
  words[4] = w1 >>> 16;
  words[5] = w1 & 0xffff;
  words[6] = w2 >>> 16;
  words[7] = w2 & 0xffff;
  words[8] = w3 >>> 16;
  words[9] = w3 & 0xffff;
}

/**
 * A KSUID from its second and its payload as four big-endian 32-bit words (payload bytes 0–3,
 * 4–7, 8–11, 12–15).
 */
export function ksuidFromWords(
  unixSeconds: number,
  w0: number,
  w1: number,
  w2: number,
  w3: number,
): string {
  setSeconds(unixSeconds);
  setPayloadWords(w0, w1, w2, w3);
  return encodeWords();
}

/**
 * Writes the 27 ASCII characters of {@link ksuidFromWords}'s KSUID into `target` at `offset`,
 * for serialisers that build bytes without strings. Returns the offset after it.
 */
export function writeKsuid(
  target: Uint8Array,
  offset: number,
  unixSeconds: number,
  w0: number,
  w1: number,
  w2: number,
  w3: number,
): number {
  setSeconds(unixSeconds);
  setPayloadWords(w0, w1, w2, w3);
  writeDigits(target, offset);
  return offset + KSUID_LENGTH;
}

function setSeconds(unixSeconds: number): void {
  const ksuidSeconds = unixSeconds - KSUID_EPOCH_SECONDS;
  if (!Number.isInteger(ksuidSeconds) || ksuidSeconds < 0 || ksuidSeconds > 0xffffffff) {
    throw new RangeError(`KSUID time out of range: ${unixSeconds} Unix seconds`);
  }
  words[0] = ksuidSeconds >>> 16;
  words[1] = ksuidSeconds & 0xffff;
}

/**
 * Encodes a KSUID from its parts.
 * @param unixSeconds whole seconds since 1970 (must fall in the KSUID range, 2014–2150)
 * @param payload the 16 payload bytes
 */
export function encodeKsuid(unixSeconds: number, payload: Uint8Array): string {
  if (payload.length !== KSUID_PAYLOAD_BYTES) {
    throw new RangeError(
      `KSUID payload must be ${KSUID_PAYLOAD_BYTES} bytes, got ${payload.length}`,
    );
  }
  setSeconds(unixSeconds);
  for (let i = 0; i < 8; i++) words[i + 2] = (payload[2 * i]! << 8) | payload[2 * i + 1]!;
  return encodeWords();
}

/** What a KSUID holds. */
export interface KsuidParts {
  /** Seconds since 1970 (the KSUID's own clock starts in 2014; this is already shifted). */
  unixSeconds: number;
  /** The same instant as a `Date`. */
  date: Date;
  /** The 16 payload bytes. */
  payload: Uint8Array;
  /** All 20 bytes, timestamp first. */
  bytes: Uint8Array;
}

/** True when `value` is 27 base62 characters that fit in 160 bits. */
export function isKsuid(value: unknown): value is string {
  return typeof value === 'string' && KSUID_PATTERN.test(value) && value <= KSUID_MAX;
}

/** Decodes a KSUID, or returns `undefined` when `value` is not one. */
export function decodeKsuid(value: string): KsuidParts | undefined {
  if (!isKsuid(value)) return undefined;
  const acc = new Float64Array(WORDS);
  // Leading chunk of two digits, then five chunks of five: acc = acc * 62^n + chunk.
  for (let start = 0; start < KSUID_LENGTH;) {
    const length = start === 0 ? 2 : 5;
    let chunk = 0;
    for (let i = start; i < start + length; i++) chunk = chunk * 62 + ALPHABET.indexOf(value[i]!);
    const factor = 62 ** length;
    let carry = chunk;
    for (let i = WORDS - 1; i >= 0; i--) {
      const next = acc[i]! * factor + carry;
      carry = Math.floor(next / 65536);
      acc[i] = next - carry * 65536;
    }
    start += length;
  }
  const bytes = new Uint8Array(20);
  for (let i = 0; i < WORDS; i++) {
    bytes[2 * i] = acc[i]! >>> 8;
    bytes[2 * i + 1] = acc[i]! & 0xff;
  }
  const ksuidSeconds = (acc[0]! * 65536 + acc[1]!) >>> 0;
  const unixSeconds = ksuidSeconds + KSUID_EPOCH_SECONDS;
  return { unixSeconds, date: new Date(unixSeconds * 1000), payload: bytes.slice(4), bytes };
}

/** The Unix second a KSUID was minted in, or `undefined` when `value` is not a KSUID. */
export function ksuidUnixSeconds(value: string): number | undefined {
  return decodeKsuid(value)?.unixSeconds;
}

/** Random words from `crypto.getRandomValues`, fetched in batches (one call per 1,024 words). */
function cryptoUint32Source(): Uint32Source {
  const buffer = new Uint32Array(1024);
  let next = buffer.length;
  return {
    nextUint32() {
      if (next === buffer.length) {
        globalThis.crypto.getRandomValues(buffer);
        next = 0;
      }
      return buffer[next++]!;
    },
  };
}

/** Mints KSUIDs for given instants. */
export type KsuidFactory = (unixSeconds: number) => string;

/**
 * A KSUID factory whose payloads come from `random`: pass the engine's seeded source for ids that
 * repeat under the same seed; the default is cryptographically random.
 *
 * @example
 * const mint = createKsuidFactory();
 * mint(Math.floor(Date.parse('2022-08-30T14:34:36.6134321Z') / 1000));
 */
export function createKsuidFactory(random: Uint32Source = cryptoUint32Source()): KsuidFactory {
  return (unixSeconds) =>
    ksuidFromWords(
      unixSeconds,
      random.nextUint32(),
      random.nextUint32(),
      random.nextUint32(),
      random.nextUint32(),
    );
}
