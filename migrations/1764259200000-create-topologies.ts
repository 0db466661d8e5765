import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Saved cluster topologies and their immutable revisions.
 * Postgres 15 features only (CI and the embedded store run 15).
 * gen_random_uuid() is built in since Postgres 13, so no extension is needed.
 */
export class CreateTopologies1764259200000 implements MigrationInterface {
  name = 'CreateTopologies1764259200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE topologies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team text NOT NULL DEFAULT 'default',
        name text NOT NULL,
        latest_revision integer NOT NULL CHECK (latest_revision >= 1),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz NULL
      )`);
    // Listing pages through live topologies of a team in (created_at, id) order.
    await queryRunner.query(`
      CREATE INDEX topologies_team_listing_idx
        ON topologies (team, created_at, id)
        WHERE deleted_at IS NULL`);
    await queryRunner.query(`
      CREATE TABLE topology_revisions (
        topology_id uuid NOT NULL REFERENCES topologies (id) ON DELETE CASCADE,
        revision integer NOT NULL CHECK (revision >= 1),
        objects jsonb NOT NULL,
        summary jsonb NOT NULL,
        warnings jsonb NOT NULL DEFAULT '[]'::jsonb,
        dropped jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (topology_id, revision)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE topology_revisions');
    await queryRunner.query('DROP TABLE topologies');
  }
}
