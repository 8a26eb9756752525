import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Credentials recorded in clear before they were redacted, replaced by '[redacted]' once:
 * - issue 15 item 6: credential headers in http.request steps' recorded input
 *   (run_steps.input.headers, or each item's for a forEach step);
 * - test runs (POST /flows/:id/test) before commit 7b379f0 stored their headers as sent in
 *   inbound_requests.headers: authorization, cookie and proxy-authorization (which catch
 *   requests always redacted), and the header of a static-token flow (`verify.header`, else
 *   x-webhook-secret).
 * Set-based UPDATEs whose WHERE holds only rows with a value still to redact, so other rows are
 * not written. Self-contained on purpose: a migration never changes after it lands.
 */

/**
 * The credential-header rule of src/common/credential-headers.ts, FROZEN as of this migration
 * (a later change to that file must not change what this migration did): exact names, parts a
 * name may contain, and idempotency-key, which is not a credential.
 */
const EXACT = ['authorization', 'proxy-authorization', 'x-api-key', 'x-auth-token', 'cookie'];
const PARTS = ['secret', 'token', 'key', 'signature', 'password', 'auth', 'hmac', 'cookie'];
const NOT_CREDENTIALS = ['idempotency-key'];

const list = (names: string[]) => `ARRAY[${names.map((name) => `'${name}'`).join(', ')}]`;

/** SQL: whether the header name `name` (a text expression) is a credential's. */
const isCredential = (name: string) =>
  `(lower(${name}) <> ALL(${list(NOT_CREDENTIALS)}) AND (lower(${name}) = ANY(${list(EXACT)})
    OR lower(${name}) ~ '${PARTS.join('|')}'))`;

/** The headers catch requests always redacted; test runs stored them as sent. */
const REQUEST_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

const REDACTED = `'"[redacted]"'::jsonb`;

/** SQL: a value of header `e` that `hide` (a boolean SQL over e.key) says to redact. */
const toRedact = (hide: string) =>
  `(${hide} AND jsonb_typeof(e.value) = 'string' AND e.value <> ${REDACTED})`;

/** SQL: whether the headers object `map` holds a value to redact. */
const holds = (map: string, hide: string) =>
  `EXISTS (SELECT 1 FROM jsonb_each(${map}) e WHERE ${toRedact(hide)})`;

/** SQL: the headers object `map` with those values redacted. */
const redacted = (map: string, hide: string) =>
  `(SELECT jsonb_object_agg(e.key, CASE WHEN ${toRedact(hide)} THEN ${REDACTED} ELSE e.value END)
    FROM jsonb_each(${map}) e)`;

const stepHolds = (item: string) =>
  `(jsonb_typeof(${item}->'headers') = 'object' AND ${holds(`${item}->'headers'`, isCredential('e.key'))})`;
const stepRedacted = (item: string) =>
  `jsonb_set(${item}, '{headers}', ${redacted(`${item}->'headers'`, isCredential('e.key'))})`;

/** run_steps: an http.request step's input (an object), or its forEach items (an array). */
const RUN_STEP_INPUTS = [
  `UPDATE run_steps SET input = ${stepRedacted('input')}
   WHERE action = 'http.request' AND jsonb_typeof(input) = 'object' AND input ? 'headers'
     AND ${stepHolds('input')}`,
  `UPDATE run_steps SET input = (
     SELECT jsonb_agg(CASE WHEN ${stepHolds('a.item')} THEN ${stepRedacted('a.item')} ELSE a.item END
       ORDER BY a.n)
     FROM jsonb_array_elements(input) WITH ORDINALITY AS a(item, n))
   WHERE action = 'http.request' AND jsonb_typeof(input) = 'array'
     AND EXISTS (SELECT 1 FROM jsonb_array_elements(input) AS a(item) WHERE ${stepHolds('a.item')})`,
];

/**
 * The lower-cased token header of the static-token flow version each request's runs ran
 * (none for basicAuth: its secret is in authorization).
 */
const TOKEN_HEADERS = `SELECT run.request_id, array_agg(DISTINCT lower(coalesce(
    v.definition #>> '{trigger,verify,header}', 'x-webhook-secret'))) AS names
  FROM runs run JOIN flow_versions v ON v.flow_id = run.flow_id AND v.version = run.flow_version
  WHERE v.definition #>> '{trigger,verify,preset}' = 'static-token'
    AND coalesce(v.definition #> '{trigger,verify,basicAuth}', 'false') = 'false'
  GROUP BY run.request_id`;

const hideRequestHeader = `(lower(e.key) = ANY(${list(REQUEST_HEADERS)}) OR lower(e.key) = ANY(coalesce(t.names, '{}')))`;

/** inbound_requests.headers (jsonb), of the requests that still hold such a value. */
const REQUEST_HEADERS_UPDATE = `WITH tokens AS (${TOKEN_HEADERS}),
  target AS (
    SELECT r.id, t.names FROM inbound_requests r LEFT JOIN tokens t ON t.request_id = r.id
    WHERE (r.headers ?| ${list(REQUEST_HEADERS)} OR t.names IS NOT NULL)
      AND jsonb_typeof(r.headers) = 'object' AND ${holds('r.headers', hideRequestHeader)})
  UPDATE inbound_requests r SET headers = ${redacted('r.headers', hideRequestHeader)}
  FROM target t WHERE r.id = t.id`;

/**
 * exact_values is text (it may hold U+0000, which jsonb cannot): the headers in it are
 * redacted in JavaScript, for the few requests that have it.
 */
const EXACT_CANDIDATES = `WITH tokens AS (${TOKEN_HEADERS})
  SELECT r.id, r.exact_values, coalesce(t.names, '{}') AS names
  FROM inbound_requests r LEFT JOIN tokens t ON t.request_id = r.id
  WHERE r.exact_values IS NOT NULL AND r.id > $1::uuid AND (r.headers ?| ${list(REQUEST_HEADERS)} OR t.names IS NOT NULL)
  ORDER BY r.id LIMIT 500`;

function redactExact(exact: string, names: string[]): string | undefined {
  const values = JSON.parse(exact) as { headers?: Record<string, unknown> };
  if (typeof values.headers !== 'object' || values.headers === null) return undefined;
  const hide = new Set([...REQUEST_HEADERS, ...names]);
  let changed = false;
  for (const [name, value] of Object.entries(values.headers)) {
    if (!hide.has(name.toLowerCase()) || typeof value !== 'string' || value === '[redacted]')
      continue;
    values.headers[name] = '[redacted]';
    changed = true;
  }
  return changed ? JSON.stringify(values) : undefined;
}

export class RedactRecordedCredentialHeaders1795460000001 implements MigrationInterface {
  name = 'RedactRecordedCredentialHeaders1795460000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const update of RUN_STEP_INPUTS) await queryRunner.query(update);
    await queryRunner.query(REQUEST_HEADERS_UPDATE);
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: { id: string; exact_values: string; names: string[] }[] = await queryRunner.query(
        EXACT_CANDIDATES,
        [after],
      );
      for (const row of rows) {
        const exact = redactExact(row.exact_values, row.names);
        if (exact === undefined) continue;
        await queryRunner.query('UPDATE inbound_requests SET exact_values = $2 WHERE id = $1', [
          row.id,
          exact,
        ]);
      }
      if (rows.length < 500) return;
      after = rows[rows.length - 1].id;
    }
  }

  public async down(): Promise<void> {
    // The redacted values are gone for good; nothing to restore.
  }
}
