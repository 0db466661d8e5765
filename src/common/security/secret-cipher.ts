/**
 * Seals secrets podplan must keep (kubeconfigs of topology sources) with
 * AES-256-GCM under a key from the environment (PODPLAN_SOURCE_KEY). A
 * sealed value is `version (1 byte) | IV (12) | tag (16) | ciphertext`; the
 * row it belongs to is the additional authenticated data, so a sealed value
 * copied to another row does not open. The key's fingerprint is stored
 * beside each value: a key that changed is named as the reason, instead of
 * a bare authentication failure.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const FORMAT_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

/** Why a sealed value could not be opened. */
export class SecretUnreadableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretUnreadableError';
  }
}

export class SecretCipher {
  /** The first 16 hex digits of the key's SHA-256: names the key without revealing it. */
  readonly fingerprint: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('an AES-256-GCM key is 32 bytes');
    this.fingerprint = createHash('sha256').update(key).digest('hex').slice(0, 16);
  }

  seal(plaintext: string, associatedData: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([FORMAT_VERSION]), iv, cipher.getAuthTag(), ciphertext]);
  }

  open(sealed: Buffer, associatedData: string): string {
    if (sealed.length < HEADER_BYTES || sealed[0] !== FORMAT_VERSION) throw new SecretUnreadableError('the stored secret is not in a format this podplan reads');
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(1, 1 + IV_BYTES));
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(sealed.subarray(1 + IV_BYTES, HEADER_BYTES));
    try {
      return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretUnreadableError('the stored secret does not authenticate under this key (altered, or sealed for another row)');
    }
  }
}
