import type { TriggerData } from '../engine/flow-definition.js';

/** A request as the catch URL (or the test endpoint) stores it. */
export interface StoredRequest {
  id: string;
  method: string;
  headers: Record<string, string>;
  query: Record<string, unknown>;
  rawBody: Buffer;
  body: unknown;
  contentType: string | null;
  size: number;
  sourceIp: string | null;
  receivedAt: Date;
  /** trigger.dedupe evaluated on this delivery; null when the flow does not dedupe. */
  dedupeKey?: string | null;
}

export interface RequestRow {
  method: string;
  headers: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  content_type: string | null;
  received_at: Date;
}

/** `$trigger` for expressions, from a stored request row. */
export function triggerFrom(row: RequestRow): TriggerData {
  return {
    body: row.body,
    headers: row.headers,
    query: row.query,
    method: row.method,
    receivedAt: new Date(row.received_at).toISOString(),
    contentType: row.content_type,
  };
}

export const REQUEST_COLUMNS =
  'id, flow_id, method, headers, query, raw_body, body, content_type, size, source_ip, received_at, dedupe_key';

/** Parameters $1..$12 for REQUEST_COLUMNS. */
export function requestParams(flowId: string, request: StoredRequest): unknown[] {
  return [
    request.id,
    flowId,
    request.method,
    JSON.stringify(request.headers),
    JSON.stringify(request.query),
    request.rawBody,
    request.body === undefined ? null : JSON.stringify(request.body),
    request.contentType,
    request.size,
    request.sourceIp,
    request.receivedAt,
    request.dedupeKey ?? null,
  ];
}

/**
 * The parameters of CATCH_GROUP_SQL: $1 the group as a JSON array of rows, bodies as JSON
 * (stored as they are, not as strings inside an array literal that pg would escape character
 * by character) and raw bytes in base64, an undefined body left out (NULL, like null); $2 the
 * group's distinct flow ids, so the flows are read by primary key (the planner cannot see how
 * many rows $1 holds, and guessed a scan of every flow).
 */
export function catchGroupParams(
  rows: { flowId: string; runId: string; request: StoredRequest }[],
): [string, string[]] {
  const json = JSON.stringify(
    rows.map(({ flowId, runId, request }) => ({
      id: request.id,
      flow_id: flowId,
      method: request.method,
      headers: request.headers,
      query: request.query,
      raw_body: request.rawBody.toString('base64'),
      body: request.body,
      content_type: request.contentType,
      size: request.size,
      source_ip: request.sourceIp,
      received_at: request.receivedAt,
      dedupe_key: request.dedupeKey ?? null,
      run_id: runId,
    })),
  );
  return [json, [...new Set(rows.map((row) => row.flowId))]];
}

/**
 * requestParams' statement for many rows at once: each row is stored only when its flow
 * exists and is not deleted, a repeated dedupe key stores nothing, and a paused flow's run is
 * held. Rows are inserted in (flow, dedupe key) order so concurrent groups cannot deadlock.
 * Returns (id, status, flow_version) of each run stored. Not a prepared statement (unlike the
 * run path): its planning is shared by the whole group, and a plan cached while `flows` was
 * small would keep scanning it after it grew (seen in the bench: 10,000 flows cloned in one go).
 */
export const CATCH_GROUP_SQL = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb)
    AS i(id uuid, flow_id uuid, method varchar, headers jsonb, query jsonb, raw_body text,
         body jsonb, content_type varchar, size int, source_ip varchar, received_at timestamptz,
         dedupe_key varchar, run_id uuid)),
flow AS (SELECT id, current_version, status FROM flows
         WHERE id = ANY($2::uuid[]) AND deleted_at IS NULL),
req AS (INSERT INTO inbound_requests (${REQUEST_COLUMNS})
        SELECT i.id, i.flow_id, i.method, i.headers, i.query, decode(i.raw_body, 'base64'), i.body,
               i.content_type, i.size, i.source_ip, i.received_at, i.dedupe_key
        FROM input i JOIN flow ON flow.id = i.flow_id
        ORDER BY i.flow_id, i.dedupe_key, i.id
        ON CONFLICT (flow_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
        RETURNING id)
INSERT INTO runs (id, flow_id, flow_version, status, request_id, created_at)
SELECT i.run_id, flow.id, flow.current_version,
       CASE WHEN flow.status = 'paused' THEN 'held' ELSE 'queued' END, req.id, i.received_at
FROM req JOIN input i ON i.id = req.id JOIN flow ON flow.id = i.flow_id
RETURNING id, status, flow_version`;

/** CATCH_GROUP_SQL for one row: requestParams, then the run id as $13. Returns the run's status and version. */
export const CATCH_ONE_SQL = `WITH flow AS (SELECT id, current_version, status FROM flows WHERE id = $2::uuid AND deleted_at IS NULL),
   req AS (INSERT INTO inbound_requests (${REQUEST_COLUMNS})
           SELECT $1::uuid, flow.id, $3::varchar, $4::jsonb, $5::jsonb, $6::bytea, $7::jsonb,
                  $8::varchar, $9::int, $10::varchar, $11::timestamptz, $12::varchar FROM flow
           ON CONFLICT (flow_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
           RETURNING id)
   INSERT INTO runs (id, flow_id, flow_version, status, request_id, created_at)
   SELECT $13::uuid, flow.id, flow.current_version,
          CASE WHEN flow.status = 'paused' THEN 'held' ELSE 'queued' END, req.id, $11::timestamptz
   FROM flow, req RETURNING status, flow_version`;
