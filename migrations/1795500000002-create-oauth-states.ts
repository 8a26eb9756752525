import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 18: "Connect with ..." sign-ins in progress: the state's hash, the sealed start fields. */
export class CreateOauthStates1795500000002 implements MigrationInterface {
  name = 'CreateOauthStates1795500000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "oauth_states" (
         "state_hash" bytea PRIMARY KEY,
         "plugin" varchar(100) NOT NULL,
         "name" varchar(100) NOT NULL,
         "fields_sealed" text NOT NULL,
         "expires_at" timestamptz NOT NULL)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "oauth_states"');
  }
}
