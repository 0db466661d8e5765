import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Leases on running plans: the worker running a plan holds it until
 * `lease_expires_at` and renews that every few seconds; a plan whose lease
 * ran out lost its worker (killed or stalled) and is taken back to `queued`.
 * `attempts` counts the times a worker took the plan: with `worker_id` it
 * names one attempt (a fencing token), so a worker that lost its lease can no
 * longer renew, record progress or store; and it caps the retries of a plan
 * whose workers keep dying. Plans already running when this runs have no
 * lease and keep the old recovery (the job's expiry).
 */
export class AddPlanLeases1764864000000 implements MigrationInterface {
  name = 'AddPlanLeases1764864000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE plans
        ADD COLUMN worker_id text NULL,
        ADD COLUMN lease_expires_at timestamptz NULL,
        ADD COLUMN attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0)`);
    // The reaper's scan: running plans by lease expiry, in every API and worker process every few seconds.
    await queryRunner.query(`CREATE INDEX plans_running_lease_idx ON plans (lease_expires_at) WHERE status = 'running'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX plans_running_lease_idx');
    await queryRunner.query('ALTER TABLE plans DROP COLUMN attempts, DROP COLUMN lease_expires_at, DROP COLUMN worker_id');
  }
}
