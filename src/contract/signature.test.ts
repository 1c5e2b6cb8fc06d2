import { createHash } from 'node:crypto';
import { SignJWT, decodeJwt, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { isVccSimError } from '../errors.js';
import { decodeBase64, encodeBase64, encodeBase64Url } from '../internal/base64.js';
import {
  MIN_SECRET_BYTES,
  SIGNATURE_LIFETIME_SECONDS,
  createWebhookSigner,
  createWebhookVerifier,
  generateWebhookSecret,
  signWebhook,
  webhookSecretKey,
  webhookSecretProblem,
} from './signature.js';

const SECRET = encodeBase64(new Uint8Array(32).map((_, i) => i * 7 + 1));
const OTHER_SECRET = encodeBase64(new Uint8Array(32).map((_, i) => 255 - i));
const BODY = '{"specversion":"1.0","type":"channel.connected.v0","id":"x","data":{"é":1}}';
const NOW = Date.parse('2024-05-01T12:00:00.750Z');
const NOW_SECONDS = Math.floor(NOW / 1000);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const sha256Hex = (body: string | Uint8Array) => createHash('sha256').update(body).digest('hex');
const tokenOf = (header: string) => header.replace(/^Bearer /, '');
const keyOf = (secret: string) => Buffer.from(secret, 'base64');

describe('createWebhookSigner', () => {
  it('signs as VCC does: Bearer, an HS256 JWT with iat, exp = iat + 300, a uuid jti, payload_hash', async () => {
    const header = await createWebhookSigner(SECRET, { now: () => NOW }).sign(BODY);
    expect(header).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    const token = tokenOf(header);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = decodeJwt(token);
    expect(Object.keys(claims)).toEqual(['iat', 'exp', 'jti', 'payload_hash']);
    expect(claims.iat).toBe(NOW_SECONDS);
    expect(claims.exp).toBe(NOW_SECONDS + SIGNATURE_LIFETIME_SECONDS);
    expect(claims.jti).toMatch(UUID);
    expect(claims['payload_hash']).toBe(sha256Hex(BODY));
  });

  it('hashes the exact bytes: text is UTF-8, and bytes are taken as they are', async () => {
    const signer = createWebhookSigner(SECRET);
    const bytes = new Uint8Array([0xff, 0x00, 0x7b, 0x80]);
    expect(await signer.payloadHash(BODY)).toBe(sha256Hex(Buffer.from(BODY, 'utf8')));
    expect(await signer.payloadHash(bytes)).toBe(sha256Hex(bytes));
  });

  it('makes a fresh token for every attempt, with the same payload_hash', async () => {
    const signer = createWebhookSigner(SECRET, { now: () => NOW });
    const first = decodeJwt(tokenOf(await signer.sign(BODY)));
    const second = decodeJwt(tokenOf(await signer.sign(BODY)));
    expect(first.jti).not.toBe(second.jti);
    expect(first['payload_hash']).toBe(second['payload_hash']);
  });

  it('takes a given iat, jti and precomputed hash', async () => {
    const header = await signWebhook(BODY, SECRET, {
      issuedAt: 1_000,
      jti: 'fixed',
      payloadHash: 'a'.repeat(64),
    });
    expect(decodeJwt(tokenOf(header))).toEqual({
      iat: 1_000,
      exp: 1_300,
      jti: 'fixed',
      payload_hash: 'a'.repeat(64),
    });
  });

  it('refuses an unusable secret without repeating it', () => {
    const secret = encodeBase64(new Uint8Array(31).fill(9));
    expect.assertions(3);
    try {
      createWebhookSigner(secret);
    } catch (error) {
      expect(isVccSimError(error, 'usage')).toBe(true);
      expect((error as Error).message).toContain('31 bytes');
      expect((error as Error).message).not.toContain(secret);
    }
  });
});

describe('interoperability with jose, an independent JWT library', () => {
  it('jose verifies our token with the base64-decoded secret, and the body hash matches', async () => {
    const header = await createWebhookSigner(SECRET, { now: () => NOW }).sign(BODY);
    const { payload, protectedHeader } = await jwtVerify(tokenOf(header), keyOf(SECRET), {
      algorithms: ['HS256'],
      currentDate: new Date(NOW + 1000),
    });
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload['payload_hash']).toBe(sha256Hex(BODY));
  });

  it('a tampered body fails the hash check of the facts', async () => {
    const header = await createWebhookSigner(SECRET, { now: () => NOW }).sign(BODY);
    const { payload } = await jwtVerify(tokenOf(header), keyOf(SECRET), {
      currentDate: new Date(NOW),
    });
    expect(payload['payload_hash']).not.toBe(sha256Hex(BODY.replace('"x"', '"y"')));
  });

  it('jose rejects our token under a wrong secret', async () => {
    const header = await createWebhookSigner(SECRET, { now: () => NOW }).sign(BODY);
    await expect(
      jwtVerify(tokenOf(header), keyOf(OTHER_SECRET), { currentDate: new Date(NOW) }),
    ).rejects.toBeInstanceOf(errors.JWSSignatureVerificationFailed);
  });

  it('jose rejects our token once it has expired', async () => {
    const header = await createWebhookSigner(SECRET, { now: () => NOW }).sign(BODY);
    await expect(
      jwtVerify(tokenOf(header), keyOf(SECRET), {
        currentDate: new Date(NOW + SIGNATURE_LIFETIME_SECONDS * 1000),
      }),
    ).rejects.toBeInstanceOf(errors.JWTExpired);
  });

  it('our verifier accepts a token jose signed with the same claims', async () => {
    const token = await new SignJWT({ payload_hash: sha256Hex(BODY) })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt(NOW_SECONDS)
      .setExpirationTime(NOW_SECONDS + 300)
      .setJti('d3b07384-d113-4ec8-98e4-b5b6d7d8e9f0')
      .sign(keyOf(SECRET));
    const verifier = createWebhookVerifier(SECRET, { now: () => NOW });
    expect(await verifier.verify(`Bearer ${token}`, BODY)).toEqual({
      valid: true,
      claims: {
        iat: NOW_SECONDS,
        exp: NOW_SECONDS + 300,
        jti: 'd3b07384-d113-4ec8-98e4-b5b6d7d8e9f0',
        payload_hash: sha256Hex(BODY),
      },
    });
  });
});

describe('createWebhookVerifier', () => {
  const verifier = createWebhookVerifier(SECRET, { now: () => NOW });
  const sign = (options: { secret?: string; issuedAt?: number; body?: string } = {}) =>
    signWebhook(options.body ?? BODY, options.secret ?? SECRET, {
      now: () => NOW,
      ...(options.issuedAt === undefined ? {} : { issuedAt: options.issuedAt }),
    });

  it('accepts a signature it made, and reports its claims', async () => {
    const result = await verifier.verify(await sign(), BODY);
    expect(result.valid).toBe(true);
    expect(result.valid && result.claims.payload_hash).toBe(sha256Hex(BODY));
  });

  it('accepts the scheme in any case, as HTTP auth schemes are', async () => {
    const header = (await sign()).replace('Bearer', 'bearer');
    expect((await verifier.verify(header, BODY)).valid).toBe(true);
  });

  it.each([undefined, null, ''])('flags a missing header (%s) as missing', async (header) => {
    expect(await verifier.verify(header, BODY)).toMatchObject({ valid: false, problem: 'missing' });
  });

  it('flags a wrong secret as a wrong signature', async () => {
    const result = await verifier.verify(await sign({ secret: OTHER_SECRET }), BODY);
    expect(result).toMatchObject({ valid: false, problem: 'wrong-signature' });
  });

  it('flags a token whose exp has passed as expired, exactly at exp as jose does', async () => {
    const atExpiry = await sign({ issuedAt: NOW_SECONDS - SIGNATURE_LIFETIME_SECONDS });
    const justBefore = await sign({ issuedAt: NOW_SECONDS - SIGNATURE_LIFETIME_SECONDS + 1 });
    expect(await verifier.verify(atExpiry, BODY)).toMatchObject({
      valid: false,
      problem: 'expired',
    });
    expect((await verifier.verify(justBefore, BODY)).valid).toBe(true);
  });

  it('allows a configured clock tolerance past exp', async () => {
    const lenient = createWebhookVerifier(SECRET, { now: () => NOW, clockToleranceSeconds: 30 });
    const stale = await sign({ issuedAt: NOW_SECONDS - SIGNATURE_LIFETIME_SECONDS - 10 });
    expect((await lenient.verify(stale, BODY)).valid).toBe(true);
    expect((await verifier.verify(stale, BODY)).valid).toBe(false);
  });

  it('flags a changed body as a hash mismatch', async () => {
    const result = await verifier.verify(await sign(), `${BODY} `);
    expect(result).toMatchObject({ valid: false, problem: 'hash-mismatch' });
  });

  it('checks the signature before expiry: a stale token under a wrong secret is wrong', async () => {
    const header = await sign({ secret: OTHER_SECRET, issuedAt: 1_000 });
    expect(await verifier.verify(header, BODY)).toMatchObject({ problem: 'wrong-signature' });
  });

  const encodeJson = (value: unknown) =>
    encodeBase64Url(new TextEncoder().encode(JSON.stringify(value)));

  it.each([
    ['a scheme other than Bearer', async () => (await sign()).replace('Bearer', 'Basic')],
    ['no token after Bearer', async () => 'Bearer '],
    ['two parts', async () => (await sign()).split('.').slice(0, 2).join('.')],
    ['a header that is not JSON', async () => `Bearer bm90IGpzb24.${encodeJson({})}.AAAA`],
    [
      'the none algorithm',
      async () => `Bearer ${encodeJson({ alg: 'none' })}.${encodeJson({ iat: 1, exp: 2 })}.`,
    ],
    [
      'claims without payload_hash',
      async () => `Bearer ${encodeJson({ alg: 'HS256' })}.${encodeJson({ iat: 1, exp: 2 })}.AAAA`,
    ],
    [
      'a signature that is not base64url',
      async () => `${(await sign()).split('.').slice(0, 2).join('.')}.a+b/`,
    ],
  ])('flags %s as malformed', async (_name, header) => {
    expect(await verifier.verify(await header(), BODY)).toMatchObject({
      valid: false,
      problem: 'malformed',
    });
  });

  it('verifies bytes and text alike', async () => {
    const header = await sign();
    expect(
      (
        await createWebhookVerifier(SECRET, { now: () => NOW }).verify(
          header,
          new TextEncoder().encode(BODY),
        )
      ).valid,
    ).toBe(true);
  });
});

describe('webhook secrets', () => {
  it('generates 32 random bytes as base64, and every one is usable', () => {
    const first = generateWebhookSecret();
    expect(first).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(decodeBase64(first)).toHaveLength(MIN_SECRET_BYTES);
    expect(webhookSecretProblem(first)).toBeUndefined();
    expect(generateWebhookSecret()).not.toBe(first);
  });

  it('decodes the key from base64', () => {
    expect(Buffer.from(webhookSecretKey(SECRET))).toEqual(keyOf(SECRET));
  });

  it.each([
    ['', 'is empty'],
    ['not base64!', 'is not valid base64'],
    ['bXlfc2VjcmV0X2tleQ==', 'decodes to 13 bytes; VCC requires at least 32'],
    [encodeBase64(new Uint8Array(31)), 'decodes to 31 bytes'],
  ])('says what is wrong with %j', (secret, problem) => {
    expect(webhookSecretProblem(secret)).toContain(problem);
  });

  it('accepts secrets longer than 32 bytes', () => {
    expect(webhookSecretProblem(encodeBase64(new Uint8Array(64).fill(3)))).toBeUndefined();
  });
});
