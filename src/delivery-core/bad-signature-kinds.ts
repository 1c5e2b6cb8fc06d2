/**
 * Every way vcc-sim signs a request badly, named in one place: the three chaos sends on first
 * attempts (`push`, the twin) and the ones `vcc-sim check` adds. VCC never sends any of them, so a
 * webhook must refuse each (facts §3: an HS256 JWT keyed with the secret, `payload_hash` of the
 * exact body, valid for five minutes from `iat`).
 */
export const BAD_SIGNATURES = {
  unsigned: 'no Vonage-Signature header',
  stale: 'a token that expired (exp in the past), otherwise valid',
  wrong: 'a token signed with another secret',
  'hash-mismatch': 'a valid token for the original body, sent with a changed body',
  'future-iat': 'a token issued an hour from now (iat and exp in the future), otherwise valid',
  'future-nbf': 'a token not valid before an hour from now (nbf), otherwise valid',
  'alg-none': 'an unsigned JWT: alg "none" and an empty signature',
  'other-algorithm': 'a token signed with the right secret, but by HS512 instead of HS256',
  malformed: 'a Vonage-Signature header that is not "Bearer <JWT>"',
} as const;

/** One of {@link BAD_SIGNATURES}. */
export type BadSignature = keyof typeof BAD_SIGNATURES;
