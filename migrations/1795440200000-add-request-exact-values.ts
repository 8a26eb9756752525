import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddRequestExactValues1795440200000 implements MigrationInterface {
  name = 'AddRequestExactValues1795440200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "inbound_requests" ADD "exact_values" text');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "inbound_requests" DROP COLUMN "exact_values"');
  }
}
