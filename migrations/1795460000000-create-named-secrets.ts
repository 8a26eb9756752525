import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Named secrets (`$secrets.NAME` in flows): the value only encrypted, bound to the name; `hosts` (required) lists the origins it may be sent to. */
export class CreateNamedSecrets1795460000000 implements MigrationInterface {
  name = 'CreateNamedSecrets1795460000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "named_secrets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(100) NOT NULL, "value_sealed" text NOT NULL, "hint" character varying(16), "description" character varying(500), "hosts" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_named_secrets_id" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_named_secrets_name" ON "named_secrets" ("name")',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "UQ_named_secrets_name"');
    await queryRunner.query('DROP TABLE "named_secrets"');
  }
}
