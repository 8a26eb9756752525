import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateWebhooks1795439925972 implements MigrationInterface {
  name = 'CreateWebhooks1795439925972';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "webhook_subscriptions" ("id" uuid NOT NULL, "url" text NOT NULL, "events" text array NOT NULL, "description" text, "is_active" boolean NOT NULL DEFAULT true, "secret_sealed" text NOT NULL, "previous_secret_sealed" text, "previous_secret_expires_at" TIMESTAMP WITH TIME ZONE, "retry_schedule" double precision array, "include_request_body" boolean NOT NULL DEFAULT false, "consecutive_failures" integer NOT NULL DEFAULT \'0\', "disabled_reason" text, "disabled_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_webhook_subscriptions" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "webhook_deliveries" ("id" uuid NOT NULL, "subscription_id" uuid NOT NULL, "event" character varying(64) NOT NULL, "message_id" character varying(64) NOT NULL, "payload" text NOT NULL, "status" character varying(16) NOT NULL DEFAULT \'pending\', "attempts" integer NOT NULL DEFAULT \'0\', "next_attempt_at" TIMESTAMP WITH TIME ZONE, "lease_until" TIMESTAMP WITH TIME ZONE, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_webhook_deliveries" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_webhook_deliveries_subscription" ON "webhook_deliveries"  ("subscription_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_webhook_deliveries_due" ON "webhook_deliveries"  ("next_attempt_at") WHERE status = \'pending\'',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_webhook_deliveries_message" ON "webhook_deliveries"  ("subscription_id", "message_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "webhook_attempts" ("id" BIGSERIAL NOT NULL, "delivery_id" uuid NOT NULL, "attempt" integer NOT NULL, "trigger" character varying(10) NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_ms" integer NOT NULL, "request_headers" jsonb NOT NULL, "status" integer NOT NULL, "error_class" character varying(16), "error" text, "response_headers" jsonb, "response_body" text, "next_attempt_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_webhook_attempts" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_webhook_attempts_delivery" ON "webhook_attempts"  ("delivery_id", "attempt") ',
    );
    await queryRunner.query(
      'ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_webhook_deliveries_subscription" FOREIGN KEY ("subscription_id") REFERENCES "webhook_subscriptions"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "webhook_attempts" ADD CONSTRAINT "FK_webhook_attempts_delivery" FOREIGN KEY ("delivery_id") REFERENCES "webhook_deliveries"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "webhook_attempts" DROP CONSTRAINT "FK_webhook_attempts_delivery"',
    );
    await queryRunner.query(
      'ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_webhook_deliveries_subscription"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_webhook_attempts_delivery"');
    await queryRunner.query('DROP TABLE "webhook_attempts"');
    await queryRunner.query('DROP INDEX "public"."UQ_webhook_deliveries_message"');
    await queryRunner.query('DROP INDEX "public"."IDX_webhook_deliveries_due"');
    await queryRunner.query('DROP INDEX "public"."IDX_webhook_deliveries_subscription"');
    await queryRunner.query('DROP TABLE "webhook_deliveries"');
    await queryRunner.query('DROP TABLE "webhook_subscriptions"');
  }
}
