import type { TriggerData } from '../engine/flow-definition.js';
import { SCHEDULE_METHOD, type TickBody } from '../engine/schedule.js';
import { jsonbRefuses, jsonbSafeText, textSafeOrNull } from '../database/jsonb-safe.js';

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

/** A request row as read, with exact_values (see storableValues) not yet applied. */
export type ReadRequestRow<T extends RequestRow> = T & { exact_values?: string | null };

/**
 * The row with its exact headers, query and body when the jsonb columns hold a copy (a value
 * with U+0000 or a lone surrogate), so `$trigger` and the API see what was sent.
 */
export function withExactValues<T extends RequestRow>(row: ReadRequestRow<T>): T {
  const { exact_values: exact, ...rest } = row;
  if (!exact) return rest as unknown as T;
  const values = JSON.parse(exact) as Pick<RequestRow, 'headers' | 'query' | 'body'>;
  return { ...rest, headers: values.headers, query: values.query, body: values.body } as T;
}

/** The JSON texts of a request's jsonb columns, storable, and exact_values when needed. */
interface StorableValues {
  headers: string;
  query: string;
  body: string | null;
  exact: string | null;
}

/**
 * jsonb cannot hold U+0000 or a lone surrogate: when headers, query or body hold one, the
 * columns get a copy with each replaced by U+FFFD and exact_values the three exactly, as JSON
 * text (where they are escapes, so `text` can hold them). Requests without one (nearly all)
 * cost one regex test per column.
 */
export function storableValues(request: StoredRequest): StorableValues {
  const headers = JSON.stringify(request.headers);
  const query = JSON.stringify(request.query);
  const body = request.body === undefined ? null : JSON.stringify(request.body);
  if (!jsonbRefuses(headers) && !jsonbRefuses(query) && !(body && jsonbRefuses(body))) {
    return { headers, query, body, exact: null };
  }
  return {
    headers: jsonbSafeText(headers),
    query: jsonbSafeText(query),
    body: body && jsonbSafeText(body),
    exact: `{"headers":${headers},"query":${query},"body":${body ?? 'null'}}`,
  };
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
    ...(row.method === SCHEDULE_METHOD ? { scheduledAt: (row.body as TickBody).scheduledAt } : {}),
  };
}

export const REQUEST_COLUMNS =
  'id, flow_id, method, headers, query, raw_body, body, content_type, size, source_ip, received_at, dedupe_key, exact_values';

/** Parameters $1..$13 for REQUEST_COLUMNS. */
export function requestParams(flowId: string, request: StoredRequest): unknown[] {
  const values = storableValues(request);
  return [
    request.id,
    flowId,
    request.method,
    values.headers,
    values.query,
    request.rawBody,
    values.body,
    textSafeOrNull(request.contentType),
    request.size,
    request.sourceIp,
    request.receivedAt,
    textSafeOrNull(request.dedupeKey),
    values.exact,
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
  const group = rows.map(({ flowId, runId, request }) => ({
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
    exact_values: null as string | null,
    run_id: runId,
  }));
  let json = JSON.stringify(group);
  // Rare: some row holds what jsonb or text refuses; only then is each row looked at.
  if (jsonbRefuses(json)) json = JSON.stringify(group.map(storableRow));
  return [json, [...new Set(rows.map((row) => row.flowId))]];
}

/** A row of the group with its values made storable (storableValues, textSafe). */
function storableRow<T extends { headers: object; query: object; body: unknown }>(
  row: T & { content_type: string | null; dedupe_key: string | null },
): T {
  const values = storableValues(row as unknown as StoredRequest);
  const texts = {
    content_type: textSafeOrNull(row.content_type),
    dedupe_key: textSafeOrNull(row.dedupe_key),
  };
  if (!values.exact) return { ...row, ...texts };
  return {
    ...row,
    ...texts,
    headers: JSON.parse(values.headers) as object,
    query: JSON.parse(values.query) as object,
    body: values.body === null ? null : (JSON.parse(values.body) as unknown),
    exact_values: values.exact,
  };
}
