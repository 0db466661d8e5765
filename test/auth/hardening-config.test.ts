/** The authentication, CORS and limit settings: defaults, parsing, and refusals naming the variable. */
import { describe, expect, it } from 'vitest';
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

describe('hardening settings', () => {
  it('default to open on loopback, CORS closed, and the documented limits', () => {
    const config = loadAppConfig({});
    expect(config.auth).toEqual({ allowUnauthenticated: false });
    expect(config.corsOrigins).toEqual([]);
    expect(config.limits).toEqual({
      maxTopologyObjects: 250_000,
      maxPlanReplicas: 50_000,
      maxPlanWork: 250_000_000,
      maxDocumentDepth: 64,
      planTimeoutMs: 120_000,
      rateLimitPerMinute: 600,
      rateLimitBurst: 60,
    });
  });

  it('read the admin key, the opt-out flag, a comma-separated origin list and every limit', () => {
    const config = loadAppConfig({
      PODPLAN_ADMIN_KEY: 'a-long-enough-admin-key',
      PODPLAN_ALLOW_UNAUTHENTICATED: 'true',
      CORS_ORIGINS: 'https://portal.example, https://dash.example ,',
      PODPLAN_MAX_TOPOLOGY_OBJECTS: '10',
      PODPLAN_MAX_PLAN_REPLICAS: '20',
      PODPLAN_MAX_PLAN_WORK: '30',
      PODPLAN_MAX_DOCUMENT_DEPTH: '40',
      PODPLAN_PLAN_TIMEOUT_MS: '50',
      PODPLAN_RATE_LIMIT_PER_MINUTE: '0',
      PODPLAN_RATE_LIMIT_BURST: '5',
    });
    expect(config.auth).toEqual({ adminKey: 'a-long-enough-admin-key', allowUnauthenticated: true });
    expect(config.corsOrigins).toEqual(['https://portal.example', 'https://dash.example']);
    expect(config.limits).toEqual({
      maxTopologyObjects: 10,
      maxPlanReplicas: 20,
      maxPlanWork: 30,
      maxDocumentDepth: 40,
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
        PODPLAN_MAX_PLAN_REPLICAS: '0',
        PODPLAN_MAX_DOCUMENT_DEPTH: '3',
        PODPLAN_RATE_LIMIT_PER_MINUTE: '-1',
        PODPLAN_PLAN_TIMEOUT_MS: 'soon',
      }),
    ).toEqual([
      'PODPLAN_ADMIN_KEY',
      'PODPLAN_ALLOW_UNAUTHENTICATED',
      'PODPLAN_MAX_DOCUMENT_DEPTH',
      'PODPLAN_MAX_PLAN_REPLICAS',
      'PODPLAN_PLAN_TIMEOUT_MS',
      'PODPLAN_RATE_LIMIT_PER_MINUTE',
    ]);
  });
});
