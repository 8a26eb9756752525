import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddConnectionTokenCache1795431445510 implements MigrationInterface {
  name = 'AddConnectionTokenCache1795431445510';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "connections" ADD "token_cache" text');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "connections" DROP COLUMN "token_cache"');
  }
}
