import { durationBucketSql } from './duration-histogram.js';

/*
 * The rollup's and the stats endpoints' statements. `stats_buckets` rows are
 * (grain, at, flow_id, metric, key, count): metric `accepted` (key ''), `run` (key: the
 * finished run's status), `duration` (key: its histogram bucket), `step-failed` (key:
 * "action errorCode"), `rejected` (key: the reason), `duplicate` (key ''). Rows of the flow
 * ALL_FLOWS sum every flow, for the minutes before the watermark's minute and the hours and
 * days summed from them, so GET /stats for every flow reads one row per time and key.
 */

export const ALL_FLOWS = '00000000-0000-0000-0000-000000000000';

const STATS_LOCK = 7_140_019;
export const TRY_ROLLUP_LOCK = `SELECT pg_try_advisory_xact_lock(${STATS_LOCK}) AS locked`;

/** The watermark and the database's clock ($1: the lag, in ms, that late commits get). */
export const ROLLUP_POSITION = `SELECT rolled_to, now() AS now,
  greatest(rolled_to, now() - $1 * interval '1 millisecond') AS cutoff
  FROM stats_rollup WHERE id = 1`;

export const READ_POSITION = 'SELECT rolled_to, now() AS now FROM stats_rollup WHERE id = 1';

const UPSERT = `INSERT INTO stats_buckets (grain, at, flow_id, metric, key, count)`;
const REPLACE =
  'ON CONFLICT (grain, at, flow_id, metric, key) DO UPDATE SET count = EXCLUDED.count';
const ADD = `ON CONFLICT (grain, at, flow_id, metric, key)
  DO UPDATE SET count = stats_buckets.count + EXCLUDED.count`;

/** Runs started by a request (not replays) created in [$1's minute, $2): recounted, replaced. */
export const ROLL_ACCEPTED = `${UPSERT}
  SELECT 'm', date_trunc('minute', created_at), flow_id, 'accepted', '', count(*) FROM runs
  WHERE created_at >= date_trunc('minute', $1::timestamptz) AND created_at < $2::timestamptz
    AND replay_of IS NULL
  GROUP BY 2, 3 ${REPLACE}`;

/**
 * Takes queued finished runs (at most $2) into minute rows, none before the watermark $1, and
 * answers how many it took per flow and status (the Prometheus counters' increments).
 */
export const ROLL_RUN_EVENTS = `WITH ev AS (
    DELETE FROM stats_run_events WHERE id IN (SELECT id FROM stats_run_events ORDER BY id LIMIT $2)
    RETURNING flow_id, status, date_trunc('minute', greatest(finished_at, $1::timestamptz)) AS at,
              duration_ms),
  counted AS (
    SELECT at, flow_id, 'run' AS metric, status::varchar AS key, count(*) AS n FROM ev GROUP BY 1, 2, 4
    UNION ALL
    SELECT at, flow_id, 'duration', ${durationBucketSql('duration_ms')}::varchar, count(*) FROM ev
    WHERE duration_ms IS NOT NULL GROUP BY 1, 2, 4),
  added AS (${UPSERT} SELECT 'm', at, flow_id, metric, key, n FROM counted ${ADD})
  SELECT flow_id, key AS status, sum(n)::int AS n FROM counted WHERE metric = 'run' GROUP BY 1, 2`;

/** Takes queued failed steps (at most $2) into minute rows, none before the watermark $1. */
export const ROLL_STEP_EVENTS = `WITH ev AS (
    DELETE FROM stats_step_events WHERE id IN (SELECT id FROM stats_step_events ORDER BY id LIMIT $2)
    RETURNING run_id, action, error_code, date_trunc('minute', greatest(failed_at, $1::timestamptz)) AS at)
  ${UPSERT} SELECT 'm', ev.at, r.flow_id, 'step-failed', ev.action || ' ' || coalesce(ev.error_code, ''),
         count(*) FROM ev JOIN runs r ON r.id = ev.run_id GROUP BY 2, 3, 5 ${ADD}`;

/** What flow_rejections counted beyond what the rollup has seen (flows x reasons: small). */
const REJECTIONS_SINCE_SEEN = `SELECT c.flow_id, c.reason, c.count, c.count - coalesce(s.count, 0) AS n
  FROM flow_rejections c LEFT JOIN stats_rejections_seen s USING (flow_id, reason)
  WHERE c.count > coalesce(s.count, 0)`;

/** New refusals into the current minute, and marked seen. */
export const ROLL_REJECTIONS = `WITH d AS (${REJECTIONS_SINCE_SEEN}),
  seen AS (INSERT INTO stats_rejections_seen (flow_id, reason, count) SELECT flow_id, reason, count FROM d
           ON CONFLICT (flow_id, reason) DO UPDATE SET count = EXCLUDED.count)
  ${UPSERT} SELECT 'm', date_trunc('minute', now()), flow_id, 'rejected', reason, n FROM d ${ADD}`;

/** The every-flow minute rows of the complete minutes in [$1, $2), from the flows' rows. */
export const ROLL_ALL_FLOWS = `${UPSERT}
  SELECT 'm', at, '${ALL_FLOWS}', metric, key, sum(count) FROM stats_buckets
  WHERE grain = 'm' AND at >= $1::timestamptz AND at < $2::timestamptz AND flow_id <> '${ALL_FLOWS}'
  GROUP BY at, metric, key ${REPLACE}`;

/** Rows of grain $1 summed into grain $2 (each flow's, and the every-flow rows) for the complete periods in [$3, $4). */
export const ROLL_UP_GRAIN = `${UPSERT}
  SELECT $2::char, date_trunc($5, at), flow_id, metric, key, sum(count) FROM stats_buckets
  WHERE grain = $1::char AND at >= $3::timestamptz AND at < $4::timestamptz
  GROUP BY 2, 3, 4, 5 ${REPLACE}`;

export const SET_WATERMARK = 'UPDATE stats_rollup SET rolled_to = $1 WHERE id = 1';

/** Minute rows kept a day, hour rows 8 days, day rows 400 days. */
export const PRUNE_BUCKETS = `DELETE FROM stats_buckets WHERE
  (grain = 'm' AND at < now() - interval '1 day') OR (grain = 'h' AND at < now() - interval '8 days')
  OR (grain = 'd' AND at < now() - interval '400 days')`;

/** A duplicate delivery's count, added to its minute ($1 jsonb [{flowId, at, n}]). */
export const ADD_DUPLICATES = `${UPSERT}
  SELECT 'm', date_trunc('minute', d.at), d."flowId", 'duplicate', '', d.n
  FROM jsonb_to_recordset($1::jsonb) AS d("flowId" uuid, at timestamptz, n bigint) ${ADD}`;

/**
 * $1..$6: the settled day, hour and minute ranges, read from the rows of flow $7 (ALL_FLOWS
 * for every flow); $8: where the minutes not settled yet start, read from flow $9's rows (null:
 * every flow's). Summed per row time.
 */
export const READ_BUCKETS = `SELECT at, metric, key, sum(count)::bigint AS n FROM stats_buckets
  WHERE flow_id = $7::uuid AND ((grain = 'd' AND at >= $1 AND at < $2)
    OR (grain = 'h' AND at >= $3 AND at < $4) OR (grain = 'm' AND at >= $5 AND at < $6))
  GROUP BY at, metric, key
  UNION ALL
  SELECT at, metric, key, sum(count)::bigint FROM stats_buckets
  WHERE grain = 'm' AND at >= $8
    AND (CASE WHEN $9::uuid IS NULL THEN flow_id <> '${ALL_FLOWS}' ELSE flow_id = $9::uuid END)
  GROUP BY at, metric, key`;

const FLOW = (column: string) => `($2::uuid IS NULL OR ${column} = $2::uuid)`;

/** What the rollup has not taken yet ($1 the watermark, $2 the flow or null), by minute. */
export const READ_TAIL = `
  SELECT date_trunc('minute', created_at) AS at, 'accepted' AS metric, '' AS key, count(*) AS n FROM runs
  WHERE created_at >= $1::timestamptz AND replay_of IS NULL AND ${FLOW('flow_id')} GROUP BY 1
  UNION ALL
  SELECT date_trunc('minute', greatest(finished_at, $1::timestamptz)), 'run', status::text, count(*) FROM stats_run_events
  WHERE ${FLOW('flow_id')} GROUP BY 1, 3
  UNION ALL
  SELECT date_trunc('minute', greatest(finished_at, $1::timestamptz)), 'duration', ${durationBucketSql('duration_ms')}::text, count(*)
  FROM stats_run_events WHERE duration_ms IS NOT NULL AND ${FLOW('flow_id')} GROUP BY 1, 3
  UNION ALL
  SELECT date_trunc('minute', greatest(e.failed_at, $1::timestamptz)), 'step-failed', e.action || ' ' || coalesce(e.error_code, ''),
         count(*) FROM stats_step_events e JOIN runs r ON r.id = e.run_id WHERE ${FLOW('r.flow_id')}
  GROUP BY 1, 3
  UNION ALL
  SELECT date_trunc('minute', now()), 'rejected', d.reason::text, sum(d.n) FROM (${REJECTIONS_SINCE_SEEN}) d
  WHERE ${FLOW('d.flow_id')} GROUP BY 1, 3`;

/** Runs not finished, right now ($1 the flow or null). */
export const OPEN_RUNS = `SELECT status, count(*)::int AS n FROM runs
  WHERE status IN ('queued', 'running', 'held') AND ($1::uuid IS NULL OR flow_id = $1::uuid)
  GROUP BY status`;
