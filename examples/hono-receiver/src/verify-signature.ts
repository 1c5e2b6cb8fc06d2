import { jwtVerify } from 'jose';

/**
 * Checks VCC's `Vonage-Signature: Bearer <JWT>` header: an HS256 JWT keyed with the subscription
 * secret decoded from base64, current (not expired, not issued or valid only in the future; VCC's
 * tokens live five minutes), whose `payload_hash` is the hex SHA-256 of the exact body received.
 * Runs anywhere WebCrypto does (Node, workers, edge runtimes).
 */
export async function verifySignature(
  header: string | undefined,
  rawBody: string,
  secretBase64: string,
): Promise<boolean> {
  const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!token) return false;
  const key = Uint8Array.from(atob(secretBase64), (char) => char.charCodeAt(0));
  try {
    // maxTokenAge also refuses a token issued in the future; clockTolerance allows a little skew.
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      maxTokenAge: '5m',
      clockTolerance: 30,
    });
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(rawBody));
    const hash = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0'));
    return payload['payload_hash'] === hash.join('');
  } catch {
    return false;
  }
}
