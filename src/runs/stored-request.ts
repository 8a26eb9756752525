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
