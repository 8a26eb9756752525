/** Any constant works: it only has to be the same in every Flowhub process. */
const RECONCILER_LOCK = 7_140_003;
export const RECOVERY_BATCH = 500;

export const TRY_RECOVERY_LOCK = `SELECT pg_try_advisory_xact_lock(${RECONCILER_LOCK}) AS locked`;

/** running -> pending for steps of running runs whose lease expired, with a 'lost' history entry. */
export const EXPIRE_LEASES = `UPDATE run_steps s SET status = 'pending', lease_until = NULL, next_attempt_at = now(),
         history = history || jsonb_build_array(jsonb_build_object('attempt', s.attempt,
           'startedAt', s.started_at, 'finishedAt', now(), 'outcome', 'lost',
           'error', 'the worker stopped during this attempt (its lease expired)'))
  FROM runs r
  WHERE r.id = s.run_id AND r.status = 'running' AND s.status = 'running' AND s.lease_until < now()
  RETURNING s.run_id, s.step_id, s.attempt`;

/**
 * The first unfinished step of each running run, if it is pending and due longer than $1 ms:
 * a running one is the lease's business (EXPIRE_LEASES). A step never marked due
 * (next_attempt_at NULL: the worker died between creating the step rows and enqueueing the
 * first step) is due since the run started, and is marked due now, so that a queue that
 * reads due steps from the rows (FLOWHUB_QUEUE=postgres) finds it too.
 */
export const DUE_STEPS = `WITH found AS (SELECT run_id, step_id, attempt, marked FROM (
    SELECT DISTINCT ON (s.run_id) s.run_id, s.step_id, s.attempt, s.status,
           s.next_attempt_at IS NULL AS marked,
           coalesce(s.next_attempt_at, r.started_at, r.created_at) AS due_at
    FROM run_steps s JOIN runs r ON r.id = s.run_id
    WHERE r.status = 'running' AND s.status IN ('pending', 'running')
    ORDER BY s.run_id, s.position) first_unfinished
  WHERE status = 'pending' AND due_at < now() - $1 * interval '1 millisecond' LIMIT ${RECOVERY_BATCH}),
marked AS (UPDATE run_steps s SET next_attempt_at = now() FROM found f
  WHERE f.marked AND s.run_id = f.run_id AND s.step_id = f.step_id AND s.next_attempt_at IS NULL)
SELECT run_id, step_id, attempt FROM found`;

/** Queued runs older than $1 ms, oldest first; `paged`: after ($2 created_at, $3 id). */
export const queuedRunsSql = (
  paged: boolean,
) => `SELECT id, created_at::text AS created_at FROM runs
  WHERE status = 'queued' AND created_at < now() - $1 * interval '1 millisecond'
    ${paged ? 'AND (created_at, id) > ($2::timestamptz, $3::uuid)' : ''}
  ORDER BY created_at, id LIMIT ${RECOVERY_BATCH}`;

export const PRUNE_DEDUPE_KEYS = `UPDATE inbound_requests SET dedupe_key = NULL
  WHERE dedupe_key IS NOT NULL AND received_at < now() - $1 * interval '1 hour'`;
