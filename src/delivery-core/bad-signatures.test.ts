import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { createWebhookVerifier, generateWebhookSecret } from '../contract/index.js';
import { BAD_SIGNATURES, type BadSignature } from './bad-signature-kinds.js';
import { createSignatureForger } from './bad-signatures.js';
import { platformCrypto } from './platform-crypto.js';

const secret = generateWebhookSecret();
const key = Uint8Array.from(atob(secret), (char) => char.charCodeAt(0));
const NOW = Date.parse('2026-01-05T09:00:00Z');
const forger = createSignatureForger(secret, {
  crypto: platformCrypto(),
  now: () => NOW,
  random: () => 0.5,
});
const body = JSON.stringify({ id: 'x', data: { timestamp: '2026-01-05T09:00:00.123Z' } });
const token = (header: string | undefined) => header?.replace(/^Bearer /, '') ?? '';
const verify = (header: string | undefined, sent: string) =>
  createWebhookVerifier(secret, { now: () => NOW }).verify(header, sent);

describe('the bad signatures of the delivery core', () => {
  it('names every kind in one place, each forged by the forger', async () => {
    for (const kind of Object.keys(BAD_SIGNATURES) as BadSignature[]) {
      const forged = await forger.forge(kind, body);
      expect(forged.length, kind).toBeGreaterThan(0);
    }
  });

  it('makes tokens that are right in every way but the one named', async () => {
    const [future] = await forger.forge('future-iat', body);
    expect(decodeJwt(token(future!.header))).toMatchObject({
      iat: NOW / 1000 + 3600,
      exp: NOW / 1000 + 3900,
    });
    const [notYet] = await forger.forge('future-nbf', body);
    expect(decodeJwt(token(notYet!.header))).toMatchObject({
      iat: NOW / 1000,
      nbf: NOW / 1000 + 3600,
    });
    // Both are signed right: only the times are wrong, which is what the verifier refuses.
    expect(await verify(future!.header, body)).toMatchObject({
      valid: false,
      problem: 'not-yet-valid',
    });
    expect(await verify(notYet!.header, body)).toMatchObject({
      valid: false,
      problem: 'not-yet-valid',
    });
    const [stale] = await forger.forge('stale', body);
    expect(await verify(stale!.header, body)).toMatchObject({ valid: false, problem: 'expired' });
    const [tampered] = await forger.forge('hash-mismatch', body);
    expect(tampered!.body).not.toBe(body);
    expect(JSON.parse(tampered!.body)).toEqual({
      id: 'x',
      data: { timestamp: '2026-01-05T09:00:00.124Z' },
    });
    expect(await verify(tampered!.header, tampered!.body)).toMatchObject({
      problem: 'hash-mismatch',
    });
    const [wrong] = await forger.forge('wrong', body);
    expect(await verify(wrong!.header, body)).toMatchObject({ problem: 'wrong-signature' });
    const [unsigned] = await forger.forge('unsigned', body);
    expect(unsigned!.header).toBeUndefined();
  });

  it('signs HS512 with the right secret, which a verifier that trusts the header accepts', async () => {
    const [other] = await forger.forge('other-algorithm', body);
    expect(decodeProtectedHeader(token(other!.header)).alg).toBe('HS512');
    // jose with no algorithm list takes the token's own: the bug the check exists to catch.
    await expect(
      jwtVerify(token(other!.header), key, { currentDate: new Date(NOW) }),
    ).resolves.toBeDefined();
    await expect(
      jwtVerify(token(other!.header), key, { algorithms: ['HS256'], currentDate: new Date(NOW) }),
    ).rejects.toThrow();
  });

  it('makes alg "none" and malformed headers that a careful verifier refuses', async () => {
    const [none] = await forger.forge('alg-none', body);
    expect(none!.header).toMatch(/^Bearer [\w-]+\.[\w-]+\.$/);
    expect(decodeProtectedHeader(token(none!.header)).alg).toBe('none');
    const malformed = await forger.forge('malformed', body);
    expect(malformed.map((request) => request.variant)).toHaveLength(5);
    for (const request of [none!, ...malformed]) {
      expect(await verify(request.header, request.body), request.variant).toMatchObject({
        valid: false,
      });
    }
  });
});
