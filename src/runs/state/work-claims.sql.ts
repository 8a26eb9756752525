// `postgres` mode's claim (src/runs/pg-queue/): a lease on runs and run_steps rows, so it
// lives with the other statements that write them.

/**
 * Takes up to $1 items of due work for this worker, marking them `claimed_until` now + $2 ms
 * so other workers' claims skip them (FOR UPDATE SKIP LOCKED: claims never wait for each
 * other). Due steps first (runs already started finish first), then queued runs oldest first
 * in what is left of $1. A claim is only a reservation: the run's start (BEGIN_RUN, from
 * `queued` only) and the step's claim (CLAIM_STEP, from `pending` only, which clears
 * `claimed_until`) are what make a second taker find nothing to do. A step counts as due only
 * while its run is running (a cancelled run's pending steps are left alone). Not prepared:
 * its best plan depends on how much work is waiting (prepared-statement.ts).
 */
export const CLAIM_WORK = `
WITH steps AS (
  UPDATE run_steps s SET claimed_until = now() + $2 * interval '1 millisecond'
  WHERE (s.run_id, s.step_id) IN (
    SELECT d.run_id, d.step_id FROM run_steps d
    WHERE d.status = 'pending' AND d.next_attempt_at <= now()
      AND (d.claimed_until IS NULL OR d.claimed_until < now())
      AND EXISTS (SELECT 1 FROM runs r WHERE r.id = d.run_id AND r.status = 'running')
    ORDER BY d.next_attempt_at LIMIT $1 FOR UPDATE OF d SKIP LOCKED)
  RETURNING s.run_id, s.step_id),
started AS (
  UPDATE runs r SET claimed_until = now() + $2 * interval '1 millisecond'
  WHERE r.id IN (
    SELECT q.id FROM runs q
    WHERE q.status = 'queued' AND (q.claimed_until IS NULL OR q.claimed_until < now())
    ORDER BY q.created_at LIMIT greatest(0, $1 - (SELECT count(*) FROM steps))
    FOR UPDATE SKIP LOCKED)
  RETURNING r.id, r.flow_id, r.flow_version)
SELECT run_id::text AS run_id, step_id, NULL::text AS flow_id, NULL::int AS flow_version FROM steps
UNION ALL
SELECT id::text, NULL, flow_id::text, flow_version FROM started`;
