import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddCatchRateLimits1795433710019 implements MigrationInterface {
  name = 'AddCatchRateLimits1795433710019';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "catch_rate_limits" ("flow_id" uuid NOT NULL, "tokens" double precision NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_catch_rate_limits" PRIMARY KEY ("flow_id"))',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "catch_rate_limits"');
  }
}
