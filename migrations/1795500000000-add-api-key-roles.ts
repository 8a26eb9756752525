import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 18: API keys get a role (admin, operator, viewer); existing keys stay admin. */
export class AddApiKeyRoles1795500000000 implements MigrationInterface {
  name = 'AddApiKeyRoles1795500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "api_keys" ADD "role" varchar(16) NOT NULL DEFAULT 'admin'
         CONSTRAINT "CHK_api_keys_role" CHECK ("role" IN ('admin', 'operator', 'viewer'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "api_keys" DROP COLUMN "role"');
  }
}
