import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createWebhookSigner,
  createWebhookVerifier,
  generateWebhookSecret,
  webCrypto,
} from '../../contract/index.js';
import { nodeCrypto } from './node-crypto.js';

const body = JSON.stringify({ hello: 'wörld', n: [1, 2, 3] });

describe('nodeCrypto', () => {
  it('computes the same HMAC and SHA-256 as WebCrypto', async () => {
    for (let length = 0; length < 200; length += 13) {
      const key = nodeCrypto.randomBytes(32 + length);
      const message = nodeCrypto.randomBytes(length);
      const text = Buffer.from(message).toString('base64url');
      expect(await nodeCrypto.hmacSha256(key)(text)).toBe(await webCrypto.hmacSha256(key)(text));
      expect(Buffer.from(await nodeCrypto.sha256(message))).toEqual(
        Buffer.from(await webCrypto.sha256(message)),
      );
      expect(nodeCrypto.sha256Hex!(message)).toBe(
        Buffer.from(await webCrypto.sha256(message)).toString('hex'),
      );
      expect(nodeCrypto.base64UrlText!(text + 'é')).toBe(
        Buffer.from(text + 'é').toString('base64url'),
      );
    }
  });

  it('hashes text as its UTF-8 bytes, as TextEncoder encodes them', () => {
    const encoder = new TextEncoder();
    // Non-ASCII, astral, and a lone surrogate (both encode it as U+FFFD).
    for (const text of ['', body, 'é😀', 'a\uD800b', 'x'.repeat(5_000)]) {
      expect(nodeCrypto.sha256HexText!(text)).toBe(nodeCrypto.sha256Hex!(encoder.encode(text)));
    }
  });

  it('matches createHmac directly', async () => {
    const key = nodeCrypto.randomBytes(32);
    expect(await nodeCrypto.hmacSha256(key)('abc.DEF-_')).toBe(
      createHmac('sha256', key).update('abc.DEF-_').digest('base64url'),
    );
  });

  it('makes byte-identical tokens to WebCrypto for the same iat and jti', async () => {
    const secret = generateWebhookSecret(nodeCrypto);
    const options = { issuedAt: 1_700_000_000, jti: 'a2c1b0f4-7f43-4a1e-9b2c-0d6f0e1a2b3c' };
    const viaNode = await createWebhookSigner(secret, { crypto: nodeCrypto }).sign(body, options);
    const viaWeb = await createWebhookSigner(secret, { crypto: webCrypto }).sign(body, options);
    expect(viaNode).toBe(viaWeb);
  });

  it('verifies WebCrypto’s tokens and WebCrypto verifies its own', async () => {
    const secret = generateWebhookSecret();
    const now = () => 1_700_000_000_000;
    const fromWeb = await createWebhookSigner(secret, { now }).sign(body);
    const fromNode = await createWebhookSigner(secret, { now, crypto: nodeCrypto }).sign(body);
    expect(
      (await createWebhookVerifier(secret, { now, crypto: nodeCrypto }).verify(fromWeb, body))
        .valid,
    ).toBe(true);
    expect((await createWebhookVerifier(secret, { now }).verify(fromNode, body)).valid).toBe(true);
  });

  it('makes random v4 uuids and random bytes', () => {
    expect(nodeCrypto.randomUuid()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(nodeCrypto.randomBytes(16)).not.toEqual(nodeCrypto.randomBytes(16));
  });
});
