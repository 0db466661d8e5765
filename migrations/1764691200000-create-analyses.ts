import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What-if analyses run on a saved topology, kept beside its plans: the
 * request and the whole result (small: counts, verdicts, suggestions and at
 * most one summary plan), pointing at the revision they ran on.
 */
export class CreateAnalyses1764691200000 implements MigrationInterface {
  name = 'CreateAnalyses1764691200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE analyses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team text NOT NULL DEFAULT 'default',
        topology_id uuid NOT NULL,
        revision integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('capacity', 'scale-up', 'failure-domains', 'fit-suggestions', 'compare-configs')),
        request jsonb NOT NULL,
        result jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (topology_id, revision) REFERENCES topology_revisions (topology_id, revision) ON DELETE CASCADE
      )`);
    // Listing a topology's analyses in (created_at, id) order.
    await queryRunner.query('CREATE INDEX analyses_topology_listing_idx ON analyses (topology_id, created_at, id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE analyses');
  }
}
