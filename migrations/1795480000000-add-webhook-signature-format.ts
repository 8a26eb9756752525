import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 16: how X-Webhook-Signature is written per subscription (sha256=<hex> or bare hex). */
export class AddWebhookSignatureFormat1795480000000 implements MigrationInterface {
  name = 'AddWebhookSignatureFormat1795480000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "webhook_subscriptions" ADD "signature_format" text NOT NULL DEFAULT 'sha256-prefixed'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "webhook_subscriptions" DROP COLUMN "signature_format"');
  }
}
