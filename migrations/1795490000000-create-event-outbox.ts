import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 17: durable domain events (run.succeeded, run.failed, run.held, step.failed). */
export class CreateEventOutbox1795490000000 implements MigrationInterface {
  name = 'CreateEventOutbox1795490000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "event_outbox" ("id" bigserial PRIMARY KEY, "name" varchar(40) NOT NULL,
         "payload" jsonb NOT NULL, "created_at" timestamptz NOT NULL DEFAULT now())`,
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_event_outbox_created" ON "event_outbox" ("created_at")',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "event_outbox"');
  }
}
