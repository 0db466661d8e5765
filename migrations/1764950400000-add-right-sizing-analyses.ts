import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consolidation (which nodes can go) and node-pool migration (what a move to
 * other node groups needs) are stored like the other analyses: the kind
 * check admits them.
 */
export class AddRightSizingAnalyses1764950400000 implements MigrationInterface {
  name = 'AddRightSizingAnalyses1764950400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE analyses
        DROP CONSTRAINT analyses_kind_check,
        ADD CONSTRAINT analyses_kind_check
          CHECK (kind IN ('capacity', 'scale-up', 'failure-domains', 'fit-suggestions', 'compare-configs', 'consolidation', 'migration'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The older check cannot hold rows of the new kinds: they go with it.
    await queryRunner.query(`DELETE FROM analyses WHERE kind IN ('consolidation', 'migration')`);
    await queryRunner.query(`
      ALTER TABLE analyses
        DROP CONSTRAINT analyses_kind_check,
        ADD CONSTRAINT analyses_kind_check
          CHECK (kind IN ('capacity', 'scale-up', 'failure-domains', 'fit-suggestions', 'compare-configs'))`);
  }
}
