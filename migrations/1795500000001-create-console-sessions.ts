import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 18: console sessions, signed in with an API key; only the token's hash is kept. */
export class CreateConsoleSessions1795500000001 implements MigrationInterface {
  name = 'CreateConsoleSessions1795500000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "console_sessions" (
         "token_hash" bytea PRIMARY KEY,
         "api_key_id" uuid NOT NULL REFERENCES "api_keys" ("id") ON DELETE CASCADE,
         "created_at" timestamptz NOT NULL DEFAULT now(),
         "expires_at" timestamptz NOT NULL)`,
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_console_sessions_expires" ON "console_sessions" ("expires_at")',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "console_sessions"');
  }
}
