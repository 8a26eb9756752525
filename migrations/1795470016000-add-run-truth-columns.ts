import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Runs tell the truth (issue 16): which step failed the run, how a replay was made, why a
 * step was skipped, what a step's record warns about, and whether its output is a sample.
 * Existing rows are backfilled from what they already say.
 */
export class AddRunTruthColumns1795470016000 implements MigrationInterface {
  name = 'AddRunTruthColumns1795470016000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "runs" ADD "failed_step" character varying(64)');
    await queryRunner.query('ALTER TABLE "runs" ADD "replay" jsonb');
    await queryRunner.query('ALTER TABLE "run_steps" ADD "reason" character varying(16)');
    await queryRunner.query('ALTER TABLE "run_steps" ADD "warnings" jsonb');
    await queryRunner.query(
      'ALTER TABLE "run_steps" ADD "sample_output" boolean NOT NULL DEFAULT false',
    );
    await queryRunner.query(
      `UPDATE "runs" SET "failed_step" = substring("error" from '^step ''([^'']+)'' failed: ')
       WHERE "status" = 'failed' AND "error" LIKE 'step ''%'' failed: %'`,
    );
    await queryRunner.query(
      `UPDATE "run_steps" SET "reason" = CASE
         WHEN "error" IS NULL THEN 'when'
         WHEN "error" = 'not run: the run was cancelled' THEN 'run-cancelled'
         ELSE 'run-failed' END
       WHERE "status" = 'skipped'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "run_steps" DROP COLUMN "sample_output"');
    await queryRunner.query('ALTER TABLE "run_steps" DROP COLUMN "warnings"');
    await queryRunner.query('ALTER TABLE "run_steps" DROP COLUMN "reason"');
    await queryRunner.query('ALTER TABLE "runs" DROP COLUMN "replay"');
    await queryRunner.query('ALTER TABLE "runs" DROP COLUMN "failed_step"');
  }
}
