/** The authentication, CORS and limit settings: defaults, parsing, and refusals naming the variable. */
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { issueSecret } from '../../src/auth/api-key-secret.js';
import { estimatedKeyBits } from '../../src/config/admin-key-strength.js';
import { loadAppConfig } from '../../src/config/app-config.js';
import { InvalidInputError } from '../../src/kube/field-error.js';

function invalidVariables(environment: Record<string, string>): string[] {
  try {
    loadAppConfig(environment);
  } catch (error) {
    if (error instanceof InvalidInputError) return error.errors.map((fieldError) => fieldError.path).sort();
    throw error;
  }
  return [];
}

/** 32 random bytes, hex: what `openssl rand -hex 32` prints. */
const STRONG_KEY = '3f9c0e1d7a5b42c8e6f1a0b9d8c7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9';

describe('hardening settings', () => {
  it('default to open on loopback, CORS closed, and the documented limits', () => {
    const config = loadAppConfig({});
    expect(config.auth).toEqual({
      allowUnauthenticated: false,
      allowedHosts: [],
      publicDocs: false,
      trustProxy: false,
      failedAttemptsPerMinute: 10,
      failedAttemptBurst: 20,
    });
    expect([config.bodyLimitBytes, config.smallBodyLimitBytes]).toEqual([256 * 1024 ** 2, 1024 ** 2]);
    expect(config.corsOrigins).toEqual([]);
    expect(config.limits).toEqual({
      maxTopologyObjects: 250_000,
      maxPlanReplicas: 50_000,
      maxPlanWork: 250_000_000,
      maxExplainCells: 100_000,
      maxDocumentDepth: 64,
      parseHeapMegabytes: 4096,
      planTimeoutMs: 120_000,
      rateLimitPerMinute: 600,
      rateLimitBurst: 60,
    });
  });

  it('read the admin key, the opt-out flag, a comma-separated origin list and every limit', () => {
    const config = loadAppConfig({
      PODPLAN_ADMIN_KEY: STRONG_KEY,
      PODPLAN_ALLOW_UNAUTHENTICATED: 'true',
      PODPLAN_ALLOWED_HOSTS: 'Podplan.internal, 10.0.0.5,',
      PODPLAN_PUBLIC_DOCS: 'true',
      PODPLAN_TRUST_PROXY: '1',
      PODPLAN_AUTH_FAILURES_PER_MINUTE: '3',
      PODPLAN_AUTH_FAILURE_BURST: '4',
      SMALL_BODY_LIMIT: '64kb',
      CORS_ORIGINS: 'https://portal.example, https://dash.example ,',
      PODPLAN_MAX_TOPOLOGY_OBJECTS: '10',
      PODPLAN_MAX_PLAN_REPLICAS: '20',
      PODPLAN_MAX_PLAN_WORK: '30',
      PODPLAN_MAX_EXPLAIN_CELLS: '35',
      PODPLAN_MAX_DOCUMENT_DEPTH: '40',
      PODPLAN_PARSE_HEAP_MB: '512',
      PODPLAN_PLAN_TIMEOUT_MS: '50',
      PODPLAN_RATE_LIMIT_PER_MINUTE: '0',
      PODPLAN_RATE_LIMIT_BURST: '5',
    });
    expect(config.auth).toEqual({
      adminKey: STRONG_KEY,
      allowUnauthenticated: true,
      allowedHosts: ['podplan.internal', '10.0.0.5'],
      publicDocs: true,
      trustProxy: 1,
      failedAttemptsPerMinute: 3,
      failedAttemptBurst: 4,
    });
    expect(config.smallBodyLimitBytes).toBe(64 * 1024);
    expect(config.corsOrigins).toEqual(['https://portal.example', 'https://dash.example']);
    expect(config.limits).toEqual({
      maxTopologyObjects: 10,
      maxPlanReplicas: 20,
      maxPlanWork: 30,
      maxExplainCells: 35,
      maxDocumentDepth: 40,
      parseHeapMegabytes: 512,
      planTimeoutMs: 50,
      rateLimitPerMinute: 0,
      rateLimitBurst: 5,
    });
  });

  it('refuse a short admin key, a vague opt-out and limits that are not positive integers, naming each', () => {
    expect(
      invalidVariables({
        PODPLAN_ADMIN_KEY: 'short',
        PODPLAN_ALLOW_UNAUTHENTICATED: 'yes',
        PODPLAN_ALLOWED_HOSTS: 'podplan.internal:3000',
        PODPLAN_PUBLIC_DOCS: 'maybe',
        SMALL_BODY_LIMIT: 'small',
        PODPLAN_MAX_PLAN_REPLICAS: '0',
        PODPLAN_MAX_DOCUMENT_DEPTH: '3',
        PODPLAN_RATE_LIMIT_PER_MINUTE: '-1',
        PODPLAN_PLAN_TIMEOUT_MS: 'soon',
      }),
    ).toEqual([
      'PODPLAN_ADMIN_KEY',
      'PODPLAN_ALLOWED_HOSTS',
      'PODPLAN_ALLOW_UNAUTHENTICATED',
      'PODPLAN_MAX_DOCUMENT_DEPTH',
      'PODPLAN_MAX_PLAN_REPLICAS',
      'PODPLAN_PLAN_TIMEOUT_MS',
      'PODPLAN_PUBLIC_DOCS',
      'PODPLAN_RATE_LIMIT_PER_MINUTE',
      'SMALL_BODY_LIMIT',
    ]);
  });
});

describe('PODPLAN_ADMIN_KEY strength', () => {
  function adminKeyProblem(key: string): string | undefined {
    try {
      loadAppConfig({ PODPLAN_ADMIN_KEY: key });
      return undefined;
    } catch (error) {
      if (error instanceof InvalidInputError) return error.errors.find((fieldError) => fieldError.path === 'PODPLAN_ADMIN_KEY')?.message;
      throw error;
    }
  }

  it.each([
    ['a key podplan generates', issueSecret().key],
    ['32 random bytes in hex', randomBytes(32).toString('hex')],
    ['16 random bytes in hex (exactly 128 bits)', randomBytes(16).toString('hex')],
    ['32 random bytes in base64', randomBytes(32).toString('base64')],
    ['32 random bytes in base64url', randomBytes(32).toString('base64url')],
  ])('accepts %s', (_name, key) => {
    expect(adminKeyProblem(key)).toBeUndefined();
  });

  it.each([
    ['16 characters, as the old minimum allowed', 'Sixteen-chars-ok'],
    ['a passphrase of words', 'correct-horse-battery-staple'],
    ['one character repeated', 'a'.repeat(64)],
    ['two characters alternating', 'ab'.repeat(32)],
    ['a short password with every class', 'Tr0ub4dor&3xx!!'],
    ['a strong key with a space in it', `${randomBytes(32).toString('hex')} x`],
  ])('refuses %s, at boot, saying how to make a strong one', (_name, key) => {
    expect(adminKeyProblem(key)).toMatch(/is too weak: about \d+ bits, at least 128 needed\. Use 32 random bytes|must not contain whitespace/);
  });

  it('estimates 128 bits for 32 hex digits and far less for repetition', () => {
    expect(estimatedKeyBits('0123456789abcdef0123456789abcdef'.split('').reverse().join(''))).toBe(128);
    expect(estimatedKeyBits('ab'.repeat(32))).toBeLessThan(128);
  });
});
