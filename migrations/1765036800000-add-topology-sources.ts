import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Topologies that follow a cluster (issue 20). A topology may have one
 * source: a kubeconfig sealed with AES-256-GCM under PODPLAN_SOURCE_KEY
 * (`kubeconfig_secret`, with the key's fingerprint), or the pod's own
 * service account (`in-cluster`). `next_refresh_at` is when the scheduler
 * next enqueues a refresh (null: on demand only); `last_refresh` is the
 * outcome of the latest attempt, success or not.
 *
 * `topology_revisions.digest` is the SHA-256 of a revision's stored objects
 * in canonical JSON: a refresh or re-import whose objects have the latest
 * revision's digest stores nothing. Older revisions have none until first
 * compared (the comparison computes and records it).
 */
export class AddTopologySources1765036800000 implements MigrationInterface {
  name = 'AddTopologySources1765036800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE topology_revisions ADD COLUMN digest text NULL');
    await queryRunner.query(`
      CREATE TABLE topology_sources (
        topology_id uuid PRIMARY KEY REFERENCES topologies (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('kubeconfig', 'in-cluster')),
        kubeconfig_secret bytea NULL,
        key_fingerprint text NULL,
        context text NOT NULL,
        server text NULL,
        namespace_selector text NULL,
        refresh_interval_seconds integer NULL CHECK (refresh_interval_seconds > 0),
        next_refresh_at timestamptz NULL,
        last_refresh jsonb NULL,
        last_success_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'kubeconfig') = (kubeconfig_secret IS NOT NULL)),
        CHECK ((kubeconfig_secret IS NULL) = (key_fingerprint IS NULL)),
        CHECK (refresh_interval_seconds IS NOT NULL OR next_refresh_at IS NULL)
      )`);
    // The scheduler's scan: sources due a refresh, every few seconds in every worker.
    await queryRunner.query('CREATE INDEX topology_sources_due_idx ON topology_sources (next_refresh_at) WHERE next_refresh_at IS NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE topology_sources');
    await queryRunner.query('ALTER TABLE topology_revisions DROP COLUMN digest');
  }
}
