import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20 (docs/adr/0008-postgres-run-queue.md): with FLOWHUB_QUEUE=postgres the run and step
 * rows are the queue. A worker that takes a queued run or a due step marks it `claimed_until`
 * so another worker's claim skips it; a claim that was never acted on (the worker died
 * between claiming and starting) expires. Not indexed, so the update can stay HOT.
 */
export class AddQueueClaims1795560000000 implements MigrationInterface {
  name = 'AddQueueClaims1795560000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "runs" ADD "claimed_until" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "run_steps" ADD "claimed_until" TIMESTAMP WITH TIME ZONE');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "run_steps" DROP COLUMN "claimed_until"');
    await queryRunner.query('ALTER TABLE "runs" DROP COLUMN "claimed_until"');
  }
}
