import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys (stored as SHA-256 hashes, never the secret) and the audit log of
 * writes. Keys are revoked, never deleted, so the audit log can always name
 * the key behind an action, and so that "keys have been configured" stays
 * true after the last key is revoked (the service never reopens by itself).
 */
export class CreateApiKeysAndAuditLog1764518400000 implements MigrationInterface {
  name = 'CreateApiKeysAndAuditLog1764518400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team text NOT NULL CHECK (length(team) BETWEEN 1 AND 63),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 253),
        role text NOT NULL CHECK (role IN ('viewer', 'planner', 'editor', 'admin')),
        prefix text NOT NULL UNIQUE,
        secret_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz NULL
      )`);
    await queryRunner.query('CREATE INDEX api_keys_team_idx ON api_keys (team, created_at, id)');
    await queryRunner.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        team text NOT NULL,
        key_id uuid NULL REFERENCES api_keys (id),
        source text NOT NULL CHECK (source IN ('api-key', 'admin-key', 'open')),
        action text NOT NULL,
        object_id text NULL
      )`);
    // Admins read their team's log newest first.
    await queryRunner.query('CREATE INDEX audit_log_team_idx ON audit_log (team, id)');
    // Plans are now looked up by (id, team) and listed per team.
    await queryRunner.query('CREATE INDEX plans_team_idx ON plans (team, topology_id) WHERE deleted_at IS NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX plans_team_idx');
    await queryRunner.query('DROP TABLE audit_log');
    await queryRunner.query('DROP TABLE api_keys');
  }
}
