import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19 item 3: failed steps grouped into issues by flow, step and error code (or a
 * normalised message). `issue_occurrences` is one row per failed step (run id + step id),
 * so an outbox event relayed twice counts once; `flow_failing` marks a flow whose last runs
 * all failed, so flow.failing is sent once per streak. src/issues/ owns all three.
 */
export class CreateIssues1795530000000 implements MigrationInterface {
  name = 'CreateIssues1795530000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE "issues" (
         "id" uuid NOT NULL DEFAULT gen_random_uuid(),
         "flow_id" uuid NOT NULL, "step_id" varchar(64) NOT NULL, "action" varchar(100) NOT NULL,
         "error_code" varchar(64), "fingerprint" varchar(220) NOT NULL, "message" text NOT NULL,
         "status" varchar(16) NOT NULL, "count" bigint NOT NULL,
         "first_seen_at" timestamptz NOT NULL, "last_seen_at" timestamptz NOT NULL,
         "example_run_ids" uuid[] NOT NULL, "status_changed_at" timestamptz NOT NULL,
         "reopened" int NOT NULL,
         CONSTRAINT "PK_issues" PRIMARY KEY ("id"),
         CONSTRAINT "UQ_issues_group" UNIQUE ("flow_id", "step_id", "fingerprint"),
         CONSTRAINT "FK_issues_flow" FOREIGN KEY ("flow_id") REFERENCES "flows"("id") ON DELETE CASCADE)`,
      'CREATE INDEX "IDX_issues_seen" ON "issues" ("last_seen_at", "id")',
      'CREATE INDEX "IDX_issues_status_seen" ON "issues" ("status", "last_seen_at", "id")',
      `CREATE TABLE "issue_occurrences" (
         "run_id" uuid NOT NULL, "step_id" varchar(64) NOT NULL, "issue_id" uuid NOT NULL,
         "seen_at" timestamptz NOT NULL DEFAULT now(),
         CONSTRAINT "PK_issue_occurrences" PRIMARY KEY ("run_id", "step_id"),
         CONSTRAINT "FK_issue_occurrences_issue" FOREIGN KEY ("issue_id") REFERENCES "issues"("id") ON DELETE CASCADE)`,
      'CREATE INDEX "IDX_issue_occurrences_issue" ON "issue_occurrences" ("issue_id")',
      `CREATE TABLE "flow_failing" (
         "flow_id" uuid NOT NULL, "run_id" uuid NOT NULL, "since" timestamptz NOT NULL DEFAULT now(),
         CONSTRAINT "PK_flow_failing" PRIMARY KEY ("flow_id"),
         CONSTRAINT "FK_flow_failing_flow" FOREIGN KEY ("flow_id") REFERENCES "flows"("id") ON DELETE CASCADE)`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "flow_failing"');
    await queryRunner.query('DROP TABLE "issue_occurrences"');
    await queryRunner.query('DROP TABLE "issues"');
  }
}
