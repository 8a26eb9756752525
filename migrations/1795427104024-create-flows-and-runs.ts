import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateFlowsAndRuns1795427104024 implements MigrationInterface {
  name = 'CreateFlowsAndRuns1795427104024';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "flows" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "description" text, "status" character varying(16) NOT NULL DEFAULT \'active\', "current_version" integer NOT NULL, "catch_key_hash" bytea NOT NULL, "catch_key_sealed" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_flows_id" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "flow_versions" ("flow_id" uuid NOT NULL, "version" integer NOT NULL, "definition" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_flow_versions" PRIMARY KEY ("flow_id", "version"))',
    );
    await queryRunner.query(
      'CREATE TABLE "inbound_requests" ("id" uuid NOT NULL, "flow_id" uuid NOT NULL, "method" character varying(10) NOT NULL, "headers" jsonb NOT NULL, "query" jsonb NOT NULL, "raw_body" bytea NOT NULL, "body" jsonb, "content_type" character varying(255), "size" integer NOT NULL, "source_ip" character varying(64), "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_inbound_requests_id" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_inbound_requests_flow" ON "inbound_requests"  ("flow_id", "received_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "runs" ("id" uuid NOT NULL, "flow_id" uuid NOT NULL, "flow_version" integer NOT NULL, "status" character varying(16) NOT NULL, "request_id" uuid NOT NULL, "mode_override" character varying(10), "replay_of" uuid, "error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_runs_id" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_runs_status_created" ON "runs"  ("status", "created_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_runs_flow_created" ON "runs"  ("flow_id", "created_at", "id") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_runs_created" ON "runs"  ("created_at", "id") ');
    await queryRunner.query(
      'CREATE TABLE "run_steps" ("run_id" uuid NOT NULL, "step_id" character varying(64) NOT NULL, "position" integer NOT NULL, "action" character varying(100) NOT NULL, "status" character varying(16) NOT NULL, "attempt" integer NOT NULL DEFAULT \'0\', "lease_until" TIMESTAMP WITH TIME ZONE, "next_attempt_at" TIMESTAMP WITH TIME ZONE, "wake_at" TIMESTAMP WITH TIME ZONE, "idempotency_key" character varying(200) NOT NULL, "input" jsonb, "output" jsonb, "item_outputs" jsonb, "error" text, "error_code" character varying(64), "history" jsonb NOT NULL DEFAULT \'[]\', "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_run_steps" PRIMARY KEY ("run_id", "step_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_run_steps_lease" ON "run_steps"  ("status", "lease_until") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_run_steps_due" ON "run_steps"  ("status", "next_attempt_at") ',
    );
    await queryRunner.query(
      'ALTER TABLE "flow_versions" ADD CONSTRAINT "FK_flow_versions_flow" FOREIGN KEY ("flow_id") REFERENCES "flows"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "runs" ADD CONSTRAINT "FK_runs_flow" FOREIGN KEY ("flow_id") REFERENCES "flows"("id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "runs" ADD CONSTRAINT "FK_runs_request" FOREIGN KEY ("request_id") REFERENCES "inbound_requests"("id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "run_steps" ADD CONSTRAINT "FK_run_steps_run" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "run_steps" DROP CONSTRAINT "FK_run_steps_run"');
    await queryRunner.query('ALTER TABLE "runs" DROP CONSTRAINT "FK_runs_request"');
    await queryRunner.query('ALTER TABLE "runs" DROP CONSTRAINT "FK_runs_flow"');
    await queryRunner.query('ALTER TABLE "flow_versions" DROP CONSTRAINT "FK_flow_versions_flow"');
    await queryRunner.query('DROP INDEX "public"."IDX_run_steps_due"');
    await queryRunner.query('DROP INDEX "public"."IDX_run_steps_lease"');
    await queryRunner.query('DROP TABLE "run_steps"');
    await queryRunner.query('DROP INDEX "public"."IDX_runs_created"');
    await queryRunner.query('DROP INDEX "public"."IDX_runs_flow_created"');
    await queryRunner.query('DROP INDEX "public"."IDX_runs_status_created"');
    await queryRunner.query('DROP TABLE "runs"');
    await queryRunner.query('DROP INDEX "public"."IDX_inbound_requests_flow"');
    await queryRunner.query('DROP TABLE "inbound_requests"');
    await queryRunner.query('DROP TABLE "flow_versions"');
    await queryRunner.query('DROP TABLE "flows"');
  }
}
