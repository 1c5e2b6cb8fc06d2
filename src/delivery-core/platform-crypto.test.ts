import { describe, expect, it } from 'vitest';
import { createWebhookSigner, generateWebhookSecret, webCrypto } from '../contract/index.js';
import { platformCrypto } from './platform-crypto.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('platformCrypto', () => {
  it('is node:crypto in Node', () => {
    expect(platformCrypto().name).toBe('node');
  });

  it('hashes text as WebCrypto hashes its UTF-8 bytes', async () => {
    const crypto = platformCrypto();
    const encoder = new TextEncoder();
    for (const text of ['', '{"a":"wörld"}', '😀', 'a\uD800b', 'y'.repeat(10_000)]) {
      expect(crypto.sha256HexText!(text)).toBe(hex(await webCrypto.sha256(encoder.encode(text))));
    }
  });

  it('gives a body the same payload_hash as text and as bytes', async () => {
    const signer = createWebhookSigner(generateWebhookSecret(), { crypto: platformCrypto() });
    const body = JSON.stringify({ greeting: 'grüß dich', n: [1, 2, 3] });
    expect(await signer.payloadHash(body)).toBe(
      await signer.payloadHash(new TextEncoder().encode(body)),
    );
    expect(await signer.payloadHash(body)).toBe(
      hex(await webCrypto.sha256(new TextEncoder().encode(body))),
    );
  });
});
