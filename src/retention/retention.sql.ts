/**
 * Retention's statements (docs/adr/0007-retention-delete-and-vacuum.md). Windows come as
 * arrays, one entry per flow: $1 flow ids, $2 the cutoff of its runs, $3 of its failed runs.
 */
const PRUNE_LOCK = 7_140_029;
export const TRY_PRUNE_LOCK = `SELECT pg_try_advisory_lock(${PRUNE_LOCK}) AS locked`;
export const PRUNE_UNLOCK = `SELECT pg_advisory_unlock(${PRUNE_LOCK})`;

/** Each flow's retention, as its current version defines it (deleted flows included). */
export const FLOW_RETENTION = `SELECT f.id, v.definition->'retention' AS retention
  FROM flows f JOIN flow_versions v ON v.flow_id = f.id AND v.version = f.current_version`;

const FINISHED = "('succeeded', 'failed', 'filtered', 'cancelled')";

const WINDOWS = `w AS (SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[])
  AS w(flow_id, cutoff, failed_cutoff))`;

/**
 * One batch ($4 runs at most, oldest first per flow): finished runs past their window, never
 * one whose request still holds its dedupe key inside the dedupe window ($5 hours), locked so
 * a concurrent change waits or is skipped. Their steps, then the runs, then each request no
 * other run refers to, and the issue occurrences of the runs (src/issues/: their issues keep
 * their counts), all in one statement: a crash leaves nothing half pruned.
 *
 * The scan starts at $6, the newest run the previous batch of the pass considered (answered
 * as `until`): the index entries of the runs already deleted (dead until VACUUM) and of the
 * kept ones before it are not walked again by every batch. The dedupe check runs on the $4
 * oldest only, not on each flow's $4 before they are merged; the pass goes on while a batch
 * considered $4 runs (`considered`), even if it kept some of them.
 */
export const PRUNE_RUNS = `WITH ${WINDOWS},
  candidates AS (
    SELECT r.id, r.created_at FROM w CROSS JOIN LATERAL (
      SELECT r.id, r.created_at FROM runs r
      WHERE r.flow_id = w.flow_id AND r.created_at < w.cutoff AND r.created_at >= $6
        AND r.status IN ${FINISHED}
        AND (r.status <> 'failed' OR r.created_at < w.failed_cutoff)
      ORDER BY r.created_at LIMIT $4) r
    ORDER BY r.created_at LIMIT $4),
  doomed AS (SELECT r.id, r.request_id FROM runs r
    WHERE r.id IN (SELECT id FROM candidates) AND r.status IN ${FINISHED}
      AND NOT EXISTS (SELECT 1 FROM inbound_requests q WHERE q.id = r.request_id
        AND q.dedupe_key IS NOT NULL AND q.received_at > now() - $5 * interval '1 hour')
    FOR UPDATE OF r SKIP LOCKED),
  steps AS (DELETE FROM run_steps s USING doomed d WHERE s.run_id = d.id RETURNING 1),
  occurrences AS (DELETE FROM issue_occurrences o USING doomed d WHERE o.run_id = d.id),
  gone AS (DELETE FROM runs r USING doomed d WHERE r.id = d.id RETURNING r.request_id),
  requests AS (DELETE FROM inbound_requests q WHERE q.id IN (SELECT request_id FROM gone)
    AND NOT EXISTS (SELECT 1 FROM runs k WHERE k.request_id = q.id
      AND k.id NOT IN (SELECT id FROM doomed))
    RETURNING 1)
  SELECT (SELECT count(*) FROM gone)::int AS runs, (SELECT count(*) FROM steps)::int AS steps,
    (SELECT count(*) FROM requests)::int AS requests,
    (SELECT count(*) FROM candidates)::int AS considered,
    (SELECT max(created_at) FROM candidates)::text AS until`;

/** Requests past their flow's window that no run refers to ($4 at most, from $5 on). */
export const PRUNE_LONE_REQUESTS = `WITH ${WINDOWS},
  doomed AS (
    SELECT q.id, q.received_at FROM w CROSS JOIN LATERAL (
      SELECT q.id, q.received_at FROM inbound_requests q
      WHERE q.flow_id = w.flow_id AND q.received_at < w.cutoff AND q.received_at >= $5
        AND NOT EXISTS (SELECT 1 FROM runs k WHERE k.request_id = q.id)
      ORDER BY q.received_at LIMIT $4) q
    ORDER BY q.received_at LIMIT $4),
  gone AS (DELETE FROM inbound_requests q USING doomed d WHERE q.id = d.id
    AND NOT EXISTS (SELECT 1 FROM runs k WHERE k.request_id = q.id) RETURNING 1)
  SELECT (SELECT count(*) FROM gone)::int AS requests,
    (SELECT max(received_at) FROM doomed)::text AS until`;

/**
 * Plain VACUUM (no exclusive lock): the freed pages are reused by new rows, and empty pages
 * at a table's end go back to the file system. Throttled as autovacuum is (a manual VACUUM is
 * not, by default), so ingest keeps the disk.
 */
export const VACUUM_THROTTLE = "SET vacuum_cost_delay = '2ms'";
/** Vacuumed one at a time, children first (each VACUUM a shorter burst of I/O). */
export const VACUUM_TABLES = [
  'issue_occurrences',
  'run_steps',
  'runs',
  'inbound_requests',
] as const;
export type VacuumTable = (typeof VACUUM_TABLES)[number];
export const vacuum = (table: VacuumTable) => `VACUUM (ANALYZE) ${table}`;

/**
 * Each delete is its own transaction. Its commit does not wait for the WAL flush: a prune
 * lost in a crash is re-done by the next pass, and ingest's commits do not queue behind
 * it. A batch that waits on a lock (an operator's VACUUM FULL, a migration) gives up, and so
 * does one stuck for longer than any batch should take: the pass fails, the next one goes on.
 */
export const PRUNE_BEGIN = `BEGIN; SET LOCAL synchronous_commit = off;
  SET LOCAL lock_timeout = '5s'; SET LOCAL statement_timeout = '60s'`;

export const STORAGE_TABLES = ['inbound_requests', 'runs', 'run_steps'] as const;

/** Bytes (heap, indexes and TOAST) and the planner's row estimate of each table. */
export const TABLE_SIZES = `SELECT c.relname AS name, pg_total_relation_size(c.oid)::bigint AS bytes,
    greatest(c.reltuples, 0)::bigint AS rows
  FROM pg_class c WHERE c.relkind IN ('r', 'p') AND c.relnamespace = 'public'::regnamespace
    AND c.relname = ANY($1::text[])`;

/**
 * The oldest kept request and run of every flow: runs through IDX_runs_created, requests
 * through each flow's first entry in IDX_inbound_requests_flow (one probe per flow).
 */
export const OLDEST_KEPT_ALL = `SELECT
    (SELECT min(o.received_at) FROM flows f CROSS JOIN LATERAL (
      SELECT q.received_at FROM inbound_requests q WHERE q.flow_id = f.id
      ORDER BY q.received_at LIMIT 1) o) AS request_at,
    (SELECT r.created_at FROM runs r ORDER BY r.created_at LIMIT 1) AS run_at`;

/** The oldest kept request and run of flow $1. */
export const OLDEST_KEPT_FLOW = `SELECT
    (SELECT min(received_at) FROM inbound_requests WHERE flow_id = $1) AS request_at,
    (SELECT min(created_at) FROM runs WHERE flow_id = $1) AS run_at`;
