/**
 * API key secrets: `pp_<prefix>_<secret>`. The prefix (random, unique) finds
 * the row and is safe to show in listings; the whole key is stored only as
 * its SHA-256, which is enough for 256-bit random secrets (a slow hash such as
 * scrypt protects low-entropy passwords, which these are not).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export { keyPrefix } from '../config/api-key-format.js';

export interface IssuedSecret {
  /** The whole key, shown to its creator once. */
  readonly key: string;
  /** `pp_<12 hex>`: identifies the key in listings and lookups. */
  readonly prefix: string;
  readonly hash: string;
}

export function hashSecret(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new key in the format config/api-key-format.ts reads. */
export function issueSecret(): IssuedSecret {
  const prefix = `pp_${randomBytes(6).toString('hex')}`;
  const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashSecret(key) };
}

/** Compares hashes in constant time, so response timing reveals nothing about a stored hash. */
export function hashesMatch(presentedHash: string, storedHash: string): boolean {
  const presented = Buffer.from(presentedHash, 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
