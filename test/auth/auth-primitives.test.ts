/** Roles, key secrets, loopback detection and the open-mode rules, without a server. */
import { describe, expect, it } from 'vitest';
import { hashesMatch, hashSecret, issueSecret, keyPrefix } from '../../src/auth/api-key-secret.js';
import { administersTeam, DEFAULT_TEAM, type Caller } from '../../src/auth/caller.js';
import { roleAllows, ROLES, type Role } from '../../src/auth/role.js';
import { isLoopbackHost } from '../../src/common/security/loopback.js';

describe('roleAllows', () => {
  it.each([
    ['viewer', 'viewer', true],
    ['viewer', 'planner', false],
    ['planner', 'viewer', true],
    ['planner', 'editor', false],
    ['editor', 'planner', true],
    ['editor', 'admin', false],
    ['admin', 'editor', true],
    ['admin', 'admin', true],
  ] as [Role, Role, boolean][])('%s may act as %s: %s', (held, needed, allowed) => {
    expect(roleAllows(held, needed)).toBe(allowed);
  });

  it('orders the roles from least to most privileged', () => {
    expect(ROLES).toEqual(['viewer', 'planner', 'editor', 'admin']);
  });
});

describe('API key secrets', () => {
  it('issues pp_<12 hex>_<43 base64url> keys whose prefix finds them and whose hash is SHA-256 of the whole key', () => {
    const secret = issueSecret();
    expect(secret.key).toMatch(/^pp_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(keyPrefix(secret.key)).toBe(secret.prefix);
    expect(secret.hash).toBe(hashSecret(secret.key));
    expect(secret.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(secret.hash).not.toContain(secret.key.slice(16));
  });

  it('never issues the same key twice', () => {
    const keys = new Set(Array.from({ length: 200 }, () => issueSecret().key));
    expect(keys.size).toBe(200);
  });

  it.each(['', 'pp_', 'pp_0123456789ab', 'pp_0123456789AB_' + 'a'.repeat(43), 'pp_0123456789ab_' + 'a'.repeat(42), 'Bearer pp_x'])(
    'has no prefix for the malformed key %j',
    (key) => {
      expect(keyPrefix(key)).toBeUndefined();
    },
  );

  it('compares hashes exactly', () => {
    const hash = hashSecret('a key');
    expect(hashesMatch(hashSecret('a key'), hash)).toBe(true);
    expect(hashesMatch(hashSecret('a kez'), hash)).toBe(false);
    expect(hashesMatch('', hash)).toBe(false);
  });
});

describe('administersTeam', () => {
  const caller = (team: string, role: Role): Caller => ({ keyId: 'k', team, role, source: 'api-key' });

  it.each([
    [caller(DEFAULT_TEAM, 'admin'), 'team-b', true],
    [caller('team-a', 'admin'), 'team-a', true],
    [caller('team-a', 'admin'), 'team-b', false],
    [caller('team-a', 'admin'), DEFAULT_TEAM, false],
    [caller(DEFAULT_TEAM, 'editor'), DEFAULT_TEAM, false],
  ])('%o administers %s: %s', (who, team, expected) => {
    expect(administersTeam(who, team)).toBe(expected);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.5', false],
    ['podplan.internal', false],
    ['128.0.0.1', false],
  ])('%s → %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});
