import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Clock skew allowed between VCC and this server, in seconds. */
const CLOCK_SKEW_SECONDS = 60;

/**
 * Checks VCC's `Vonage-Signature: Bearer <JWT>` header with nothing but `node:crypto`: the JWT is
 * HS256, keyed with the subscription secret decoded from base64; it must be current (not expired,
 * not issued or valid only in the future), and its `payload_hash` must be the hex SHA-256 of the
 * exact body received.
 */
export function verifySignature(
  header: string | undefined,
  rawBody: Buffer,
  secretBase64: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  const [head, claims, signature, extra] = token?.split('.') ?? [];
  if (!head || !claims || !signature || extra !== undefined) return false;

  const expected = createHmac('sha256', Buffer.from(secretBase64, 'base64'))
    .update(`${head}.${claims}`)
    .digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;

  try {
    const { alg } = JSON.parse(Buffer.from(head, 'base64url').toString()) as { alg?: string };
    const payload = JSON.parse(Buffer.from(claims, 'base64url').toString()) as {
      iat?: number;
      nbf?: number;
      exp?: number;
      payload_hash?: string;
    };
    const hash = createHash('sha256').update(rawBody).digest('hex');
    return (
      alg === 'HS256' &&
      (payload.exp ?? 0) > nowSeconds &&
      (payload.iat ?? Infinity) <= nowSeconds + CLOCK_SKEW_SECONDS &&
      (payload.nbf ?? 0) <= nowSeconds + CLOCK_SKEW_SECONDS &&
      payload.payload_hash === hash
    );
  } catch {
    return false;
  }
}
