/*
 * flow_schedules (migrations/1795570000000-create-flow-schedules.ts), owned by this module.
 * The flows table says which flows are scheduled (their current version's trigger); these
 * statements keep one row per such flow in step with it and claim due rows.
 */

const SCHEDULED_FLOWS = `FROM flows f
  JOIN flow_versions v ON v.flow_id = f.id AND v.version = f.current_version
  LEFT JOIN flow_schedules s ON s.flow_id = f.id
  WHERE f.deleted_at IS NULL AND v.definition->'trigger'->>'type' = 'schedule'`;

/**
 * Scheduled flows whose row is missing or behind (another version, or the flow was paused or
 * activated since); $1 one flow, or NULL for all.
 */
export const STALE_SCHEDULES = `SELECT f.id AS flow_id, f.current_version AS version,
    f.status = 'active' AS active, v.definition->'trigger' AS trigger,
    s.flow_version AS row_version, s.active AS row_active, s.schedule AS row_schedule,
    s.anchor_at, s.next_due_at
  ${SCHEDULED_FLOWS}
  AND ($1::uuid IS NULL OR f.id = $1::uuid)
  AND (s.flow_id IS NULL OR s.flow_version <> f.current_version OR s.active <> (f.status = 'active'))`;

/** A new row ($1 flow, $2 version, $3 schedule, $4 active, $5 anchor, $6 next due). */
export const INSERT_SCHEDULE = `INSERT INTO flow_schedules
    (flow_id, flow_version, schedule, active, anchor_at, next_due_at)
  VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (flow_id) DO NOTHING`;

/**
 * A row brought up to date, only if it is still as it was read ($7 version, $8 active), so
 * two processes syncing at once cannot undo each other; $9 drops a queued tick.
 */
export const UPDATE_SCHEDULE = `UPDATE flow_schedules SET flow_version = $2, schedule = $3,
    active = $4, anchor_at = $5, next_due_at = $6,
    queued_tick_at = CASE WHEN $9 THEN NULL ELSE queued_tick_at END, updated_at = now()
  WHERE flow_id = $1 AND flow_version = $7 AND active = $8`;

/** Rows of flows deleted, or whose current version is no longer a schedule. */
export const DELETE_UNSCHEDULED = `DELETE FROM flow_schedules s USING flows f, flow_versions v
  WHERE f.id = s.flow_id AND v.flow_id = f.id AND v.version = f.current_version
    AND (f.deleted_at IS NOT NULL OR v.definition->'trigger'->>'type' IS DISTINCT FROM 'schedule')`;

/**
 * Due rows of active flows, synced to their current version, locked for this transaction;
 * another process's claim skips them. `busy`: the previous scheduled run is unfinished.
 * `now` is the database's clock, the same for every process.
 */
export const CLAIM_DUE = `SELECT s.flow_id, s.flow_version, s.schedule, s.anchor_at, s.next_due_at,
    s.queued_tick_at, clock_timestamp() AS now,
    COALESCE((SELECT r.status IN ('queued', 'held', 'running') FROM runs r
              WHERE r.id = s.last_run_id), false) AS busy
  FROM flow_schedules s JOIN flows f ON f.id = s.flow_id
  WHERE (s.next_due_at <= clock_timestamp() OR s.queued_tick_at IS NOT NULL)
    AND s.active AND f.status = 'active' AND f.deleted_at IS NULL
    AND f.current_version = s.flow_version
  ORDER BY s.next_due_at LIMIT $1
  FOR UPDATE OF s SKIP LOCKED`;

/** After a visit: $2 next due, $3 queued tick, $4 last tick, $5 last run, $6 missed, $7 skipped. */
export const AFTER_VISIT = `UPDATE flow_schedules SET next_due_at = $2, queued_tick_at = $3,
    last_tick_at = COALESCE($4, last_tick_at), last_run_id = COALESCE($5, last_run_id),
    missed_ticks = missed_ticks + $6, skipped_ticks = skipped_ticks + $7, updated_at = now()
  WHERE flow_id = $1`;

/**
 * Milliseconds until the soonest tick of an active schedule (NULL: none) and whether a tick
 * waits behind a run: read first, so an idle scheduler costs one statement, no transaction.
 */
export const DUE_IN = `SELECT GREATEST(0, EXTRACT(EPOCH FROM (min(next_due_at) - clock_timestamp())) * 1000)::float8 AS ms,
    COALESCE(bool_or(queued_tick_at IS NOT NULL), false) AS queued
  FROM flow_schedules WHERE active`;

/** One flow's row, for the API. */
export const SCHEDULE_OF = `SELECT flow_id, flow_version, schedule, active, next_due_at, queued_tick_at,
    last_tick_at, last_run_id, missed_ticks::int, skipped_ticks::int, updated_at
  FROM flow_schedules WHERE flow_id = $1`;

/** A flow's trigger type, if the flow exists (the API's 404s). */
export const FLOW_TRIGGER_TYPE = `SELECT v.definition->'trigger'->>'type' AS type
  FROM flows f JOIN flow_versions v ON v.flow_id = f.id AND v.version = f.current_version
  WHERE f.id = $1 AND f.deleted_at IS NULL`;
