import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  decodeBase64,
  decodeBase64Url,
  encodeBase64,
  encodeBase64Url,
  encodeBase64UrlText,
} from './base64.js';
import { encodeHex } from './hex.js';

describe('base64', () => {
  it('encodes and decodes every length like Node’s Buffer does', () => {
    for (let length = 0; length < 70; length++) {
      const bytes = new Uint8Array(randomBytes(length));
      const buffer = Buffer.from(bytes);
      expect(encodeBase64(bytes)).toBe(buffer.toString('base64'));
      expect(encodeBase64Url(bytes)).toBe(buffer.toString('base64url'));
      expect(encodeHex(bytes)).toBe(buffer.toString('hex'));
      expect(decodeBase64(buffer.toString('base64'))).toEqual(bytes);
      expect(decodeBase64Url(buffer.toString('base64url'))).toEqual(bytes);
    }
  });

  it('encodes inputs longer than one chunk of char codes', () => {
    const bytes = new Uint8Array(randomBytes(40_000));
    expect(encodeBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });

  it.each([
    ['missing padding', 'bXlfc2VjcmV0X2tleQ'],
    ['too much padding', 'bXlfc2VjcmV0X2tleQ==='],
    ['padding in the middle', 'bX=fc2VjcmV0X2tleQ=='],
    ['a url-safe character', 'bXlfc2VjcmV0X2tle_=='],
    ['whitespace', 'bXlfc2Vj cmV0X2tleQ=='],
    ['a non-ASCII character', 'bXlfc2VjcmV0X2tleé=='],
    ['non-zero bits after the last byte', 'bXlfc2VjcmV0X2tleR=='],
    ['a lone last character', 'bXlfc'],
  ])('rejects standard base64 with %s', (_name, text) => {
    expect(decodeBase64(text)).toBeUndefined();
  });

  it('decodes the facts’ example secret', () => {
    expect(new TextDecoder().decode(decodeBase64('bXlfc2VjcmV0X2tleQ=='))).toBe('my_secret_key');
  });

  it('rejects base64url with padding or standard-only characters', () => {
    expect(decodeBase64Url('YQ==')).toBeUndefined();
    expect(decodeBase64Url('a+b/')).toBeUndefined();
    expect(decodeBase64Url('YQ')).toEqual(new Uint8Array([97]));
  });
});

describe('encodeBase64UrlText', () => {
  it.each(['', 'a', 'ab', 'abc', '{"alg":"HS256","typ":"JWT"}', 'wörld ✓ 😀'])(
    'encodes the UTF-8 bytes of %j',
    (text) => {
      expect(encodeBase64UrlText(text)).toBe(Buffer.from(text, 'utf8').toString('base64url'));
    },
  );
});

describe('decodeBase64Url', () => {
  it.each([
    ['a lone last character', 'YWJjZ'],
    ['non-zero bits after the last byte', 'YR'],
    ['whitespace', 'YW Jj'],
  ])('rejects %s', (_name, text) => {
    expect(decodeBase64Url(text)).toBeUndefined();
  });
});
