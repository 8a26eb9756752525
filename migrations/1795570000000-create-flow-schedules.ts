import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 21 item 3: a flow whose trigger is a schedule has one row here, owned by
 * src/schedules/: the schedule of the version it was synced from, the tick it waits for
 * (`next_due_at`, on the grid of `anchor_at`), at most one tick waiting behind an unfinished
 * run (`queued_tick_at`, overlap queue) and what happened to past ticks. A scheduler claims a
 * due row with FOR UPDATE SKIP LOCKED and stores the run in the same transaction, so each tick
 * runs once across processes; `active` remembers the flow's status so a flow activated again
 * starts from the next tick instead of catching up on its pause.
 */
export class CreateFlowSchedules1795570000000 implements MigrationInterface {
  name = 'CreateFlowSchedules1795570000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "flow_schedules" (
       "flow_id" uuid NOT NULL, "flow_version" int NOT NULL, "schedule" jsonb NOT NULL,
       "active" boolean NOT NULL, "anchor_at" timestamptz NOT NULL,
       "next_due_at" timestamptz NOT NULL, "queued_tick_at" timestamptz,
       "last_tick_at" timestamptz, "last_run_id" uuid,
       "missed_ticks" bigint NOT NULL DEFAULT 0, "skipped_ticks" bigint NOT NULL DEFAULT 0,
       "updated_at" timestamptz NOT NULL DEFAULT now(),
       CONSTRAINT "PK_flow_schedules" PRIMARY KEY ("flow_id"),
       CONSTRAINT "FK_flow_schedules_flow" FOREIGN KEY ("flow_id") REFERENCES "flows"("id") ON DELETE CASCADE)`);
    await queryRunner.query(
      'CREATE INDEX "IDX_flow_schedules_due" ON "flow_schedules" ("next_due_at")',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "flow_schedules"');
  }
}
