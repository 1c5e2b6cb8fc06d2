import {
  SIGNATURE_LIFETIME_SECONDS,
  createWebhookSigner,
  generateWebhookSecret,
  type MaybePromise,
  type SignatureCrypto,
  type WebhookSigner,
} from '../contract/index.js';
import type { BadSignatureKind } from './types.js';

/**
 * Signs delivery attempts as VCC does (a fresh token each time, the body's hash reused), or badly
 * as chaos asks: no signature, an expired one, or one made with another secret. Synchronous when
 * the crypto is (`node:crypto`), so the HTTP pusher pays no promise per request.
 */
export interface AttemptSigner {
  /** The `Vonage-Signature` value for an attempt at `atMs`; `undefined` to send none. */
  sign(payloadHash: string, atMs: number, bad?: BadSignatureKind): MaybePromise<string> | undefined;
  /** The body's `payload_hash`, for {@link AttemptSigner.sign}. */
  hashBody(body: Uint8Array | string): MaybePromise<string>;
}

/** Options of {@link createAttemptSigner}. */
export type AttemptSignerOptions = {
  crypto: SignatureCrypto;
  now: () => number;
  /** Draws how long ago a stale token expired (up to an hour past its lifetime). */
  random: () => number;
  /** Whether chaos may ask for a wrong signature (a second secret is made only then). */
  wrongSignatures: boolean;
};

/** An {@link AttemptSigner} for `secret`. */
export function createAttemptSigner(secret: string, options: AttemptSignerOptions): AttemptSigner {
  const { crypto, now, random } = options;
  const signer = createWebhookSigner(secret, { crypto, now });
  let wrong: WebhookSigner | undefined;
  if (options.wrongSignatures) {
    wrong = createWebhookSigner(generateWebhookSecret(crypto), { crypto, now });
  }
  return {
    hashBody: (body) => signer.hashBody(body),
    sign(payloadHash, atMs, bad) {
      if (bad === 'unsigned') return undefined;
      let issuedAt = Math.floor(atMs / 1000);
      if (bad === 'stale') {
        issuedAt -= SIGNATURE_LIFETIME_SECONDS + 1 + Math.floor(random() * 3600);
      }
      return (bad === 'wrong' && wrong ? wrong : signer).signHash(payloadHash, { issuedAt });
    },
  };
}
