import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/**
 * 国密 helpers (S15, GB/T 39786): SM4-CBC + HMAC-SM3, encrypt-then-MAC, and an HMAC-SM3
 * blind index for looking up encrypted values. Node's OpenSSL 3 provides SM3 and SM4
 * (it has no SM4-GCM, hence the separate MAC).
 */

/** Purpose-separated keys derived from the master key; no key is used for two things. */
export interface DataKeys {
  /** SM4, 16 bytes */
  readonly encryption: Buffer;
  /** HMAC-SM3 over IV and ciphertext */
  readonly mac: Buffer;
  /** HMAC-SM3 blind index of searchable personal data */
  readonly index: Buffer;
  /** HMAC-SM3 signature of the audit anchor and checkpoints (S12) */
  readonly audit: Buffer;
}

/** Where the master key comes from: the environment or a file now, a 密码机 or KMS later. */
export interface KeyProvider {
  masterKey(): Buffer;
}

export function staticKeyProvider(master: Buffer): KeyProvider {
  if (master.length !== 32) throw new Error('master key must be 32 bytes');
  return { masterKey: () => master };
}

export function sm3(data: string | Buffer): string {
  return createHash('sm3').update(data).digest('hex');
}

export function hmacSm3(key: Buffer, data: string | Buffer): Buffer {
  return createHmac('sm3', key).update(data).digest();
}

/** Derive each purpose's key as HMAC-SM3(master, label) — a one-step KDF with distinct labels. */
export function deriveKeys(provider: KeyProvider): DataKeys {
  const master = provider.masterKey();
  const derive = (label: string) => hmacSm3(master, `counterpart/v1/${label}`);
  return {
    encryption: derive('sm4-cbc').subarray(0, 16),
    mac: derive('hmac-sm3'),
    index: derive('blind-index'),
    audit: derive('audit-anchor'),
  };
}

const VERSION = 'v1';
const IV_BYTES = 16;
const MAC_BYTES = 32;

export class DecryptionError extends Error {
  constructor() {
    super('密文校验失败：数据可能被篡改或密钥不匹配');
  }
}

/** SM4-CBC with a random IV, then HMAC-SM3 over version, IV and ciphertext. Output: `v1:<base64>`. */
export function encrypt(keys: DataKeys, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('sm4-cbc', keys.encryption, iv);
  const body = Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]);
  const mac = hmacSm3(keys.mac, Buffer.concat([Buffer.from(VERSION), body]));
  return `${VERSION}:${Buffer.concat([body, mac]).toString('base64')}`;
}

/** Verify the MAC first (constant time), and only then decrypt. */
export function decrypt(keys: DataKeys, token: string): string {
  const [version, b64] = token.split(':');
  if (version !== VERSION || !b64) throw new DecryptionError();
  const raw = Buffer.from(b64, 'base64');
  if (raw.length < IV_BYTES + 16 + MAC_BYTES) throw new DecryptionError();
  const body = raw.subarray(0, raw.length - MAC_BYTES);
  const mac = raw.subarray(raw.length - MAC_BYTES);
  const expected = hmacSm3(keys.mac, Buffer.concat([Buffer.from(VERSION), body]));
  if (!timingSafeEqual(mac, expected)) throw new DecryptionError();
  const decipher = createDecipheriv('sm4-cbc', keys.encryption, body.subarray(0, IV_BYTES));
  return Buffer.concat([decipher.update(body.subarray(IV_BYTES)), decipher.final()]).toString('utf8');
}

/**
 * Deterministic HMAC-SM3 of a normalised value, so an encrypted column can be matched
 * exactly (e.g. an ID number) without storing or decrypting it.
 */
export function blindIndex(keys: DataKeys, value: string): string {
  return hmacSm3(keys.index, value.trim().toUpperCase()).toString('hex');
}
