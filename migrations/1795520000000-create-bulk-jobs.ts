import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19 item 4: bulk replay and cancel by query (src/runs/bulk/ writes both tables).
 * `bulk_jobs` holds a job's filter, progress, cursor (the last run it reached, newest first)
 * and lease; `bulk_job_runs` one row per run a job reached: the unique (job, run) that keeps
 * a job from acting on a run twice, with what came of it. No foreign key to runs: retention
 * may prune a run a finished job reached.
 */
export class CreateBulkJobs1795520000000 implements MigrationInterface {
  name = 'CreateBulkJobs1795520000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "bulk_jobs" (
         "id" uuid NOT NULL, "action" varchar(8) NOT NULL, "filter" jsonb NOT NULL,
         "replay" jsonb, "status" varchar(10) NOT NULL DEFAULT 'queued', "total" integer NOT NULL,
         "done" integer NOT NULL DEFAULT 0, "failed" integer NOT NULL DEFAULT 0,
         "skipped" integer NOT NULL DEFAULT 0, "snapshot_until" timestamptz NOT NULL,
         "cursor_created_at" timestamptz, "cursor_id" uuid,
         "cancel_requested" boolean NOT NULL DEFAULT false, "lease_owner" varchar(64),
         "lease_until" timestamptz, "error" text, "created_at" timestamptz NOT NULL DEFAULT now(),
         "started_at" timestamptz, "finished_at" timestamptz,
         CONSTRAINT "PK_bulk_jobs" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query('CREATE INDEX "IDX_bulk_jobs_status" ON "bulk_jobs" ("status")');
    await queryRunner.query(
      `CREATE TABLE "bulk_job_runs" (
         "job_id" uuid NOT NULL, "run_id" uuid NOT NULL, "outcome" varchar(8), "new_run_id" uuid,
         "error" text,
         CONSTRAINT "PK_bulk_job_runs" PRIMARY KEY ("job_id", "run_id"),
         CONSTRAINT "FK_bulk_job_runs_job" FOREIGN KEY ("job_id") REFERENCES "bulk_jobs" ("id")
           ON DELETE CASCADE)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "bulk_job_runs"');
    await queryRunner.query('DROP TABLE "bulk_jobs"');
  }
}
