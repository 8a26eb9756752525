import { outboxInsert } from '../../events/event-outbox.repository.js';
import { REQUEST_COLUMNS } from '../stored-request.js';

/*
 * The catch path's transition into a run's first state: the request stored and its run
 * created, queued, or held while the flow is paused (read live in the same statement), and a
 * run.held event in the outbox for a held run when a subscriber wants it. Rows are stored only
 * when their flow exists and is not deleted; a repeated dedupe key stores nothing. Both
 * statements answer (id, status, flow_version, event_id) of each run stored.
 */

const flowCte = (where: string) =>
  `flow AS (SELECT id, current_version, status FROM flows WHERE ${where} AND deleted_at IS NULL)`;

const ON_DUPLICATE_KEY = `ON CONFLICT (flow_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
        RETURNING id`;

/** A run's first state: held while its flow is paused, else queued. */
const FIRST_STATUS = `CASE WHEN flow.status = 'paused' THEN 'held' ELSE 'queued' END`;

const INSERT_RUNS = 'INSERT INTO runs (id, flow_id, flow_version, status, request_id, created_at)';

/**
 * After `runs_in`, the answer; with `held` (a subscriber wants run.held) the held runs' events
 * are written first. Without, the statement has no outbox part to plan or run.
 */
function heldEventsAndAnswer(held: boolean): string {
  if (!held) return `SELECT id, status, flow_version, NULL::text AS event_id FROM runs_in`;
  const events = `(SELECT 'run.held'::text AS name, jsonb_build_object('runId', id::text) AS payload
     FROM runs_in WHERE status = 'held') e`;
  return `, held AS (${outboxInsert(events)})
SELECT r.id, r.status, r.flow_version, h.id::text AS event_id
FROM runs_in r LEFT JOIN held h ON h.payload->>'runId' = r.id::text`;
}

/**
 * Many rows at once: $1 jsonb rows (catchGroupParams), $2 their flow ids.
 * Rows are inserted in (flow, dedupe key) order so concurrent groups cannot deadlock. Not a
 * prepared statement (unlike the run path): its planning is shared by the whole group, and a
 * plan cached while `flows` was small would keep scanning it after it grew (seen in the bench:
 * 10,000 flows cloned in one go).
 */
const catchGroupSql = (held: boolean) => `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb)
    AS i(id uuid, flow_id uuid, method varchar, headers jsonb, query jsonb, raw_body text,
         body jsonb, content_type varchar, size int, source_ip varchar, received_at timestamptz,
         dedupe_key varchar, exact_values text, run_id uuid)),
${flowCte('id = ANY($2::uuid[])')},
req AS (INSERT INTO inbound_requests (${REQUEST_COLUMNS})
        SELECT i.id, i.flow_id, i.method, i.headers, i.query, decode(i.raw_body, 'base64'), i.body,
               i.content_type, i.size, i.source_ip, i.received_at, i.dedupe_key, i.exact_values
        FROM input i JOIN flow ON flow.id = i.flow_id
        ORDER BY i.flow_id, i.dedupe_key, i.id
        ${ON_DUPLICATE_KEY}),
runs_in AS (${INSERT_RUNS}
        SELECT i.run_id, flow.id, flow.current_version, ${FIRST_STATUS}, req.id, i.received_at
        FROM req JOIN input i ON i.id = req.id JOIN flow ON flow.id = i.flow_id
        RETURNING id, status, flow_version)
${heldEventsAndAnswer(held)}`;

/** One row (a large body, or a group's row tried alone): requestParams, then $14 the run id. */
const catchOneSql = (held: boolean) => `
WITH ${flowCte('id = $2::uuid')},
req AS (INSERT INTO inbound_requests (${REQUEST_COLUMNS})
        SELECT $1::uuid, flow.id, $3::varchar, $4::jsonb, $5::jsonb, $6::bytea, $7::jsonb,
               $8::varchar, $9::int, $10::varchar, $11::timestamptz, $12::varchar, $13::text FROM flow
        ${ON_DUPLICATE_KEY}),
runs_in AS (${INSERT_RUNS}
        SELECT $14::uuid, flow.id, flow.current_version, ${FIRST_STATUS}, req.id, $11::timestamptz
        FROM flow, req
        RETURNING id, status, flow_version)
${heldEventsAndAnswer(held)}`;

/** The catch statements by whether a subscriber wants run.held: [without, with]. */
export const CATCH_GROUP_SQL = [catchGroupSql(false), catchGroupSql(true)] as const;
export const CATCH_ONE_SQL = [catchOneSql(false), catchOneSql(true)] as const;

/** One stored request without its run's statement (a test run: requestParams). */
export const INSERT_REQUEST = `INSERT INTO inbound_requests (${REQUEST_COLUMNS})
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`;
