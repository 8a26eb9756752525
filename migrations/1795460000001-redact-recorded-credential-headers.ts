import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 item 6: run records made before credential headers were redacted hold them in
 * clear in run_steps.input (http.request's `headers`). This replaces each such value with
 * '[redacted]' once. Self-contained on purpose: a migration never changes after it lands.
 */
const EXACT = ['authorization', 'proxy-authorization', 'x-api-key', 'x-auth-token', 'cookie'];
const PARTS = ['secret', 'token', 'key', 'signature', 'password'];

function isCredential(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower === 'idempotency-key') return false;
  return EXACT.includes(lower) || PARTS.some((part) => lower.includes(part));
}

type Json = Record<string, unknown>;
const isMap = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The input with credential headers redacted, or undefined when nothing changes. */
function redact(input: unknown): unknown {
  if (Array.isArray(input)) {
    const items = input.map((item) => redact(item) ?? item);
    return items.some((item, index) => item !== input[index]) ? items : undefined;
  }
  if (!isMap(input) || !isMap(input.headers)) return undefined;
  let changed = false;
  const headers: Json = {};
  for (const [name, value] of Object.entries(input.headers)) {
    const hide = isCredential(name) && typeof value === 'string' && value !== '[redacted]';
    headers[name] = hide ? '[redacted]' : value;
    changed ||= hide;
  }
  return changed ? { ...input, headers } : undefined;
}

export class RedactRecordedCredentialHeaders1795460000001 implements MigrationInterface {
  name = 'RedactRecordedCredentialHeaders1795460000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    let after = ['00000000-0000-0000-0000-000000000000', ''];
    for (;;) {
      // Keyset pages over the primary key; only http.request steps are looked at.
      const rows: { run_id: string; step_id: string; action: string; input: unknown }[] =
        await queryRunner.query(
          `SELECT run_id, step_id, action, input FROM run_steps
           WHERE (run_id, step_id) > ($1::uuid, $2) ORDER BY run_id, step_id LIMIT 1000`,
          after,
        );
      if (rows.length === 0) return;
      for (const row of rows) {
        const redacted = row.action === 'http.request' ? redact(row.input) : undefined;
        if (redacted === undefined) continue;
        await queryRunner.query(
          'UPDATE run_steps SET input = $3 WHERE run_id = $1 AND step_id = $2',
          [row.run_id, row.step_id, JSON.stringify(redacted)],
        );
      }
      const last = rows[rows.length - 1];
      after = [last.run_id, last.step_id];
    }
  }

  public async down(): Promise<void> {
    // The redacted values are gone for good; nothing to restore.
  }
}
