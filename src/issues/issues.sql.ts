/**
 * The statements of issues.repository.ts. Occurrences are deduplicated by (run id, step id);
 * the issue row is locked first (a no-op upsert), so two relays of one event wait for each
 * other and the second finds its occurrence already there.
 */

/** The failed step as the runs module recorded it ($1 run, $2 step). */
export const FAILED_STEP = `
  SELECT r.flow_id, s.action, s.error, s.error_code,
         coalesce(s.finished_at, now())::text AS at
  FROM run_steps s JOIN runs r ON r.id = s.run_id
  WHERE s.run_id = $1 AND s.step_id = $2 AND s.status = 'failed'`;

/** The group's issue, created empty (count 0) or locked as it is; answers its status before. */
export const LOCK_ISSUE = `
  INSERT INTO issues (flow_id, step_id, action, error_code, fingerprint, message, status, count,
                      first_seen_at, last_seen_at, example_run_ids, status_changed_at, reopened)
  VALUES ($1, $2, $3, $4, $5, $6, 'open', 0, $7, $7, '{}', now(), 0)
  ON CONFLICT (flow_id, step_id, fingerprint) DO UPDATE SET flow_id = issues.flow_id
  RETURNING id, status, (xmax = 0) AS created`;

export const INSERT_OCCURRENCE = `
  INSERT INTO issue_occurrences (run_id, step_id, issue_id, seen_at) VALUES ($1, $2, $3, $4)
  ON CONFLICT (run_id, step_id) DO NOTHING RETURNING run_id`;

/** One more occurrence ($2 run id, $3 when, $4 message, $5 how many example runs are kept). */
export const COUNT_OCCURRENCE = `
  UPDATE issues SET
    count = count + 1,
    first_seen_at = least(first_seen_at, $3::timestamptz),
    last_seen_at = greatest(last_seen_at, $3::timestamptz),
    message = CASE WHEN $3::timestamptz >= last_seen_at THEN $4 ELSE message END,
    example_run_ids = (ARRAY[$2::uuid] || array_remove(example_run_ids, $2::uuid))[1:$5],
    reopened = reopened + CASE WHEN status = 'resolved' THEN 1 ELSE 0 END,
    status_changed_at = CASE WHEN status = 'resolved' THEN now() ELSE status_changed_at END,
    status = CASE WHEN status = 'resolved' THEN 'open' ELSE status END
  WHERE id = $1`;

/**
 * Open and acknowledged issues of run $1's flow whose step succeeded in it, resolved when the
 * step succeeded in $2 runs that arrived after the issue's last failure (of the newest
 * $3 runs). The update re-checks status and last_seen_at, so a recurrence wins.
 */
export const RESOLVE_AFTER_SUCCESSES = `
  WITH run AS (SELECT flow_id FROM runs WHERE id = $1),
  candidates AS (
    SELECT i.id, i.step_id, i.last_seen_at, i.flow_id FROM issues i JOIN run ON i.flow_id = run.flow_id
    WHERE i.status IN ('open', 'acknowledged')
      AND EXISTS (SELECT 1 FROM run_steps s
                  WHERE s.run_id = $1 AND s.step_id = i.step_id AND s.status = 'succeeded')),
  counted AS (
    SELECT c.id, c.last_seen_at, (
      SELECT count(*) FROM (
        SELECT 1 FROM (SELECT r.id FROM runs r
                       WHERE r.flow_id = c.flow_id AND r.created_at > c.last_seen_at
                       ORDER BY r.created_at DESC LIMIT $3) recent
        JOIN run_steps s ON s.run_id = recent.id AND s.step_id = c.step_id
        WHERE s.status = 'succeeded' LIMIT $2) found) AS successes
    FROM candidates c)
  UPDATE issues i SET status = 'resolved', status_changed_at = now()
  FROM counted c
  WHERE i.id = c.id AND c.successes >= $2 AND i.status IN ('open', 'acknowledged')
    AND i.last_seen_at = c.last_seen_at
  RETURNING i.id`;

/** Run $1's flow marked failing when its last $2 finished runs all failed (once per streak). */
export const MARK_FAILING = `
  WITH run AS (SELECT flow_id FROM runs WHERE id = $1),
  latest AS (
    SELECT r.status FROM runs r JOIN run ON r.flow_id = run.flow_id
    WHERE r.status IN ('succeeded', 'failed') ORDER BY r.created_at DESC LIMIT $2)
  INSERT INTO flow_failing (flow_id, run_id)
  SELECT run.flow_id, $1 FROM run
  WHERE (SELECT count(*) FROM latest WHERE status = 'failed') = $2
  ON CONFLICT (flow_id) DO NOTHING
  RETURNING flow_id, (SELECT name FROM flows WHERE id = flow_id) AS flow_name`;

/** Run $1 succeeded: its flow's failing streak (if any) is over. */
export const CLEAR_FAILING = `
  DELETE FROM flow_failing WHERE flow_id = (SELECT flow_id FROM runs WHERE id = $1)`;

/** Whether a success could change anything: an unresolved issue or a failing flow. */
export const ANYTHING_WATCHED = `
  SELECT EXISTS (SELECT 1 FROM issues WHERE status IN ('open', 'acknowledged'))
      OR EXISTS (SELECT 1 FROM flow_failing) AS watched`;

const COLUMNS = `
  i.id, i.flow_id, f.name AS flow_name, i.step_id, i.action, i.error_code, i.message, i.status,
  i.count, i.first_seen_at, i.last_seen_at, i.last_seen_at::text AS last_seen_text,
  i.example_run_ids, i.status_changed_at, i.reopened`;

/** A page, newest last failure first ($1 status, $2 flow, $3/$4 the cursor, $5 limit + 1). */
export const LIST = `
  SELECT ${COLUMNS} FROM issues i JOIN flows f ON f.id = i.flow_id AND f.deleted_at IS NULL
  WHERE ($1::text IS NULL OR i.status = $1) AND ($2::uuid IS NULL OR i.flow_id = $2)
    AND ($3::timestamptz IS NULL OR (i.last_seen_at, i.id) < ($3::timestamptz, $4::uuid))
  ORDER BY i.last_seen_at DESC, i.id DESC LIMIT $5`;

export const GET = `
  SELECT ${COLUMNS} FROM issues i JOIN flows f ON f.id = i.flow_id AND f.deleted_at IS NULL
  WHERE i.id = $1`;

/** Sets the status; answers the one before (null: no such issue). */
export const SET_STATUS = `
  WITH prev AS (SELECT id, status FROM issues WHERE id = $1 FOR UPDATE)
  UPDATE issues i SET status = $2::varchar,
    status_changed_at = CASE WHEN prev.status = $2::varchar THEN i.status_changed_at ELSE now() END
  FROM prev WHERE i.id = prev.id
  RETURNING prev.status AS previous`;
