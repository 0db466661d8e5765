import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stored placement plans and their per-replica placements.
 * A plan points at the topology revision it ran on; placements are rows so
 * large plans page and filter in SQL (by workload, node, unplaceable).
 * `status`/`progress_*` let long plans run as background jobs.
 */
export class CreatePlans1764345600000 implements MigrationInterface {
  name = 'CreatePlans1764345600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team text NOT NULL DEFAULT 'default',
        topology_id uuid NOT NULL,
        revision integer NOT NULL,
        name text NULL,
        status text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
        request jsonb NOT NULL,
        result jsonb NULL,
        error jsonb NULL,
        progress_done integer NOT NULL DEFAULT 0,
        progress_total integer NOT NULL DEFAULT 0,
        timings jsonb NULL,
        rerun_of uuid NULL REFERENCES plans (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz NULL,
        deleted_at timestamptz NULL,
        FOREIGN KEY (topology_id, revision) REFERENCES topology_revisions (topology_id, revision) ON DELETE CASCADE
      )`);
    // Listing a topology's live plans in (created_at, id) order.
    await queryRunner.query(`
      CREATE INDEX plans_topology_listing_idx
        ON plans (topology_id, created_at, id)
        WHERE deleted_at IS NULL`);
    await queryRunner.query(`
      CREATE TABLE plan_placements (
        plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
        ordinal integer NOT NULL CHECK (ordinal >= 0),
        workload_kind text NOT NULL,
        workload_namespace text NOT NULL,
        workload_name text NOT NULL,
        replica integer NOT NULL,
        namespace text NOT NULL,
        pod text NOT NULL,
        node text NULL,
        zone text NULL,
        score double precision NULL,
        placement jsonb NOT NULL,
        PRIMARY KEY (plan_id, ordinal)
      )`);
    await queryRunner.query('CREATE INDEX plan_placements_node_idx ON plan_placements (plan_id, node, ordinal)');
    await queryRunner.query('CREATE UNIQUE INDEX plan_placements_pod_idx ON plan_placements (plan_id, namespace, pod)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE plan_placements');
    await queryRunner.query('DROP TABLE plans');
  }
}
