import { storableJson, textSafeOrNull } from '../../database/jsonb-safe.js';
import { prepared } from '../../database/prepared-statement.js';
import { outboxInsert, outboxRecords } from '../../events/event-outbox.repository.js';
import type { AttemptResult } from './run-state.types.js';
import { RUN_WITH_REQUEST_COLUMNS, RUN_WITH_REQUEST_FROM } from '../run-with-request.js';

/**
 * Every runs/run_steps transition, as SQL built from the fragments below (docs/reliability.md
 * has the state diagram). The run path's statements are prepared once per connection, each one
 * round trip without an explicit transaction (a single statement is atomic). Data-modifying
 * CTEs all read the snapshot taken when the statement starts, so each sub-statement leaves out
 * the row another one changes (`step_id <> $2`) instead of expecting to see that change.
 */

/** Ends an attempt: $4 status ... $12 sample output (resultParams), the lease released. */
const STEP_RESULT_SET = `status = $4::varchar, input = coalesce($5::jsonb, input), output = $6::jsonb,
         error = $7::text, error_code = $8::varchar, history = history || $9::jsonb,
         reason = $10::varchar, warnings = $11::jsonb, sample_output = $12::boolean, lease_until = NULL`;

/** The fence: only the attempt that holds the step ($2 of run $1, attempt $3) may write it. */
const HELD_BY_ATTEMPT = `run_id = $1 AND step_id = $2 AND status = 'running' AND attempt = $3`;

/** The first pending step of run $1 (other than `except`), by position. */
const firstPending = (except = '') =>
  `SELECT step_id FROM run_steps WHERE run_id = $1${except} AND status = 'pending'
    ORDER BY position LIMIT 1`;

/** Marks a step due now unless it already has a due time (the reconciler reads it). */
const MARK_DUE = `UPDATE run_steps SET next_attempt_at = coalesce(next_attempt_at, now())`;

/** Run states a run may finish or be cancelled from. */
export const UNFINISHED = `('queued', 'running')`;

/** BEGIN_RUN's sub-statements; `guard` narrows which run may start, `select` is the answer. */
function beginRunSql(guard: string, select: string): string {
  return `
WITH started AS (
  UPDATE runs SET status = 'running', started_at = coalesce(started_at, now())
  WHERE id = $1 AND status = 'queued'${guard} RETURNING id),
input AS (
  SELECT s.step_id, s.position, s.action, s.key,
         s.position = min(s.position) OVER ()
           AND NOT EXISTS (SELECT 1 FROM run_steps WHERE run_id = $1) AS first
  FROM jsonb_to_recordset($2::jsonb) AS s(step_id text, position int, action text, key text)),
inserted AS (
  INSERT INTO run_steps (run_id, step_id, position, action, status, idempotency_key, attempt,
                         lease_until, started_at, next_attempt_at)
  SELECT $1, i.step_id, i.position, i.action, CASE WHEN i.first THEN 'running' ELSE 'pending' END,
         i.key, CASE WHEN i.first THEN 1 ELSE 0 END,
         CASE WHEN i.first THEN now() + $3 * interval '1 millisecond' END,
         CASE WHEN i.first THEN now() END, CASE WHEN i.first THEN now() END
  FROM input i WHERE EXISTS (SELECT 1 FROM started)
  ON CONFLICT (run_id, step_id) DO NOTHING
  RETURNING step_id, status)
SELECT (SELECT count(*) FROM started)::int AS started,
       (SELECT count(*) FROM inserted)::int AS inserted,
       (SELECT step_id FROM inserted WHERE status = 'running') AS claimed_step,
       now() AS claimed_at${select}`;
}

/**
 * queued -> running, the step rows inserted, and the first step claimed (status running,
 * attempt 1, leased for $3 ms) when the run has no step rows yet. A replay copies step rows
 * before it starts: then every inserted row stays pending and the caller looks for the next
 * one. $1 run id, $2 jsonb [{step_id, position, action, key}], $3 lease in ms.
 */
export const BEGIN_RUN = prepared('begin_run', beginRunSql('', ''));

/**
 * BEGIN_RUN for a start job that names the run's flow version, so the steps are known before
 * the run is read: only when the run is of flow $4, version $5, and it also answers with the
 * run and its stored request as they were before the statement (RUN_WITH_REQUEST_COLUMNS;
 * no row when the run does not exist). A start job's first statement is then its only read.
 */
export const BEGIN_RUN_READING = prepared(
  'begin_run_reading',
  beginRunSql(
    ' AND flow_id = $4 AND flow_version = $5',
    `, ${RUN_WITH_REQUEST_COLUMNS} ${RUN_WITH_REQUEST_FROM} WHERE r.id = $1`,
  ),
);

/**
 * The end of an attempt that lets the run go on (succeeded, skipped, failed with onError
 * continue), written only while this attempt holds the step; then, in the same statement, the
 * next pending step marked due, or the run finished when no step is left, and the wanted
 * events ($13, jsonb [{name, payload, onFinish}]) written to the outbox: those with onFinish
 * only when the run finished. The run row is locked first, as every writer of its steps does.
 * $1 run, $2 step, $3 attempt, $4-$12 resultParams.
 */
export const FINISH_AND_ADVANCE = prepared(
  'finish_and_advance',
  `
WITH run AS (SELECT id FROM runs WHERE id = $1 FOR UPDATE),
finished AS (
  UPDATE run_steps SET ${STEP_RESULT_SET}, next_attempt_at = NULL, finished_at = now()
  WHERE ${HELD_BY_ATTEMPT} AND EXISTS (SELECT 1 FROM run)
  RETURNING step_id),
next AS (
  ${MARK_DUE}
  WHERE run_id = $1 AND EXISTS (SELECT 1 FROM finished) AND step_id = (${firstPending(' AND step_id <> $2')})
  RETURNING step_id, attempt),
done AS (
  UPDATE runs SET status = 'succeeded', error = NULL, finished_at = now()
  WHERE id = $1 AND status IN ${UNFINISHED} AND EXISTS (SELECT 1 FROM finished)
    AND NOT EXISTS (SELECT 1 FROM run_steps WHERE run_id = $1 AND step_id <> $2
                    AND status IN ('pending', 'running'))
  RETURNING id),
outbox AS (${outboxInsert(`${outboxRecords(13)} WHERE EXISTS (SELECT 1 FROM finished)
    AND (NOT e.on_finish OR EXISTS (SELECT 1 FROM done))`)})
SELECT (SELECT count(*) FROM finished)::int AS recorded,
       (SELECT step_id FROM next) AS next_step, (SELECT attempt FROM next) AS next_attempt,
       (SELECT count(*) FROM done)::int AS run_finished,
       (SELECT jsonb_agg(jsonb_build_object('id', id::text, 'name', name, 'payload', payload))
        FROM outbox) AS outbox`,
);

/** An attempt's end that does not move the run on (a retry, a sleep, a failure that ends it). */
export const FINISH_ATTEMPT = `UPDATE run_steps SET ${STEP_RESULT_SET},
         next_attempt_at = $13::timestamptz, wake_at = coalesce($14::timestamptz, wake_at),
         attempt = attempt - $15::int,
         finished_at = CASE WHEN $4::varchar IN ('succeeded', 'failed', 'skipped') THEN now() ELSE NULL END
  WHERE ${HELD_BY_ATTEMPT}`;

/** The next step to run, marked due now; none when every step has finished. */
export const NEXT_PENDING = `${MARK_DUE}
  WHERE run_id = $1 AND step_id = (${firstPending()})
  RETURNING step_id, attempt`;

/**
 * Claims a pending step that is due, only once every earlier step has finished: a stray job
 * for a later step (a re-drive racing a step still running) finds nothing to claim. A queue
 * claim on the step (FLOWHUB_QUEUE=postgres, src/runs/pg-queue/) is over once it runs.
 * $1 run, $2 step, $3 lease in ms.
 */
export const CLAIM_STEP = prepared(
  'claim_step',
  `UPDATE run_steps s
     SET status = 'running', attempt = s.attempt + 1, lease_until = now() + $3 * interval '1 millisecond',
         started_at = coalesce(s.started_at, now()), claimed_until = NULL
     FROM runs r
     WHERE s.run_id = $1 AND s.step_id = $2 AND r.id = s.run_id AND r.status = 'running'
       AND s.status = 'pending' AND (s.next_attempt_at IS NULL OR s.next_attempt_at <= now() + interval '1 second')
       AND NOT EXISTS (SELECT 1 FROM run_steps earlier WHERE earlier.run_id = s.run_id
                       AND earlier.position < s.position AND earlier.status IN ('pending', 'running'))
     RETURNING s.attempt, s.wake_at, s.item_outputs, s.idempotency_key, now() AS claimed_at`,
);

/** Extends the lease of the attempt that holds the step, saving forEach progress ($5). */
export const RENEW_LEASE = `UPDATE run_steps SET lease_until = now() + $4 * interval '1 millisecond',
         item_outputs = coalesce($5::jsonb, item_outputs)
  WHERE ${HELD_BY_ATTEMPT}`;

/** Serialises the end of attempts of one run, so the last one to finish sees the others. */
export const LOCK_RUN = 'SELECT 1 FROM runs WHERE id = $1 FOR UPDATE';

/** Ends run $1 with status $2 (error $3, failed step $4); `idleOnly`: no step left to run. */
export const finishRunSql = (idleOnly: boolean) =>
  `UPDATE runs SET status = $2, error = $3, failed_step = $4, finished_at = now()
   WHERE id = $1 AND status IN ${UNFINISHED}${
     idleOnly
       ? ` AND NOT EXISTS (SELECT 1 FROM run_steps WHERE run_id = $1 AND status IN ('pending', 'running'))`
       : ''
   }`;

/** The pending steps of an ended run ($1) are skipped: $2 error, $3 reason. */
export const SKIP_PENDING = `UPDATE run_steps SET status = 'skipped', error = $2, reason = $3, next_attempt_at = NULL
  WHERE run_id = $1 AND status = 'pending'`;

/**
 * $1-$12 of the statements that write an attempt's end (FINISH_ATTEMPT, FINISH_AND_ADVANCE).
 * Records cannot hold U+0000 or lone surrogates: they are recorded as U+FFFD, and an output
 * that held one is replaced in `result` by the value as recorded, so later steps see in this
 * job what they would read from the record in another.
 */
export function resultParams(
  runId: string,
  stepId: string,
  attempt: number,
  result: AttemptResult,
) {
  const exact = result.output === undefined ? undefined : JSON.stringify(result.output);
  const output = exact === undefined ? null : storableJson(result.output, exact);
  if (output !== null && output !== exact) result.output = JSON.parse(output) as unknown;
  return [
    runId,
    stepId,
    attempt,
    result.status,
    storableJson(result.input),
    output,
    textSafeOrNull(result.error),
    result.errorCode ?? null,
    storableJson([result.entry]),
    result.reason ?? null,
    result.warnings?.length ? JSON.stringify(result.warnings) : null,
    result.sampleOutput === true,
  ];
}

/** A run of a given version that starts queued whatever the flow's status (test, replay). */
export const INSERT_RUN = `INSERT INTO runs (id, flow_id, flow_version, status, request_id, mode_override, replay_of, replay)
  VALUES ($1, $2, $3, 'queued', $4, $5, $6, $7)`;

/** held -> queued for flow $1, answering the runs in arrival order. */
export const RELEASE_HELD = `WITH released AS (
    UPDATE runs SET status = 'queued' WHERE flow_id = $1 AND status = 'held' RETURNING id, created_at)
  SELECT id FROM released ORDER BY created_at, id`;

/** queued, held or running -> cancelled (run $1). */
export const CANCEL_RUN = `UPDATE runs SET status = 'cancelled', finished_at = now(), error = 'cancelled through the API'
  WHERE id = $1 AND status IN ('queued', 'held', 'running')`;
