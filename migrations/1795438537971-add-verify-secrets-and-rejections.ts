import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddVerifySecretsAndRejections1795438537971 implements MigrationInterface {
  name = 'AddVerifySecretsAndRejections1795438537971';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "flow_rejections" ("flow_id" uuid NOT NULL, "reason" character varying(32) NOT NULL, "count" bigint NOT NULL DEFAULT \'0\', "last_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_flow_rejections" PRIMARY KEY ("flow_id", "reason"))',
    );
    await queryRunner.query('ALTER TABLE "flows" ADD "previous_catch_key_hash" bytea');
    await queryRunner.query(
      'ALTER TABLE "flows" ADD "previous_catch_key_expires_at" TIMESTAMP WITH TIME ZONE',
    );
    await queryRunner.query('ALTER TABLE "flows" ADD "verify_secrets_sealed" text');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "flows" DROP COLUMN "verify_secrets_sealed"');
    await queryRunner.query('ALTER TABLE "flows" DROP COLUMN "previous_catch_key_expires_at"');
    await queryRunner.query('ALTER TABLE "flows" DROP COLUMN "previous_catch_key_hash"');
    await queryRunner.query('DROP TABLE "flow_rejections"');
  }
}
