/** SecretCipher: AES-256-GCM with the row as associated data, and a fingerprint that names the key. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretCipher, SecretUnreadableError } from '../../src/common/security/secret-cipher.js';

const KUBECONFIG = 'apiVersion: v1\nkind: Config\nusers:\n- name: reader\n  user:\n    token: s3cr3t-token\n';

describe('SecretCipher', () => {
  it('opens what it sealed for the same row, and the sealed bytes do not hold the plaintext', () => {
    const cipher = new SecretCipher(randomBytes(32));
    const sealed = cipher.seal(KUBECONFIG, 'topology-a');
    expect(sealed.includes(Buffer.from('s3cr3t-token'))).toBe(false);
    expect(cipher.open(sealed, 'topology-a')).toBe(KUBECONFIG);
  });

  it('seals the same text differently each time (a fresh IV per value)', () => {
    const cipher = new SecretCipher(randomBytes(32));
    expect(cipher.seal(KUBECONFIG, 'a').equals(cipher.seal(KUBECONFIG, 'a'))).toBe(false);
  });

  it('refuses a value moved to another row, altered, or sealed under another key', () => {
    const key = randomBytes(32);
    const cipher = new SecretCipher(key);
    const sealed = cipher.seal(KUBECONFIG, 'topology-a');
    expect(() => cipher.open(sealed, 'topology-b')).toThrow(SecretUnreadableError);
    const altered = Buffer.from(sealed);
    altered[altered.length - 1] ^= 1;
    expect(() => cipher.open(altered, 'topology-a')).toThrow(SecretUnreadableError);
    const other = new SecretCipher(randomBytes(32));
    expect(() => other.open(sealed, 'topology-a')).toThrow(/does not authenticate/);
    expect(other.fingerprint).not.toBe(cipher.fingerprint);
    expect(new SecretCipher(Buffer.from(key)).fingerprint).toBe(cipher.fingerprint);
    expect(() => cipher.open(Buffer.from([9, 1, 2]), 'topology-a')).toThrow(/not in a format/);
  });

  it('takes only 32-byte keys', () => {
    expect(() => new SecretCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});
