/** The jobs settings of loadAppConfig: defaults, parsing, and the roles the embedded store allows. */
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { DEFAULT_JOBS_CONFIG, jobsConfigOf, loadAppConfig } from '../../src/config/app-config.js';
import { InvalidInputError } from '../../src/kube/field-error.js';

const POSTGRES = { DATABASE_URL: 'postgres://podplan@db:5432/podplan' };

function refusal(environment: Record<string, string>): unknown[] {
  try {
    loadAppConfig(environment);
  } catch (error) {
    if (error instanceof InvalidInputError) return error.errors;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('jobs configuration', () => {
  it('defaults to both roles, a million replica-node evaluations before a plan goes to the background, and one core kept for the event loop', () => {
    const threads = Math.max(1, availableParallelism() - 1);
    expect(loadAppConfig({}).jobs).toEqual({
      role: 'all',
      planAsyncThreshold: 1_000_000,
      simulationThreadThreshold: 10_000,
      engineThreads: threads,
      jobConcurrency: threads,
      jobExpireSeconds: 900,
      jobRetryLimit: 3,
      jobPollSeconds: 2,
      leaseSeconds: 15,
      leaseRenewSeconds: 5,
    });
  });

  it('reads every setting from the environment', () => {
    const config = loadAppConfig({
      ...POSTGRES,
      PODPLAN_ROLE: 'worker',
      PLAN_ASYNC_THRESHOLD: '0',
      SIMULATION_THREAD_THRESHOLD: '500',
      ENGINE_THREADS: '3',
      PLAN_JOB_CONCURRENCY: '2',
      PLAN_JOB_EXPIRE_SECONDS: '60',
      PLAN_JOB_RETRY_LIMIT: '5',
      PLAN_JOB_POLL_SECONDS: '0.5',
      PLAN_LEASE_SECONDS: '4',
      PLAN_LEASE_RENEW_SECONDS: '1.5',
    });
    expect(config.jobs).toEqual({
      role: 'worker',
      planAsyncThreshold: 0,
      simulationThreadThreshold: 500,
      engineThreads: 3,
      jobConcurrency: 2,
      jobExpireSeconds: 60,
      jobRetryLimit: 5,
      jobPollSeconds: 0.5,
      leaseSeconds: 4,
      leaseRenewSeconds: 1.5,
    });
  });

  it('runs one job per engine thread unless told otherwise, and at least one with the engine on the event loop', () => {
    expect(loadAppConfig({ ENGINE_THREADS: '4' }).jobs).toMatchObject({ engineThreads: 4, jobConcurrency: 4 });
    expect(loadAppConfig({ ENGINE_THREADS: '0' }).jobs).toMatchObject({ engineThreads: 0, jobConcurrency: 1 });
  });

  it('refuses splitting API and workers on the embedded store, which one process owns', () => {
    expect(refusal({ PODPLAN_ROLE: 'serve' })).toEqual([
      { path: 'PODPLAN_ROLE', message: 'must be "all" with the embedded store, which one process runs (set DATABASE_URL to split API and workers)' },
    ]);
    expect(loadAppConfig({ ...POSTGRES, PODPLAN_ROLE: 'serve' }).jobs?.role).toBe('serve');
  });

  it('names bad values', () => {
    const paths = refusal({ ...POSTGRES, PODPLAN_ROLE: 'both', ENGINE_THREADS: '-1', PLAN_JOB_POLL_SECONDS: '0.1' }).map((error) => (error as { path: string }).path);
    expect(paths.sort()).toEqual(['ENGINE_THREADS', 'PLAN_JOB_POLL_SECONDS', 'PODPLAN_ROLE']);
  });

  it('refuses a lease that one late renewal would lose, and a job expiry that is no backstop behind the lease', () => {
    expect(refusal({ PLAN_LEASE_SECONDS: '10', PLAN_LEASE_RENEW_SECONDS: '6' })).toEqual([
      { path: 'PLAN_LEASE_RENEW_SECONDS', message: 'must be at most half of PLAN_LEASE_SECONDS (10), so one late renewal does not lose a running plan' },
    ]);
    expect(loadAppConfig({ PLAN_LEASE_SECONDS: '10', PLAN_LEASE_RENEW_SECONDS: '5' }).jobs).toMatchObject({ leaseSeconds: 10, leaseRenewSeconds: 5 });
    expect(refusal({ PLAN_LEASE_SECONDS: '60', PLAN_JOB_EXPIRE_SECONDS: '60' })).toEqual([
      { path: 'PLAN_JOB_EXPIRE_SECONDS', message: "must exceed PLAN_LEASE_SECONDS (60): the job's expiry is the backstop behind the lease" },
    ]);
    const paths = refusal({ PLAN_LEASE_SECONDS: '0.5', PLAN_LEASE_RENEW_SECONDS: 'soon' }).map((error) => (error as { path: string }).path);
    expect(paths.sort()).toEqual(['PLAN_LEASE_RENEW_SECONDS', 'PLAN_LEASE_SECONDS']);
  });

  it('gives hand-built configurations without jobs settings the defaults', () => {
    const { jobs: _jobs, ...withoutJobs } = loadAppConfig({});
    expect(jobsConfigOf(withoutJobs)).toBe(DEFAULT_JOBS_CONFIG);
  });
});
