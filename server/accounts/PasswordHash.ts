import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * A password as stored: scrypt's output with its salt and the parameters it was made with, so
 * the cost can be raised later without breaking old hashes. Never returned by the engine.
 */
export interface PasswordHash {
  readonly algorithm: 'scrypt';
  /** CPU/memory cost (a power of two), block size, parallelism. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly keyLength: number;
  readonly salt: string;
  readonly hash: string;
}

/** OWASP's scrypt minimum (N=2^17, r=8, p=1) costs ~128 MiB a login; 2^15 keeps 32 MiB and ~50 ms. */
export const SCRYPT_PARAMETERS = { N: 2 ** 15, r: 8, p: 1, keyLength: 64 } as const;

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number; keyLength: number }): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, params.keyLength, options, (error, key) => (error ? reject(error) : resolve(key))));
}

export async function hashPassword(password: string, params = SCRYPT_PARAMETERS): Promise<PasswordHash> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return { algorithm: 'scrypt', ...params, salt: salt.toString('base64'), hash: key.toString('base64') };
}

/** Compares in constant time; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  if (stored.algorithm !== 'scrypt') return false;
  const expected = Buffer.from(stored.hash, 'base64');
  if (expected.length !== stored.keyLength) return false;
  const key = await derive(password, Buffer.from(stored.salt, 'base64'), stored);
  return timingSafeEqual(key, expected);
}
