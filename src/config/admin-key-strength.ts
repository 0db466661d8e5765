/**
 * How strong PODPLAN_ADMIN_KEY is. The admin key is compared by its SHA-256
 * (see auth/api-key-secret.ts), which is only safe for secrets nobody can guess:
 * a key podplan generates (`pp_<prefix>_<secret>`, 256 random bits) is
 * accepted as is; anything else must carry at least 128 bits by an estimate
 * that cannot see dictionaries but does see length, the character classes
 * used and repetition.
 */
import { keyPrefix } from './api-key-format.js';

export const MIN_ADMIN_KEY_BITS = 128;

const HEX = /^[0-9a-fA-F]+$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Bits per character of the smallest alphabet the key is written in. */
function bitsPerCharacter(key: string): number {
  if (HEX.test(key)) return 4;
  if (BASE64.test(key)) return 6;
  let alphabet = 0;
  if (/[a-z]/.test(key)) alphabet += 26;
  if (/[A-Z]/.test(key)) alphabet += 26;
  if (/[0-9]/.test(key)) alphabet += 10;
  if (/[^A-Za-z0-9]/.test(key)) alphabet += 33;
  return Math.log2(alphabet);
}

/** Shannon entropy of the key's own character frequencies, in bits per character. */
function observedBitsPerCharacter(key: string): number {
  const counts = new Map<string, number>();
  for (const character of key) counts.set(character, (counts.get(character) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const share = count / key.length;
    bits -= share * Math.log2(share);
  }
  return bits;
}

/** The estimated strength of a key that podplan did not generate, in bits. */
export function estimatedKeyBits(key: string): number {
  const perCharacter = bitsPerCharacter(key);
  // A random key uses its alphabet evenly: 32 random hex digits show about 3.6 of 4 bits per character.
  // One that repeats a few characters ("abababab…") shows far less, and is counted at what it shows.
  const observed = observedBitsPerCharacter(key);
  const credited = observed >= perCharacter * 0.75 ? perCharacter : observed;
  return Math.floor(key.length * credited);
}

/** Why `key` is too weak to be the admin key, or undefined when it will do. */
export function adminKeyWeakness(key: string): string | undefined {
  if (keyPrefix(key) !== undefined) return undefined;
  if (/\s/.test(key)) return 'must not contain whitespace (it is sent as `Authorization: Bearer <key>`)';
  const bits = estimatedKeyBits(key);
  if (bits >= MIN_ADMIN_KEY_BITS) return undefined;
  return (
    `is too weak: about ${bits} bits, at least ${MIN_ADMIN_KEY_BITS} needed. ` +
    'Use 32 random bytes (`openssl rand -hex 32` or `openssl rand -base64 32`) or a key podplan generates (`pp_…`)'
  );
}
