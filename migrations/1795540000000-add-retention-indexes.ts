import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19 item 2: retention (src/retention/ deletes old requests, runs and steps). A request
 * is deleted only when no kept run refers to it: that check needs runs by request_id, which
 * no index served (docs/adr/0007-retention-delete-and-vacuum.md).
 */
export class AddRetentionIndexes1795540000000 implements MigrationInterface {
  name = 'AddRetentionIndexes1795540000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX "IDX_runs_request" ON "runs" ("request_id")');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IDX_runs_request"');
  }
}
