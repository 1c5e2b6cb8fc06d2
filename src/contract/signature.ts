import { VccSimError } from '../errors.js';
import {
  decodeBase64,
  decodeBase64Url,
  encodeBase64,
  encodeBase64UrlText,
} from '../internal/base64.js';
import { encodeHex } from '../internal/hex.js';
import {
  isPromise,
  webCrypto,
  type HmacSha256,
  type MaybePromise,
  type SignatureCrypto,
} from './signature-crypto.js';

/**
 * VCC's webhook signature (facts §3): `Vonage-Signature: Bearer <JWT>`, an HS256 JWT keyed with the
 * subscription secret decoded from base64, whose `payload_hash` claim is the lowercase hex SHA-256
 * of the exact body bytes, valid for five minutes (`iat`, `exp`), with a fresh `jti` (uuid) on every
 * delivery attempt.
 *
 * The JWT is assembled here rather than by a JWT library: its header and claims are fixed, and
 * `jose`'s `SignJWT` (asynchronous, on WebCrypto) signed 11–16k tokens/s here against 225–265k/s
 * for this signer on `node:crypto`, a pusher's hot path. Tests check every token against `jose`.
 */

/** The request header that carries the signature. */
export const SIGNATURE_HEADER = 'Vonage-Signature';

/** How long a signature is valid: `exp` = `iat` + 300 seconds. */
export const SIGNATURE_LIFETIME_SECONDS = 300;

/** The shortest secret VCC accepts, in bytes after base64 decoding. */
export const MIN_SECRET_BYTES = 32;

/**
 * How far in the future a token's `iat` may be, past the clock tolerance, before it is refused: a
 * sender's clock a little ahead is common, a token issued an hour from now is not VCC's.
 */
const MAX_FUTURE_ISSUE_SECONDS = 60;

/** The claims of a signature token. */
export type SignatureClaims = {
  /** Issued at, Unix seconds. */
  iat: number;
  /** Expires at, Unix seconds (`iat` + 300). */
  exp: number;
  /** Not before, Unix seconds: VCC sends none, but a token that has one is not valid before it. */
  nbf?: number;
  /** A unique token id (uuid); VCC's receivers need not check it, so verification accepts none. */
  jti?: string;
  /** Lowercase hex SHA-256 of the request body. */
  payload_hash: string;
};

/** Why a signature did not verify; a receiver flags each differently. */
export type SignatureProblem =
  /** No `Vonage-Signature` header. */
  | 'missing'
  /** Not `Bearer <JWT>`, not a well-formed HS256 JWT, or claims of the wrong shape. */
  | 'malformed'
  /** The JWT was not signed with this secret. */
  | 'wrong-signature'
  /** Signed with this secret, but `exp` has passed (a stale or replayed request). */
  | 'expired'
  /**
   * Signed with this secret, but not valid yet: `nbf` is in the future, or `iat` is more than
   * {@link MAX_FUTURE_ISSUE_SECONDS} ahead (both past the clock tolerance).
   */
  | 'not-yet-valid'
  /** Signed with this secret and current, but `payload_hash` is not the body's hash. */
  | 'hash-mismatch';

/** The outcome of {@link WebhookVerifier.verify}. */
export type SignatureVerification =
  | { valid: true; claims: SignatureClaims }
  | {
      valid: false;
      problem: SignatureProblem;
      /** What is wrong, for a person; never contains the secret. */
      message: string;
      /** The claims, when the token could be decoded. */
      claims?: SignatureClaims;
    };

/** A request body: its exact bytes, or text (encoded as UTF-8). */
export type BodyBytes = Uint8Array | string;

/** Options shared by signers and verifiers. */
export interface SignatureOptions {
  /** The primitives to use (default WebCrypto; the HTTP adapter passes `node:crypto`). */
  crypto?: SignatureCrypto;
  /** Milliseconds since 1970 (default `Date.now`). */
  now?: () => number;
}

/** Options of one {@link WebhookSigner.sign} call. */
export interface SignOptions {
  /** `iat` in Unix seconds (default: the signer's clock); chaos tests use an old one. */
  issuedAt?: number;
  /** The body's hash when the caller already has it (retries reuse it). */
  payloadHash?: string;
  /** A given `jti` (default: a random uuid). */
  jti?: string;
}

/** Signs request bodies with one secret. */
export interface WebhookSigner {
  /** The `Vonage-Signature` header value, `Bearer <JWT>`, for `body`. */
  sign(body: BodyBytes, options?: SignOptions): Promise<string>;
  /** The `payload_hash` of `body`: lowercase hex SHA-256. */
  payloadHash(body: BodyBytes): Promise<string>;
  /**
   * {@link WebhookSigner.payloadHash} for hot paths: synchronous when the crypto is (`node:crypto`),
   * so a sender signing tens of thousands of requests a second pays no promise per call.
   */
  hashBody(body: BodyBytes): MaybePromise<string>;
  /** The header value for a body whose `payload_hash` is known; synchronous when the crypto is. */
  signHash(payloadHash: string, options?: Omit<SignOptions, 'payloadHash'>): MaybePromise<string>;
}

/** Verifies `Vonage-Signature` headers with one secret. */
export interface WebhookVerifier {
  /** Checks a header value (`undefined` or `null` when absent) against the exact body received. */
  verify(header: string | null | undefined, body: BodyBytes): Promise<SignatureVerification>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });
const JWT_HEADER = encodeBase64UrlText('{"alg":"HS256","typ":"JWT"}');
const BEARER = /^Bearer +([^ ]+) *$/i;
const HEX_SHA256 = /^[0-9a-f]{64}$/;

function bytesOf(body: BodyBytes): Uint8Array {
  return typeof body === 'string' ? encoder.encode(body) : body;
}

/** Compares in time independent of where the inputs differ. */
function equalText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/** Why a secret is unusable, or `undefined` when it is fine. Never repeats the secret. */
export function webhookSecretProblem(secret: string): string | undefined {
  if (secret === '') return 'is empty';
  const key = decodeBase64(secret);
  if (!key) return 'is not valid base64 (standard alphabet A–Z a–z 0–9 + /, padded with =)';
  if (key.length < MIN_SECRET_BYTES) {
    return `decodes to ${key.length} bytes; VCC requires at least ${MIN_SECRET_BYTES}`;
  }
  return undefined;
}

/**
 * The HMAC key of a secret: its base64 decoding.
 * @throws {VccSimError} code `usage` when the secret is not base64 or shorter than 32 bytes.
 */
export function webhookSecretKey(secret: string): Uint8Array {
  const problem = webhookSecretProblem(secret);
  if (problem) {
    throw new VccSimError(
      'usage',
      `The webhook secret ${problem}. Use a base64 text of at least ${MIN_SECRET_BYTES} bytes, or omit it to have one generated.`,
    );
  }
  return decodeBase64(secret)!;
}

/** A new secret as VCC makes one: 32 random bytes, base64. */
export function generateWebhookSecret(crypto: SignatureCrypto = webCrypto): string {
  return encodeBase64(crypto.randomBytes(MIN_SECRET_BYTES));
}

/**
 * A signer for one secret. Every call makes a fresh token (new `jti`, current `iat`).
 * @throws {VccSimError} code `usage` when the secret is unusable.
 * @example
 * const signer = createWebhookSigner(secret);
 * const body = JSON.stringify(notification);
 * await fetch(url, { method: 'POST', body, headers: { 'Vonage-Signature': await signer.sign(body) } });
 */
export function createWebhookSigner(secret: string, options: SignatureOptions = {}): WebhookSigner {
  const crypto = options.crypto ?? webCrypto;
  const now = options.now ?? Date.now;
  const hmac = crypto.hmacSha256(webhookSecretKey(secret));
  const base64Url = crypto.base64UrlText?.bind(crypto) ?? encodeBase64UrlText;
  const hashBody = (body: BodyBytes): MaybePromise<string> => {
    if (typeof body === 'string' && crypto.sha256HexText) return crypto.sha256HexText(body);
    if (crypto.sha256Hex) return crypto.sha256Hex(bytesOf(body));
    const digest = crypto.sha256(bytesOf(body));
    return isPromise(digest) ? digest.then(encodeHex) : encodeHex(digest);
  };
  const signHash = (
    hash: string,
    signOptions: Omit<SignOptions, 'payloadHash'> = {},
  ): MaybePromise<string> => {
    const iat = signOptions.issuedAt ?? Math.floor(now() / 1000);
    const jti =
      signOptions.jti === undefined ? `"${crypto.randomUuid()}"` : JSON.stringify(signOptions.jti);
    const claims = `{"iat":${iat},"exp":${iat + SIGNATURE_LIFETIME_SECONDS},"jti":${jti},"payload_hash":"${hash}"}`;
    const input = `${JWT_HEADER}.${base64Url(claims)}`;
    const mac = hmac(input);
    return isPromise(mac)
      ? mac.then((text) => `Bearer ${input}.${text}`)
      : `Bearer ${input}.${mac}`;
  };
  return {
    hashBody,
    signHash,
    payloadHash: async (body) => hashBody(body),
    async sign(body, signOptions = {}) {
      const hash = signOptions.payloadHash ?? (await hashBody(body));
      return signHash(hash, signOptions);
    },
  };
}

/** Options of {@link createWebhookVerifier}. */
export interface VerifierOptions extends SignatureOptions {
  /** Seconds of clock skew to allow past `exp` and before `nbf` (default 0, as `jose`). */
  clockToleranceSeconds?: number;
}

function parseJsonPart(part: string): Record<string, unknown> | undefined {
  const bytes = decodeBase64Url(part);
  if (!bytes) return undefined;
  try {
    const value: unknown = JSON.parse(decoder.decode(bytes));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function claimsOf(payload: Record<string, unknown>): SignatureClaims | string {
  const { iat, exp, nbf, jti, payload_hash: hash } = payload;
  if (typeof iat !== 'number' || !Number.isFinite(iat)) return 'iat is not a number';
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return 'exp is not a number';
  if (nbf !== undefined && (typeof nbf !== 'number' || !Number.isFinite(nbf))) {
    return 'nbf is not a number';
  }
  if (jti !== undefined && typeof jti !== 'string') return 'jti is not a string';
  if (typeof hash !== 'string' || !HEX_SHA256.test(hash)) {
    return 'payload_hash is not a lowercase hex SHA-256';
  }
  return {
    iat,
    exp,
    ...(nbf === undefined ? {} : { nbf }),
    ...(jti === undefined ? {} : { jti }),
    payload_hash: hash,
  };
}

/**
 * A verifier for one secret: checks the JWT's HS256 signature, then `exp`, `nbf` and `iat` (not
 * issued in the future), then `payload_hash` against the body, and says which failed. It keeps no
 * state: refusing a replayed token (`jti` seen before) is the receiver's job.
 * @throws {VccSimError} code `usage` when the secret is unusable.
 * @example
 * const verifier = createWebhookVerifier(secret);
 * const check = await verifier.verify(request.headers.get('vonage-signature'), rawBody);
 * if (!check.valid) console.warn(check.problem, check.message);
 */
export function createWebhookVerifier(
  secret: string,
  options: VerifierOptions = {},
): WebhookVerifier {
  const crypto = options.crypto ?? webCrypto;
  const now = options.now ?? Date.now;
  const tolerance = options.clockToleranceSeconds ?? 0;
  if (!(tolerance >= 0) || !Number.isFinite(tolerance)) {
    throw new VccSimError(
      'usage',
      `The clock tolerance must be a number of seconds ≥ 0 (got ${tolerance}).`,
    );
  }
  const hmac: HmacSha256 = crypto.hmacSha256(webhookSecretKey(secret));
  const malformed = (message: string): SignatureVerification => ({
    valid: false,
    problem: 'malformed',
    message,
  });
  return {
    async verify(header, body) {
      if (header === undefined || header === null || header === '') {
        return {
          valid: false,
          problem: 'missing',
          message: `no ${SIGNATURE_HEADER} header`,
        };
      }
      const token = BEARER.exec(header)?.[1];
      if (!token) return malformed('not "Bearer <JWT>"');
      const parts = token.split('.');
      if (parts.length !== 3)
        return malformed('the token is not a JWT (three dot-separated parts)');
      const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
      const jwtHeader = parseJsonPart(headerPart);
      if (!jwtHeader) return malformed('the JWT header is not base64url JSON');
      if (jwtHeader['alg'] !== 'HS256') {
        return malformed(`the JWT algorithm is ${JSON.stringify(jwtHeader['alg'])}, not "HS256"`);
      }
      const payload = parseJsonPart(payloadPart);
      if (!payload) return malformed('the JWT claims are not base64url JSON');
      const claims = claimsOf(payload);
      if (typeof claims === 'string') return malformed(claims);
      if (!decodeBase64Url(signaturePart)) return malformed('the JWT signature is not base64url');
      const expected = await hmac(`${headerPart}.${payloadPart}`);
      if (!equalText(signaturePart, expected)) {
        return {
          valid: false,
          problem: 'wrong-signature',
          message: 'the JWT was not signed with this secret',
          claims,
        };
      }
      const nowSeconds = Math.floor(now() / 1000);
      if (claims.exp <= nowSeconds - tolerance) {
        return {
          valid: false,
          problem: 'expired',
          message: `the JWT expired ${nowSeconds - claims.exp} s ago (iat ${claims.iat}, exp ${claims.exp})`,
          claims,
        };
      }
      if (claims.nbf !== undefined && claims.nbf > nowSeconds + tolerance) {
        return {
          valid: false,
          problem: 'not-yet-valid',
          message: `the JWT is not valid for another ${claims.nbf - nowSeconds} s (nbf ${claims.nbf})`,
          claims,
        };
      }
      if (claims.iat > nowSeconds + tolerance + MAX_FUTURE_ISSUE_SECONDS) {
        return {
          valid: false,
          problem: 'not-yet-valid',
          message: `the JWT was issued ${claims.iat - nowSeconds} s in the future (iat ${claims.iat})`,
          claims,
        };
      }
      const hash = encodeHex(await crypto.sha256(bytesOf(body)));
      if (!equalText(hash, claims.payload_hash)) {
        return {
          valid: false,
          problem: 'hash-mismatch',
          message: 'payload_hash is not the SHA-256 of the body (the body was changed)',
          claims,
        };
      }
      return { valid: true, claims };
    },
  };
}

/** One-off signing; prefer {@link createWebhookSigner} for many bodies. */
export function signWebhook(
  body: BodyBytes,
  secret: string,
  options: SignatureOptions & SignOptions = {},
): Promise<string> {
  return createWebhookSigner(secret, options).sign(body, options);
}
