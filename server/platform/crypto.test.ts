import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blindIndex, DecryptionError, decrypt, deriveKeys, encrypt, sm3, staticKeyProvider } from './crypto';

const keys = deriveKeys(staticKeyProvider(Buffer.alloc(32, 7)));

describe('国密 primitives', () => {
  it('SM3 of "abc" is the GB/T 32905 test vector', () => {
    expect(sm3('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('SM4 of the GB/T 32907 example block gives the standard ciphertext', () => {
    const k = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const c = createCipheriv('sm4-ecb', k, null).setAutoPadding(false);
    expect(Buffer.concat([c.update(k), c.final()]).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });
});

describe('encrypt-then-MAC', () => {
  const id = '11010519491231002X';

  it('round-trips and never repeats a ciphertext', () => {
    const a = encrypt(keys, id);
    const b = encrypt(keys, id);
    expect(a).not.toBe(b);
    expect(a).not.toContain(id);
    expect(decrypt(keys, a)).toBe(id);
    expect(decrypt(keys, encrypt(keys, '四川省凉山彝族自治州'))).toBe('四川省凉山彝族自治州');
  });

  it.each([
    ['a flipped ciphertext byte', (raw: Buffer) => raw.writeUInt8(raw.readUInt8(20) ^ 1, 20)],
    ['a flipped IV byte', (raw: Buffer) => raw.writeUInt8(raw.readUInt8(0) ^ 1, 0)],
    [
      'a flipped MAC byte',
      (raw: Buffer) => raw.writeUInt8(raw.readUInt8(raw.length - 1) ^ 1, raw.length - 1),
    ],
  ])('refuses %s', (_, tamper) => {
    const token = encrypt(keys, id);
    const raw = Buffer.from(token.slice(3), 'base64');
    tamper(raw);
    expect(() => decrypt(keys, `v1:${raw.toString('base64')}`)).toThrow(DecryptionError);
  });

  it('refuses a ciphertext made under another key', () => {
    const other = deriveKeys(staticKeyProvider(Buffer.alloc(32, 8)));
    expect(() => decrypt(other, encrypt(keys, id))).toThrow(DecryptionError);
  });

  it('derives distinct keys per purpose', () => {
    const hex = [keys.encryption, keys.mac, keys.index, keys.audit].map((k) => k.toString('hex'));
    expect(new Set(hex).size).toBe(4);
    expect(keys.encryption).toHaveLength(16);
  });
});

describe('blind index', () => {
  it('matches the same value however it was typed, and differs per key', () => {
    expect(blindIndex(keys, '11010519491231002x ')).toBe(blindIndex(keys, '11010519491231002X'));
    expect(blindIndex(keys, '11010519491231002X')).not.toBe(blindIndex(keys, '110105194912310039'));
    const other = deriveKeys(staticKeyProvider(Buffer.alloc(32, 9)));
    expect(blindIndex(other, '11010519491231002X')).not.toBe(blindIndex(keys, '11010519491231002X'));
  });
});
