import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateConnections1795431253280 implements MigrationInterface {
  name = 'CreateConnections1795431253280';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "connections" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(100) NOT NULL, "plugin" character varying(100) NOT NULL, "fields" jsonb NOT NULL DEFAULT \'{}\', "secrets" jsonb NOT NULL DEFAULT \'{}\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_connections_id" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_connections_name" ON "connections"  ("name") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."UQ_connections_name"');
    await queryRunner.query('DROP TABLE "connections"');
  }
}
