/** The environment is validated once, into a typed config; every bad variable is named. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAppConfig, parseByteSize } from '../../src/config/app-config.js';
import { InvalidInputError } from '../../src/kube/field-error.js';

describe('loadAppConfig', () => {
  it('defaults to 127.0.0.1:3000, the embedded store under ./.podplan and a 256 MiB body limit', () => {
    expect(loadAppConfig({})).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      database: { kind: 'embedded', dataDirectory: resolve('.podplan') },
      bodyLimitBytes: 256 * 1024 ** 2,
      logLevel: 'info',
      observability: { otlpHeaders: {}, serviceName: 'podplan' },
    });
    expect(loadAppConfig({}).observability).not.toHaveProperty('otlpEndpoint');
    expect(loadAppConfig({}).observability).not.toHaveProperty('metricsPort');
  });

  it('uses DATABASE_URL when set, and treats empty variables as unset', () => {
    const config = loadAppConfig({ DATABASE_URL: 'postgres://u:p@db:5432/podplan', PORT: '', HOST: '0.0.0.0', LOG_LEVEL: 'warn' });
    expect(config).toMatchObject({ host: '0.0.0.0', port: 3000, logLevel: 'warn', database: { kind: 'postgres', url: 'postgres://u:p@db:5432/podplan' } });
  });

  it('names every invalid variable at once', () => {
    const attempt = () => loadAppConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', BODY_LIMIT: 'huge', LOG_LEVEL: 'chatty' });
    expect(attempt).toThrow(InvalidInputError);
    try {
      attempt();
    } catch (error) {
      expect((error as InvalidInputError).errors.map((fieldError) => fieldError.path).sort()).toEqual([
        'BODY_LIMIT',
        'DATABASE_URL',
        'LOG_LEVEL',
        'PORT',
      ]);
    }
  });
});

describe('the GraphQL schema file', () => {
  const npmStart = { schemaFile: 'schema.gql' };

  it('is written where the entry point asks outside production, and nowhere by default', () => {
    expect(loadAppConfig({}, {}, npmStart).schemaFile).toBe(resolve('schema.gql'));
    expect(loadAppConfig({}).schemaFile).toBeUndefined();
  });

  it('is not written under NODE_ENV=production (the image: read-only root filesystem)', () => {
    expect(loadAppConfig({ NODE_ENV: 'production' }, {}, npmStart)).not.toHaveProperty('schemaFile');
  });

  it('goes where PODPLAN_SCHEMA_FILE says, in production too', () => {
    expect(loadAppConfig({ NODE_ENV: 'production', PODPLAN_SCHEMA_FILE: 'out/schema.gql' }, {}, npmStart).schemaFile).toBe(resolve('out/schema.gql'));
  });
});

describe('parseByteSize', () => {
  it.each([
    ['256mb', 256 * 1024 ** 2],
    ['512KB', 512 * 1024],
    ['1gb', 1024 ** 3],
    ['1048576', 1_048_576],
    ['1.5mb', 1.5 * 1024 ** 2],
  ])('%s → %d bytes', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it.each(['', 'mb', '-1mb', '0', '12 parsecs'])('rejects %j', (text) => {
    expect(parseByteSize(text)).toBeUndefined();
  });
});

describe('LOG_LEVEL', () => {
  it.each(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const)('accepts pino\'s %s', (level) => {
    expect(loadAppConfig({ LOG_LEVEL: level }).logLevel).toBe(level);
  });

  it("keeps accepting Nest's names: log is info, verbose is trace", () => {
    expect(loadAppConfig({ LOG_LEVEL: 'log' }).logLevel).toBe('info');
    expect(loadAppConfig({ LOG_LEVEL: 'verbose' }).logLevel).toBe('trace');
  });
});

describe('observability settings', () => {
  it('reads the metrics port, the OTLP endpoint, its headers and the service name', () => {
    const config = loadAppConfig({
      PODPLAN_METRICS_PORT: '9464',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_EXPORTER_OTLP_HEADERS: 'api-key=abc%3D%3D, tenant=ops',
      OTEL_SERVICE_NAME: 'podplan-eu',
    });
    expect(config.observability).toEqual({
      metricsPort: 9464,
      otlpEndpoint: 'http://collector:4318',
      otlpHeaders: { 'api-key': 'abc==', tenant: 'ops' },
      serviceName: 'podplan-eu',
    });
  });

  it('names a bad metrics port, endpoint or header list', () => {
    try {
      loadAppConfig({ PODPLAN_METRICS_PORT: '70000', OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318', OTEL_EXPORTER_OTLP_HEADERS: 'no-equals-sign' });
      expect.unreachable('the configuration was accepted');
    } catch (error) {
      expect((error as InvalidInputError).errors.map((fieldError) => fieldError.path).sort()).toEqual([
        'OTEL_EXPORTER_OTLP_ENDPOINT',
        'OTEL_EXPORTER_OTLP_HEADERS',
        'PODPLAN_METRICS_PORT',
      ]);
    }
  });
});

describe('topology source settings', () => {
  it('takes PODPLAN_SOURCE_KEY as 32 bytes of base64 or hex, and has no key by default', () => {
    const key = Buffer.alloc(32, 7);
    expect(loadAppConfig({ PODPLAN_SOURCE_KEY: key.toString('base64') }).sources?.key?.equals(key)).toBe(true);
    expect(loadAppConfig({ PODPLAN_SOURCE_KEY: key.toString('hex') }).sources?.key?.equals(key)).toBe(true);
    expect(loadAppConfig({}).sources).toEqual({ keepRevisions: 50, minRefreshIntervalSeconds: 60, schedulerTickSeconds: 15 });
    expect(loadAppConfig({ PODPLAN_KEEP_REVISIONS: '7', PODPLAN_MIN_REFRESH_INTERVAL_SECONDS: '300' }).sources).toMatchObject({ keepRevisions: 7, minRefreshIntervalSeconds: 300 });
  });

  it('refuses a key that is not 32 bytes, and names how to make one, at start-up', () => {
    for (const bad of ['secret', Buffer.alloc(16).toString('base64'), 'z'.repeat(64)]) {
      try {
        loadAppConfig({ PODPLAN_SOURCE_KEY: bad, PODPLAN_KEEP_REVISIONS: '0' });
        expect.unreachable(`accepted ${bad}`);
      } catch (error) {
        expect((error as InvalidInputError).errors).toEqual([
          { path: 'PODPLAN_SOURCE_KEY', message: expect.stringContaining('openssl rand -base64 32') },
          { path: 'PODPLAN_KEEP_REVISIONS', message: expect.any(String) },
        ]);
      }
    }
  });
});

describe('PODPLAN_GRAPHIQL', () => {
  it('unset leaves the choice to the mode (served while no keys are configured); true and false decide', () => {
    expect(loadAppConfig({}).auth.graphiql).toBeUndefined();
    expect(loadAppConfig({ PODPLAN_GRAPHIQL: 'true' }).auth.graphiql).toBe(true);
    expect(loadAppConfig({ PODPLAN_GRAPHIQL: 'false' }).auth.graphiql).toBe(false);
    expect(() => loadAppConfig({ PODPLAN_GRAPHIQL: 'yes' })).toThrow(/PODPLAN_GRAPHIQL/);
  });
});
