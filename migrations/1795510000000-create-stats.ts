import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19: stats kept cheap at any size. `stats_buckets` holds counts per flow and minute,
 * hour and day (src/stats/ writes it); finished runs and failed steps are queued for the
 * rollup by triggers on the worker's updates (the catch path inserts, which fire nothing);
 * `stats_rejections_seen` is how much of `flow_rejections` the rollup has counted (starting
 * from what is there now: earlier refusals have no time), `stats_rollup` its watermark.
 */
export class CreateStats1795510000000 implements MigrationInterface {
  name = 'CreateStats1795510000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE "stats_buckets" (
         "grain" char(1) NOT NULL, "at" timestamptz NOT NULL, "flow_id" uuid NOT NULL,
         "metric" varchar(16) NOT NULL, "key" varchar(200) NOT NULL, "count" bigint NOT NULL,
         CONSTRAINT "PK_stats_buckets" PRIMARY KEY ("grain", "at", "flow_id", "metric", "key"))`,
      'CREATE INDEX "IDX_stats_buckets_flow" ON "stats_buckets" ("flow_id", "grain", "at")',
      `CREATE TABLE "stats_run_events" (
         "id" bigserial PRIMARY KEY, "flow_id" uuid NOT NULL, "status" varchar(16) NOT NULL,
         "finished_at" timestamptz NOT NULL, "duration_ms" double precision)`,
      `CREATE TABLE "stats_step_events" (
         "id" bigserial PRIMARY KEY, "run_id" uuid NOT NULL, "action" varchar(100) NOT NULL,
         "error_code" varchar(64), "failed_at" timestamptz NOT NULL)`,
      `CREATE TABLE "stats_rejections_seen" (
         "flow_id" uuid NOT NULL, "reason" varchar(32) NOT NULL, "count" bigint NOT NULL,
         CONSTRAINT "PK_stats_rejections_seen" PRIMARY KEY ("flow_id", "reason"))`,
      'INSERT INTO "stats_rejections_seen" SELECT flow_id, reason, count FROM flow_rejections',
      'CREATE TABLE "stats_rollup" ("id" int PRIMARY KEY, "rolled_to" timestamptz NOT NULL)',
      'INSERT INTO "stats_rollup" VALUES (1, now())',
      `CREATE FUNCTION stats_run_finished() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO stats_run_events (flow_id, status, finished_at, duration_ms)
         VALUES (NEW.flow_id, NEW.status, NEW.finished_at,
                 CASE WHEN NEW.status IN ('succeeded', 'failed') AND NEW.started_at IS NOT NULL
                      THEN 1000 * extract(epoch FROM NEW.finished_at - NEW.started_at) END);
         RETURN NULL;
       END $$`,
      `CREATE TRIGGER "stats_run_finished" AFTER UPDATE ON "runs" FOR EACH ROW
       WHEN (OLD.finished_at IS NULL AND NEW.finished_at IS NOT NULL)
       EXECUTE FUNCTION stats_run_finished()`,
      `CREATE FUNCTION stats_step_failed() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO stats_step_events (run_id, action, error_code, failed_at)
         VALUES (NEW.run_id, NEW.action, NEW.error_code, coalesce(NEW.finished_at, now()));
         RETURN NULL;
       END $$`,
      `CREATE TRIGGER "stats_step_failed" AFTER UPDATE ON "run_steps" FOR EACH ROW
       WHEN (NEW.status = 'failed' AND OLD.status IS DISTINCT FROM 'failed')
       EXECUTE FUNCTION stats_step_failed()`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER "stats_step_failed" ON "run_steps"');
    await queryRunner.query('DROP TRIGGER "stats_run_finished" ON "runs"');
    await queryRunner.query('DROP FUNCTION stats_step_failed()');
    await queryRunner.query('DROP FUNCTION stats_run_finished()');
    for (const table of ['stats_rollup', 'stats_rejections_seen', 'stats_step_events'])
      await queryRunner.query(`DROP TABLE "${table}"`);
    await queryRunner.query('DROP TABLE "stats_run_events"');
    await queryRunner.query('DROP TABLE "stats_buckets"');
  }
}
