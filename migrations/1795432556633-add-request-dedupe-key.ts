import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddRequestDedupeKey1795432556633 implements MigrationInterface {
  name = 'AddRequestDedupeKey1795432556633';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "inbound_requests" ADD "dedupe_key" character varying(512)',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_inbound_requests_dedupe" ON "inbound_requests"  ("flow_id", "dedupe_key") WHERE "dedupe_key" IS NOT NULL',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."UQ_inbound_requests_dedupe"');
    await queryRunner.query('ALTER TABLE "inbound_requests" DROP COLUMN "dedupe_key"');
  }
}
