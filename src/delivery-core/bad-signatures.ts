import {
  SIGNATURE_LIFETIME_SECONDS,
  webhookSecretKey,
  type SignatureCrypto,
} from '../contract/index.js';
import { encodeBase64Url, encodeBase64UrlText } from '../internal/base64.js';
import { createAttemptSigner } from './attempt-signature.js';
import { BAD_SIGNATURES, type BadSignature } from './bad-signature-kinds.js';

/** A badly signed request: the header to send (none when absent) and the body to send with it. */
type ForgedRequest = {
  /** The `Vonage-Signature` value, or `undefined` to send none. */
  header: string | undefined;
  body: string;
  /** What this variant is, for evidence. */
  variant: string;
};

/** Makes the requests of {@link BAD_SIGNATURES} for one secret. */
export interface SignatureForger {
  /** The requests of `kind` for `body` (several variants for `malformed`, one otherwise). */
  forge(kind: BadSignature, body: string): Promise<ForgedRequest[]>;
}

/** Options of {@link createSignatureForger}. */
export type SignatureForgerOptions = {
  crypto: SignatureCrypto;
  now: () => number;
  random: () => number;
};

/** An hour: far beyond any clock skew a receiver should allow. */
const FUTURE_SECONDS = 3600;
/** How long ago a stale token expired: ten minutes. */
const STALE_SECONDS = 600;

const encoder = new TextEncoder();

/** A JSON header part of a JWT. */
function jwtHeader(alg: string): string {
  return encodeBase64UrlText(`{"alg":"${alg}","typ":"JWT"}`);
}

async function hs512(key: Uint8Array, input: string): Promise<string> {
  const subtle = globalThis.crypto.subtle;
  const imported = await subtle.importKey(
    'raw',
    new Uint8Array(key),
    { name: 'HMAC', hash: 'SHA-512' },
    false,
    ['sign'],
  );
  return encodeBase64Url(
    new Uint8Array(await subtle.sign('HMAC', imported, encoder.encode(input))),
  );
}

/** The body with one fact changed: `data.timestamp`'s last digit, or a trailing space. */
function tampered(body: string): string {
  try {
    const parsed = JSON.parse(body) as { data?: { timestamp?: unknown } };
    const timestamp = parsed.data?.timestamp;
    if (typeof timestamp === 'string' && /\dZ$/.test(timestamp)) {
      const digit = Number(timestamp.at(-2));
      parsed.data!.timestamp = `${timestamp.slice(0, -2)}${(digit + 1) % 10}Z`;
      return JSON.stringify(parsed);
    }
  } catch {
    // Not JSON: change its bytes some other way.
  }
  return `${body} `;
}

/**
 * A {@link SignatureForger} for `secret`. An unsigned or wrongly signed request is the core
 * attempt signer's, the very one `push` sends; the others are assembled here (a stale token
 * expired ten minutes ago, not a random while: a check must not depend on a receiver's skew).
 */
export function createSignatureForger(
  secret: string,
  options: SignatureForgerOptions,
): SignatureForger {
  const { crypto, now } = options;
  const key = webhookSecretKey(secret);
  const hmac = crypto.hmacSha256(key);
  const attempts = createAttemptSigner(secret, { ...options, wrongSignatures: true });
  const hashOf = async (body: string) => attempts.hashBody(body);
  const claims = (hash: string, iat: number, nbf?: number) => {
    const exp = (nbf ?? iat) + SIGNATURE_LIFETIME_SECONDS;
    const notBefore = nbf === undefined ? '' : `"nbf":${nbf},`;
    return encodeBase64UrlText(
      `{"iat":${iat},${notBefore}"exp":${exp},"jti":"${crypto.randomUuid()}","payload_hash":"${hash}"}`,
    );
  };
  const hs256 = async (header: string, payload: string) =>
    `Bearer ${header}.${payload}.${await hmac(`${header}.${payload}`)}`;
  const one = (header: string | undefined, body: string, variant: string) => [
    { header, body, variant },
  ];

  return {
    async forge(kind, body) {
      const nowSeconds = Math.floor(now() / 1000);
      switch (kind) {
        case 'stale': {
          // Expired ten minutes ago: past any clock skew a receiver may allow.
          const payload = claims(
            await hashOf(body),
            nowSeconds - SIGNATURE_LIFETIME_SECONDS - STALE_SECONDS,
          );
          return one(await hs256(jwtHeader('HS256'), payload), body, BAD_SIGNATURES[kind]);
        }
        case 'unsigned':
        case 'wrong': {
          const header = await attempts.sign(await hashOf(body), now(), kind);
          return one(header, body, BAD_SIGNATURES[kind]);
        }
        case 'hash-mismatch': {
          const header = await attempts.sign(await hashOf(body), now());
          return one(header, tampered(body), BAD_SIGNATURES[kind]);
        }
        case 'future-iat': {
          const payload = claims(await hashOf(body), nowSeconds + FUTURE_SECONDS);
          return one(await hs256(jwtHeader('HS256'), payload), body, BAD_SIGNATURES[kind]);
        }
        case 'future-nbf': {
          const payload = claims(await hashOf(body), nowSeconds, nowSeconds + FUTURE_SECONDS);
          return one(await hs256(jwtHeader('HS256'), payload), body, BAD_SIGNATURES[kind]);
        }
        case 'alg-none': {
          const payload = claims(await hashOf(body), nowSeconds);
          return one(`Bearer ${jwtHeader('none')}.${payload}.`, body, BAD_SIGNATURES[kind]);
        }
        case 'other-algorithm': {
          const header = jwtHeader('HS512');
          const payload = claims(await hashOf(body), nowSeconds);
          const signature = await hs512(key, `${header}.${payload}`);
          return one(`Bearer ${header}.${payload}.${signature}`, body, BAD_SIGNATURES[kind]);
        }
        case 'malformed': {
          const header = jwtHeader('HS256');
          const payload = claims(await hashOf(body), nowSeconds);
          const notJson = encodeBase64UrlText('not json');
          return [
            { header: 'Bearer', body, variant: '"Bearer" and no token' },
            { header: 'Bearer not-a-jwt', body, variant: 'a token that is not a JWT' },
            { header: `Bearer ${header}.${payload}`, body, variant: 'a JWT without its signature' },
            {
              header: await hs256(header, notJson),
              body,
              variant: 'a correctly signed JWT whose claims are not JSON',
            },
            { header: 'Basic dmNjLXNpbTp2Y2Mtc2lt', body, variant: 'another scheme (Basic)' },
          ];
        }
      }
    },
  };
}
