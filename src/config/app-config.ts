/**
 * The service configuration, validated once at boot. `loadAppConfig` is the
 * only place that reads the environment; everything else receives an
 * `AppConfig` (injected as APP_CONFIG).
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { InvalidInputError } from '../kube/field-error.js';
import { adminKeyWeakness } from './admin-key-strength.js';

/** Log levels by pino's names, most severe first; `silent` logs nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
/** NestJS's level names, accepted as before: `log` is pino's `info`, `verbose` its `trace`. */
const NEST_LOG_LEVEL_ALIASES: Readonly<Record<string, LogLevel>> = { log: 'info', verbose: 'trace' };

/** Where topologies are stored: an external Postgres, or a PostgreSQL server podplan runs itself under a data directory. */
export type DatabaseConfig =
  | { kind: 'postgres'; url: string }
  | { kind: 'embedded'; dataDirectory: string };

/** Which parts of podplan a process runs: the API, the plan-job consumer, or both (the default). */
export const PROCESS_ROLES = ['all', 'serve', 'worker'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

/** Background plan jobs and the engine's worker threads (see src/jobs). */
export interface JobsConfig {
  readonly role: ProcessRole;
  /** Plans whose replicas × nodes exceed this run as background jobs (POST answers 202). */
  readonly planAsyncThreshold: number;
  /** Simulations and inline plans whose replicas × nodes exceed this run on an engine thread. */
  readonly simulationThreadThreshold: number;
  /** Engine worker threads per process (0: run the engine on the main thread). */
  readonly engineThreads: number;
  /** Plan jobs one worker process runs at once. */
  readonly jobConcurrency: number;
  /**
   * A job still active after this long is retried: the backstop behind the
   * plan's lease, which notices a lost worker far sooner.
   */
  readonly jobExpireSeconds: number;
  /** Retries of a plan whose worker was lost or stopped: a plan whose worker is lost on attempt jobRetryLimit + 1 fails. */
  readonly jobRetryLimit: number;
  /** How often an idle consumer asks the queue for work. */
  readonly jobPollSeconds: number;
  /**
   * How long a running plan stays its worker's without a renewal: a plan
   * whose worker died or stalled is re-queued this long after its last renewal.
   */
  readonly leaseSeconds: number;
  /** How often the worker renews its plans' leases, and the longest any process waits between looks for expired ones. */
  readonly leaseRenewSeconds: number;
}

export interface AppConfig {
  readonly host: string;
  readonly port: number;
  readonly database: DatabaseConfig;
  /** Largest body of a route that takes cluster objects (imports, simulations, analyses, GraphQL), in bytes: a 5,000-node dump is tens of MB. */
  readonly bodyLimitBytes: number;
  /** Largest body of every other route (plans on a saved topology, keys, reruns), in bytes. */
  readonly smallBodyLimitBytes: number;
  readonly logLevel: LogLevel;
  /**
   * When set, the GraphQL schema (SDL) is written here at start-up: `npm start`
   * keeps the committed schema.gql current. Unset, the schema lives in memory
   * only, as a read-only root filesystem needs.
   */
  readonly schemaFile?: string;
  readonly auth: AuthConfig;
  /** Browser origins allowed to call the API (CORS); empty means none. */
  readonly corsOrigins: readonly string[];
  readonly limits: RequestLimits;
  /** Absent in hand-built configs (tests): `jobsConfigOf` supplies the defaults. */
  readonly jobs?: JobsConfig;
  /** Where log lines go; stdout when absent. Not an environment setting: tests capture lines with it. */
  readonly logDestination?: LogDestination;
  /** Absent in hand-built configs (tests): metrics on the main port, tracing off. */
  readonly observability?: ObservabilityConfig;
  /** Absent in hand-built configs (tests): `sourcesConfigOf` supplies the defaults (no key). */
  readonly sources?: SourcesConfig;
}

/** Topologies that follow a cluster: stored kubeconfigs, scheduled refreshes, retention (see src/topologies/sources). */
export interface SourcesConfig {
  /**
   * PODPLAN_SOURCE_KEY: the AES-256-GCM key stored kubeconfigs are sealed
   * with (32 bytes). Without it no kubeconfig is stored (in-cluster sources
   * need none).
   */
  readonly key?: Buffer;
  /** PODPLAN_KEEP_REVISIONS: revisions a refreshed topology keeps (older ones no plan or analysis uses are deleted). */
  readonly keepRevisions: number;
  /** PODPLAN_MIN_REFRESH_INTERVAL_SECONDS: the shortest refreshInterval a source may ask for. */
  readonly minRefreshIntervalSeconds: number;
  /** PODPLAN_REFRESH_TICK_SECONDS: how often a worker looks for sources due a refresh. */
  readonly schedulerTickSeconds: number;
}

export const DEFAULT_SOURCES_CONFIG: SourcesConfig = { keepRevisions: 50, minRefreshIntervalSeconds: 60, schedulerTickSeconds: 15 };

export function sourcesConfigOf(config: AppConfig): SourcesConfig {
  return config.sources ?? DEFAULT_SOURCES_CONFIG;
}

/** 32 bytes as base64 (`openssl rand -base64 32`) or 64 hex digits (`openssl rand -hex 32`). */
function parseSourceKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (/^[0-9a-f]{64}$/i.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/]{43}=?$/.test(trimmed) || /^[A-Za-z0-9_-]{43}$/.test(trimmed)) {
    const key = Buffer.from(trimmed, trimmed.includes('-') || trimmed.includes('_') ? 'base64url' : 'base64');
    return key.length === 32 ? key : undefined;
  }
  return undefined;
}

/** Receives each log line (one JSON document and a newline). */
export interface LogDestination {
  write(line: string): unknown;
}

/** Metrics and traces (see "Operations" in the README). */
export interface ObservabilityConfig {
  /** PODPLAN_METRICS_PORT: when set, /metrics is also served there, without authentication (0 picks a free port). */
  readonly metricsPort?: number;
  /** OTEL_EXPORTER_OTLP_ENDPOINT: traces are exported over OTLP/HTTP when set, and not recorded at all otherwise. */
  readonly otlpEndpoint?: string;
  /** OTEL_EXPORTER_OTLP_HEADERS (`key=value,…`): sent with every export, e.g. a collector's API key. */
  readonly otlpHeaders: Readonly<Record<string, string>>;
  /** OTEL_SERVICE_NAME: the `service.name` of exported spans. */
  readonly serviceName: string;
}

export const DEFAULT_OBSERVABILITY_CONFIG: ObservabilityConfig = { otlpHeaders: {}, serviceName: 'podplan' };

/** `key=value,key2=value2` as OpenTelemetry's exporters read OTEL_EXPORTER_OTLP_HEADERS (values percent-decoded). */
function parseOtlpHeaders(text: string): Record<string, string> | undefined {
  const headers: Record<string, string> = {};
  for (const pair of text.split(',').map((part) => part.trim()).filter((part) => part.length > 0)) {
    const equals = pair.indexOf('=');
    if (equals <= 0) return undefined;
    try {
      headers[pair.slice(0, equals).trim()] = decodeURIComponent(pair.slice(equals + 1).trim());
    } catch {
      return undefined;
    }
  }
  return headers;
}

export function observabilityConfigOf(config: AppConfig): ObservabilityConfig {
  return config.observability ?? DEFAULT_OBSERVABILITY_CONFIG;
}

/** One core for the event loop, the rest for the engine. */
function defaultEngineThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

export const DEFAULT_JOBS_CONFIG: JobsConfig = {
  role: 'all',
  // 200 replicas on a 5,000-node cluster, or 2,000 on 500 nodes.
  planAsyncThreshold: 1_000_000,
  // Above roughly 20 replicas on 500 nodes a thread hop costs less than a blocked event loop.
  simulationThreadThreshold: 10_000,
  engineThreads: 0,
  jobConcurrency: 1,
  // Far above the lease: only a plan whose lease could not be taken back (no process reaping) waits for it.
  jobExpireSeconds: 900,
  jobRetryLimit: 3,
  jobPollSeconds: 2,
  // Three renewals per lease: one late or failed renewal (a database hiccup, a GC pause) does not lose the plan.
  leaseSeconds: 15,
  leaseRenewSeconds: 5,
};

export function jobsConfigOf(config: AppConfig): JobsConfig {
  return config.jobs ?? DEFAULT_JOBS_CONFIG;
}

export interface AuthConfig {
  /** PODPLAN_ADMIN_KEY: accepted as an admin key of team `default`. */
  readonly adminKey?: string;
  /** PODPLAN_ALLOW_UNAUTHENTICATED: serve without keys on a non-loopback HOST. */
  readonly allowUnauthenticated: boolean;
  /**
   * PODPLAN_ALLOWED_HOSTS: host names (no port) requests may carry in `Host`
   * besides loopback ones. Without keys only loopback names and these are
   * answered (DNS rebinding); with keys, any host unless this is set.
   */
  readonly allowedHosts: readonly string[];
  /** PODPLAN_PUBLIC_DOCS: serve /docs and /openapi.json without a key. */
  readonly publicDocs: boolean;
  /**
   * PODPLAN_GRAPHIQL: GraphiQL at /graphql for browsers. Unset: served while
   * no keys are configured (open mode); true: always (the page holds no data,
   * its requests carry the key typed into its headers); false: never.
   */
  readonly graphiql?: boolean;
  /** PODPLAN_TRUST_PROXY: Express's `trust proxy`, so the client address is the one a reverse proxy saw. */
  readonly trustProxy: boolean | number | string;
  /** Failed authentications one client address may make per minute, after a burst. */
  readonly failedAttemptsPerMinute: number;
  readonly failedAttemptBurst: number;
}

export const DEFAULT_AUTH_CONFIG: Omit<AuthConfig, 'adminKey'> = {
  allowUnauthenticated: false,
  allowedHosts: [],
  publicDocs: false,
  trustProxy: false,
  failedAttemptsPerMinute: 10,
  failedAttemptBurst: 20,
};

/** Limits on what one request may ask for; each refusal names its setting and value. */
export interface RequestLimits {
  /** Objects one topology revision may hold (nodes, pods, namespaces, …). */
  readonly maxTopologyObjects: number;
  /** Replicas one simulation or plan may place. */
  readonly maxPlanReplicas: number;
  /** Nodes × replicas: the filter/score evaluations one plan may cost. */
  readonly maxPlanWork: number;
  /**
   * Replicas × nodes one `explain: "full"` answer may list (each such cell is a
   * node's whole filter and score record, a few hundred bytes of JSON).
   */
  readonly maxExplainCells: number;
  /** Levels of nesting a submitted document may have (Kubernetes objects need about 15). */
  readonly maxDocumentDepth: number;
  /** Heap of the thread that parses YAML bodies, in MiB: a body whose parse needs more is refused with 413. */
  readonly parseHeapMegabytes: number;
  /** Wall-clock time one plan may take before it is stopped. */
  readonly planTimeoutMs: number;
  /** Requests per API key per minute (the open, keyless mode is not limited); 0 turns rate limiting off. */
  readonly rateLimitPerMinute: number;
  /** Requests one key may send at once above its steady rate. */
  readonly rateLimitBurst: number;
}

const BYTE_UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** "256mb", "10kb", "1048576" → bytes, as the body-parser `limit` option reads them. */
export function parseByteSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(text);
  if (!match) return undefined;
  const bytes = Number(match[1]) * BYTE_UNITS[(match[2] ?? 'b').toLowerCase()];
  return Number.isSafeInteger(Math.floor(bytes)) && bytes > 0 ? Math.floor(bytes) : undefined;
}

function byteSize(fallback: string) {
  return z
    .string()
    .default(fallback)
    .transform((value, context) => {
      const bytes = parseByteSize(value);
      if (bytes === undefined) {
        context.addIssue({ code: 'custom', message: 'must be a size such as "256mb", "512kb" or a byte count' });
        return z.NEVER;
      }
      return bytes;
    });
}

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  PODPLAN_DATA_DIR: z.string().min(1).default('./.podplan'),
  PODPLAN_SCHEMA_FILE: z.string().min(1).optional(),
  // Only decides whether an entry point's default schema file applies (see EntryPointDefaults).
  NODE_ENV: z.string().optional(),
  BODY_LIMIT: byteSize('256mb'),
  LOG_LEVEL: z
    .enum([...LOG_LEVELS, 'log', 'verbose'])
    .default('info')
    .transform((level): LogLevel => NEST_LOG_LEVEL_ALIASES[level] ?? (level as LogLevel)),
  SMALL_BODY_LIMIT: byteSize('1mb'),
  PODPLAN_ADMIN_KEY: z
    .string()
    .superRefine((key, context) => {
      const weakness = adminKeyWeakness(key);
      if (weakness !== undefined) context.addIssue({ code: 'custom', message: weakness });
    })
    .optional(),
  PODPLAN_ALLOW_UNAUTHENTICATED: z.enum(['true', 'false']).default('false'),
  PODPLAN_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((host) => host.trim().toLowerCase()).filter((host) => host.length > 0))
    .refine((hosts) => hosts.every((host) => !host.includes(':') || host.startsWith('[')), 'must list host names without ports, e.g. "podplan.internal,10.0.0.5"'),
  PODPLAN_PUBLIC_DOCS: z.enum(['true', 'false']).default('false'),
  PODPLAN_GRAPHIQL: z.enum(['true', 'false']).optional(),
  PODPLAN_TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value): boolean | number | string => (value === 'true' ? true : value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value)),
  PODPLAN_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(0).default(DEFAULT_AUTH_CONFIG.failedAttemptsPerMinute),
  PODPLAN_AUTH_FAILURE_BURST: z.coerce.number().int().positive().default(DEFAULT_AUTH_CONFIG.failedAttemptBurst),
  CORS_ORIGINS: z.string().default(''),
  PODPLAN_MAX_TOPOLOGY_OBJECTS: z.coerce.number().int().positive().default(250_000),
  PODPLAN_MAX_PLAN_REPLICAS: z.coerce.number().int().positive().default(50_000),
  PODPLAN_MAX_PLAN_WORK: z.coerce.number().int().positive().default(250_000_000),
  PODPLAN_MAX_EXPLAIN_CELLS: z.coerce.number().int().positive().default(100_000),
  PODPLAN_MAX_DOCUMENT_DEPTH: z.coerce.number().int().min(16).default(64),
  PODPLAN_PARSE_HEAP_MB: z.coerce.number().int().min(64).default(4096),
  PODPLAN_PLAN_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
  PODPLAN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  PODPLAN_RATE_LIMIT_BURST: z.coerce.number().int().positive().default(60),
  PODPLAN_ROLE: z.enum(PROCESS_ROLES).default('all'),
  PLAN_ASYNC_THRESHOLD: z.coerce.number().int().min(0).default(DEFAULT_JOBS_CONFIG.planAsyncThreshold),
  SIMULATION_THREAD_THRESHOLD: z.coerce.number().int().min(0).default(DEFAULT_JOBS_CONFIG.simulationThreadThreshold),
  ENGINE_THREADS: z.coerce.number().int().min(0).max(256).optional(),
  PLAN_JOB_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
  PLAN_JOB_EXPIRE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(DEFAULT_JOBS_CONFIG.jobExpireSeconds),
  PLAN_JOB_RETRY_LIMIT: z.coerce.number().int().min(0).max(100).default(DEFAULT_JOBS_CONFIG.jobRetryLimit),
  PLAN_JOB_POLL_SECONDS: z.coerce.number().min(0.5).max(600).default(DEFAULT_JOBS_CONFIG.jobPollSeconds),
  PLAN_LEASE_SECONDS: z.coerce.number().min(1).max(3_600).default(DEFAULT_JOBS_CONFIG.leaseSeconds),
  PLAN_LEASE_RENEW_SECONDS: z.coerce.number().min(0.1).max(1_800).default(DEFAULT_JOBS_CONFIG.leaseRenewSeconds),
  PODPLAN_METRICS_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  OTEL_EXPORTER_OTLP_HEADERS: z
    .string()
    .default('')
    .transform((value, context) => {
      const headers = parseOtlpHeaders(value);
      if (headers === undefined) {
        context.addIssue({ code: 'custom', message: 'must be comma-separated key=value pairs (values percent-encoded)' });
        return z.NEVER;
      }
      return headers;
    }),
  OTEL_SERVICE_NAME: z.string().min(1).default(DEFAULT_OBSERVABILITY_CONFIG.serviceName),
  PODPLAN_SOURCE_KEY: z
    .string()
    .transform((value, context) => {
      const key = parseSourceKey(value);
      if (key === undefined) {
        context.addIssue({ code: 'custom', message: 'must be 32 random bytes as base64 (openssl rand -base64 32) or 64 hex digits (openssl rand -hex 32)' });
        return z.NEVER;
      }
      return key;
    })
    .optional(),
  PODPLAN_KEEP_REVISIONS: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_SOURCES_CONFIG.keepRevisions),
  PODPLAN_MIN_REFRESH_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(DEFAULT_SOURCES_CONFIG.minRefreshIntervalSeconds),
  PODPLAN_REFRESH_TICK_SECONDS: z.coerce.number().min(0.1).max(3_600).default(DEFAULT_SOURCES_CONFIG.schedulerTickSeconds),
});

/** Relations between the lease settings that one variable's schema cannot express. */
function leaseSettingErrors(values: z.output<typeof environmentSchema>): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  if (values.PLAN_LEASE_RENEW_SECONDS * 2 > values.PLAN_LEASE_SECONDS) {
    errors.push({
      path: 'PLAN_LEASE_RENEW_SECONDS',
      message: `must be at most half of PLAN_LEASE_SECONDS (${values.PLAN_LEASE_SECONDS}), so one late renewal does not lose a running plan`,
    });
  }
  if (values.PLAN_JOB_EXPIRE_SECONDS <= values.PLAN_LEASE_SECONDS) {
    errors.push({
      path: 'PLAN_JOB_EXPIRE_SECONDS',
      message: `must exceed PLAN_LEASE_SECONDS (${values.PLAN_LEASE_SECONDS}): the job's expiry is the backstop behind the lease`,
    });
  }
  return errors;
}

export type Environment = Readonly<Record<string, string | undefined>>;

/** Every variable loadAppConfig reads: the deployment files' tests check their settings against it. */
export const ENVIRONMENT_VARIABLES: readonly string[] = Object.keys(environmentSchema.shape);

/** What an entry point wants when the environment says nothing. */
export interface EntryPointDefaults {
  /**
   * `npm start` from a checkout writes the committed schema.gql; ignored when
   * NODE_ENV=production (the image: read-only root filesystem), and
   * `podplan serve` passes none, so it never drops a file in its caller's
   * directory. PODPLAN_SCHEMA_FILE overrides both.
   */
  readonly schemaFile?: string;
}

/** Validates the environment; throws InvalidInputError naming every bad variable. */
export function loadAppConfig(environment: Environment, overrides: Partial<AppConfig> = {}, defaults: EntryPointDefaults = {}): AppConfig {
  // An empty variable means "unset", as in most twelve-factor services.
  const present = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    throw new InvalidInputError(
      parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  const values = parsed.data;
  const leaseErrors = leaseSettingErrors(values);
  if (leaseErrors.length > 0) throw new InvalidInputError(leaseErrors);
  if (!values.DATABASE_URL && values.PODPLAN_ROLE !== 'all') {
    // The embedded server belongs to the one process that started it; other processes have no URL to reach it by.
    throw new InvalidInputError([{ path: 'PODPLAN_ROLE', message: 'must be "all" with the embedded store, which one process runs (set DATABASE_URL to split API and workers)' }]);
  }
  return {
    host: values.HOST,
    port: values.PORT,
    database: values.DATABASE_URL
      ? { kind: 'postgres', url: values.DATABASE_URL }
      : { kind: 'embedded', dataDirectory: resolve(values.PODPLAN_DATA_DIR) },
    bodyLimitBytes: values.BODY_LIMIT,
    smallBodyLimitBytes: values.SMALL_BODY_LIMIT,
    logLevel: values.LOG_LEVEL,
    ...schemaFileOf(values.PODPLAN_SCHEMA_FILE ?? (values.NODE_ENV === 'production' ? undefined : defaults.schemaFile)),
    auth: {
      ...(values.PODPLAN_ADMIN_KEY ? { adminKey: values.PODPLAN_ADMIN_KEY } : {}),
      allowUnauthenticated: values.PODPLAN_ALLOW_UNAUTHENTICATED === 'true',
      allowedHosts: values.PODPLAN_ALLOWED_HOSTS,
      publicDocs: values.PODPLAN_PUBLIC_DOCS === 'true',
      ...(values.PODPLAN_GRAPHIQL === undefined ? {} : { graphiql: values.PODPLAN_GRAPHIQL === 'true' }),
      trustProxy: values.PODPLAN_TRUST_PROXY,
      failedAttemptsPerMinute: values.PODPLAN_AUTH_FAILURES_PER_MINUTE,
      failedAttemptBurst: values.PODPLAN_AUTH_FAILURE_BURST,
    },
    corsOrigins: values.CORS_ORIGINS.split(',').map((origin) => origin.trim()).filter((origin) => origin.length > 0),
    limits: {
      maxTopologyObjects: values.PODPLAN_MAX_TOPOLOGY_OBJECTS,
      maxPlanReplicas: values.PODPLAN_MAX_PLAN_REPLICAS,
      maxPlanWork: values.PODPLAN_MAX_PLAN_WORK,
      maxExplainCells: values.PODPLAN_MAX_EXPLAIN_CELLS,
      maxDocumentDepth: values.PODPLAN_MAX_DOCUMENT_DEPTH,
      parseHeapMegabytes: values.PODPLAN_PARSE_HEAP_MB,
      planTimeoutMs: values.PODPLAN_PLAN_TIMEOUT_MS,
      rateLimitPerMinute: values.PODPLAN_RATE_LIMIT_PER_MINUTE,
      rateLimitBurst: values.PODPLAN_RATE_LIMIT_BURST,
    },
    jobs: jobsConfigFrom(values),
    observability: {
      ...(values.PODPLAN_METRICS_PORT !== undefined ? { metricsPort: values.PODPLAN_METRICS_PORT } : {}),
      ...(values.OTEL_EXPORTER_OTLP_ENDPOINT ? { otlpEndpoint: values.OTEL_EXPORTER_OTLP_ENDPOINT } : {}),
      otlpHeaders: values.OTEL_EXPORTER_OTLP_HEADERS,
      serviceName: values.OTEL_SERVICE_NAME,
    },
    sources: {
      ...(values.PODPLAN_SOURCE_KEY ? { key: values.PODPLAN_SOURCE_KEY } : {}),
      keepRevisions: values.PODPLAN_KEEP_REVISIONS,
      minRefreshIntervalSeconds: values.PODPLAN_MIN_REFRESH_INTERVAL_SECONDS,
      schedulerTickSeconds: values.PODPLAN_REFRESH_TICK_SECONDS,
    },
    ...overrides,
  };
}

function schemaFileOf(path: string | undefined): Pick<AppConfig, 'schemaFile'> {
  return path === undefined ? {} : { schemaFile: resolve(path) };
}

function jobsConfigFrom(values: z.output<typeof environmentSchema>): JobsConfig {
  const engineThreads = values.ENGINE_THREADS ?? defaultEngineThreads();
  return {
    role: values.PODPLAN_ROLE,
    planAsyncThreshold: values.PLAN_ASYNC_THRESHOLD,
    simulationThreadThreshold: values.SIMULATION_THREAD_THRESHOLD,
    engineThreads,
    // One job per engine thread keeps every core busy without queueing work inside the process.
    jobConcurrency: values.PLAN_JOB_CONCURRENCY ?? Math.max(1, engineThreads),
    jobExpireSeconds: values.PLAN_JOB_EXPIRE_SECONDS,
    jobRetryLimit: values.PLAN_JOB_RETRY_LIMIT,
    jobPollSeconds: values.PLAN_JOB_POLL_SECONDS,
    leaseSeconds: values.PLAN_LEASE_SECONDS,
    leaseRenewSeconds: values.PLAN_LEASE_RENEW_SECONDS,
  };
}
