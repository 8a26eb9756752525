/** Statements of bulk jobs (BulkJobsRepository). Every job timestamp is read as text. */

export const JOB_COLUMNS = `id, action, filter, replay, status, total, done, failed, skipped,
  snapshot_until::text AS snapshot_until, cursor_created_at::text AS cursor_created_at, cursor_id,
  cancel_requested, error, created_at, started_at, finished_at`;

export const INSERT_JOB = `
INSERT INTO bulk_jobs (id, action, filter, replay, total, snapshot_until)
VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6::timestamptz)
RETURNING ${JOB_COLUMNS}`;

export const FIND_JOB = `SELECT ${JOB_COLUMNS} FROM bulk_jobs WHERE id = $1`;

/** The oldest job waiting, or running under a lease that expired (its process died). */
export const CLAIM_JOB = `
UPDATE bulk_jobs SET status = 'running', lease_owner = $1,
  lease_until = now() + $2 * interval '1 millisecond', started_at = COALESCE(started_at, now())
WHERE id = (SELECT id FROM bulk_jobs
            WHERE status IN ('queued', 'running') AND (lease_until IS NULL OR lease_until < now())
            ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
RETURNING ${JOB_COLUMNS}`;

/** A queued job is cancelled at once; a running one stops after its batch. */
export const CANCEL_JOB = `
UPDATE bulk_jobs SET cancel_requested = true,
  status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END,
  finished_at = CASE WHEN status = 'queued' THEN now() ELSE finished_at END
WHERE id = $1 AND status IN ('queued', 'running')
RETURNING ${JOB_COLUMNS}`;

/** The end of a job, by the process holding it. Runs counted but no longer matching are skipped. */
export const FINISH_JOB = `
UPDATE bulk_jobs SET status = $3::varchar, error = $4::text, finished_at = now(), lease_owner = NULL,
  lease_until = NULL,
  skipped = skipped + CASE WHEN $3::varchar = 'succeeded' THEN GREATEST(total - done - failed - skipped, 0)
                      ELSE 0 END
WHERE id = $1 AND lease_owner = $2 AND status = 'running'`;

/** The runs of a batch a job reaches for the first time; the others were reached before. */
export const CLAIM_RUNS = `
INSERT INTO bulk_job_runs (job_id, run_id) SELECT $1, unnest($2::uuid[])
ON CONFLICT DO NOTHING RETURNING run_id`;

/** Runs of the batch with no outcome yet (new, or reached by a process that died). */
export const OPEN_RUNS = `
SELECT run_id FROM bulk_job_runs WHERE job_id = $1 AND run_id = ANY($2::uuid[]) AND outcome IS NULL`;

/**
 * Replays a process that died had made of these runs before it could record them. Bounded:
 * only runs created since the job was (the created_at index).
 */
export const MADE_REPLAYS = `
SELECT replay_of, id FROM runs
WHERE created_at >= $2::timestamptz AND replay_of = ANY($1::uuid[])`;

export const RECORD_OUTCOMES = `
UPDATE bulk_job_runs r SET outcome = o.outcome, new_run_id = o.new_run_id, error = o.error
FROM jsonb_to_recordset($2::jsonb) AS o(run_id uuid, outcome text, new_run_id uuid, error text)
WHERE r.job_id = $1 AND r.run_id = o.run_id`;

/** Progress and cursor after a batch, fenced by the lease, which is renewed. */
export const ADVANCE_JOB = `
UPDATE bulk_jobs SET done = done + $3, failed = failed + $4, skipped = skipped + $5,
  cursor_created_at = $6::timestamptz, cursor_id = $7,
  lease_until = now() + $8 * interval '1 millisecond'
WHERE id = $1 AND lease_owner = $2 AND status = 'running'
RETURNING cancel_requested`;

export const FAILURES = `
SELECT run_id, error FROM bulk_job_runs WHERE job_id = $1 AND outcome = 'failed'
ORDER BY run_id LIMIT 10`;

/** On shutdown: the lease ends now, so the next process takes the job up at once. */
export const RELEASE_JOB = `
UPDATE bulk_jobs SET lease_until = now() WHERE id = $1 AND lease_owner = $2 AND status = 'running'`;
