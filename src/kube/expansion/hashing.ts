/**
 * Deterministic names and ids for the objects controllers would create.
 *
 * Upstream: controller.ComputeHash (pkg/controller/controller_utils.go)
 * hashes the pod template with FNV-32a and encodes the decimal sum with
 * rand.SafeEncodeString (apimachinery pkg/util/rand), whose alphabet avoids
 * vowels and look-alike characters. Upstream feeds the hasher a spew dump of
 * the Go struct (pkg/util/hash DeepHashObject); we feed it key-sorted JSON of
 * the template as submitted, so hashes have upstream's form and stability
 * (same template, same hash) but not its exact digits.
 */

/** rand.SafeEncodeString's alphabet: no vowels, no 0/1/3 (bad words, look-alikes). */
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** One FNV-1a step. */
function fnvByte(hash: number, byte: number): number {
  return Math.imul(hash ^ byte, FNV_PRIME) >>> 0;
}

/** U+FFFD, what UTF-8 encoding (TextEncoder) writes for a lone surrogate. */
const REPLACEMENT_CHARACTER = 0xfffd;

/**
 * FNV-1a, 32 bits, over the UTF-8 bytes of `text` (as TextEncoder encodes
 * them, lone surrogates as U+FFFD), encoded on the fly: every pod's uid is
 * hashed, and allocating an encoder and a byte array per hash cost more
 * than the hashing (issue 14).
 */
export function fnv32a(text: string): number {
  let hash = FNV_OFFSET_BASIS;
  for (let index = 0; index < text.length; index++) {
    let code = text.charCodeAt(index);
    if (code < 0x80) {
      hash = fnvByte(hash, code);
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const low = code <= 0xdbff && index + 1 < text.length ? text.charCodeAt(index + 1) : 0;
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        index++;
      } else code = REPLACEMENT_CHARACTER;
    }
    if (code < 0x800) {
      hash = fnvByte(hash, 0xc0 | (code >> 6));
    } else if (code < 0x10000) {
      hash = fnvByte(hash, 0xe0 | (code >> 12));
      hash = fnvByte(hash, 0x80 | ((code >> 6) & 0x3f));
    } else {
      hash = fnvByte(hash, 0xf0 | (code >> 18));
      hash = fnvByte(hash, 0x80 | ((code >> 12) & 0x3f));
      hash = fnvByte(hash, 0x80 | ((code >> 6) & 0x3f));
    }
    hash = fnvByte(hash, 0x80 | (code & 0x3f));
  }
  return hash;
}

/** JSON with object keys sorted at every level, so equal objects serialise equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, entry]) => entry !== undefined)
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** rand.SafeEncodeString: each byte mapped into the safe alphabet. */
export function safeEncodeString(text: string): string {
  let encoded = '';
  for (let index = 0; index < text.length; index += 1) encoded += SAFE_ALPHABET[text.charCodeAt(index) % SAFE_ALPHABET.length];
  return encoded;
}

/** ComputeHash's output form: the decimal FNV-32a sum, safe-encoded (e.g. "6f8d7c9b5"). */
export function podTemplateHash(template: unknown): string {
  return safeEncodeString(String(fnv32a(canonicalJson(template))));
}

/**
 * Five characters of the safe alphabet derived from `seed`, where the
 * name generator (apiserver names.SimpleNameGenerator) would draw random ones.
 */
export function nameSuffix(seed: string): string {
  let value = fnv32a(seed);
  let suffix = '';
  for (let index = 0; index < 5; index += 1) {
    suffix += SAFE_ALPHABET[value % SAFE_ALPHABET.length];
    value = Math.floor(value / SAFE_ALPHABET.length);
  }
  return suffix;
}

/** A UUID-shaped uid derived from `seed`: stable, unlike the API server's random ones. */
export function syntheticUid(seed: string): string {
  const hex = [0, 1, 2, 3].map((salt) => fnv32a(`${salt}:${seed}`).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
