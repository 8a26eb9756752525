import { randomUUID } from 'node:crypto';
import { DataSource, type QueryRunner } from 'typeorm';
import { RedactRecordedCredentialHeaders1795460000001 as Redact } from '../../migrations/1795460000001-redact-recorded-credential-headers.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { ENTITIES } from '../../src/entities.js';
import { runMigrationsLocked } from '../../src/database/run-migrations.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

type Json = Record<string, unknown>;

/** What the migration's statements returned to JavaScript, and the rows they updated. */
interface Traffic {
  fetched: number;
  updated: number;
}

/** A query runner that counts the rows each statement returns or updates. */
function counting(runner: QueryRunner, traffic: Traffic): QueryRunner {
  return new Proxy(runner, {
    get(target, key) {
      if (key !== 'query') return Reflect.get(target, key);
      return async (sql: string, params?: unknown[]) => {
        const result = await target.query(sql, params);
        if (/^\s*(WITH[\s\S]*\)\s*)?UPDATE/i.test(sql)) traffic.updated += Number(result[1]);
        else if (Array.isArray(result)) traffic.fetched += result.length;
        return result;
      };
    },
  });
}

describe('migration RedactRecordedCredentialHeaders1795460000001', () => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await new DataSource(dataSourceOptions(database.url, ENTITIES)).initialize();
    await runMigrationsLocked(db);
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  /** A flow whose version 1 has this trigger, and a function adding a run of one request. */
  async function flowWith(trigger: Json) {
    const id = randomUUID();
    await db.query(
      `INSERT INTO flows (id, name, current_version, catch_key_hash, catch_key_sealed)
       VALUES ($1, $2, 1, '\\x00', 'x')`,
      [id, `flow ${id}`],
    );
    await db.query('INSERT INTO flow_versions (flow_id, version, definition) VALUES ($1, 1, $2)', [
      id,
      JSON.stringify({ trigger, steps: [] }),
    ]);
    return async (headers: Json, exact: string | null = null) => {
      const request = randomUUID();
      const run = randomUUID();
      await db.query(
        `INSERT INTO inbound_requests (id, flow_id, method, headers, query, raw_body, size, received_at, exact_values)
         VALUES ($1, $2, 'POST', $3, '{}', '\\x', 0, now(), $4)`,
        [request, id, JSON.stringify(headers), exact],
      );
      await db.query(
        `INSERT INTO runs (id, flow_id, flow_version, status, request_id) VALUES ($1, $2, 1, 'succeeded', $3)`,
        [run, id, request],
      );
      return { request, run };
    };
  }

  async function step(run: string, stepId: string, action: string, input: unknown) {
    await db.query(
      `INSERT INTO run_steps (run_id, step_id, position, action, status, idempotency_key, input)
       VALUES ($1, $2, 0, $3, 'succeeded', $2, $4)`,
      [run, stepId, action, JSON.stringify(input)],
    );
  }

  const snapshot = async () => {
    const steps = await db.query('SELECT run_id, step_id, input, xmin::text FROM run_steps');
    const requests = await db.query(
      'SELECT id, headers, exact_values, xmin::text FROM inbound_requests',
    );
    return {
      step: (stepId: string) => steps.find((row: Json) => row.step_id === stepId),
      request: (id: string) => requests.find((row: Json) => row.id === id),
    };
  };

  it('redacts what was recorded in clear, and writes no other row', async () => {
    const tokenFlow = await flowWith({
      type: 'webhook',
      verify: { preset: 'static-token', header: 'X-Sender-Check' },
    });
    const defaultToken = await flowWith({ type: 'webhook', verify: { preset: 'static-token' } });
    const basic = await flowWith({
      type: 'webhook',
      verify: { preset: 'static-token', basicAuth: true },
    });
    const hmac = await flowWith({
      type: 'webhook',
      verify: { preset: 'hmac', header: 'X-Signature' },
    });
    const plain = await flowWith({ type: 'webhook' });

    const r1 = await tokenFlow({
      'content-type': 'application/json',
      'x-sender-check': 'tok-CANARY-1',
      authorization: 'Bearer r1-CANARY',
      'x-plain': 'v',
    });
    const r2 = await defaultToken({ 'x-webhook-secret': 'tok-CANARY-2', cookie: 'c-CANARY' });
    const r3 = await basic({ authorization: 'Basic dTpw', 'x-webhook-secret': 'not-its-secret' });
    const r4 = await hmac({ 'x-signature': 'sha256=ab', 'x-webhook-secret': 'v' });
    const r5 = await plain({ authorization: '[redacted]', 'x-plain': 'v' });
    const r6 = await defaultToken(
      { 'x-webhook-secret': 'tok-CANARY-6', 'x-nul': 'a\uFFFDb' },
      '{"headers":{"x-webhook-secret":"tok-CANARY-6","x-nul":"a\\u0000b"},"query":{},"body":null}',
    );

    await step(r1.run, 'sent', 'http.request', {
      url: 'https://x.example/',
      headers: {
        Authorization: 'Bearer A-CANARY',
        'X-Hmac-Sig': 'h-CANARY',
        'X-Auth-User': 'u-CANARY',
        Cookie: 'k-CANARY',
        'Idempotency-Key': 'step-key',
        'X-Plain': 'v',
        'X-Count': 5,
      },
    });
    await step(r1.run, 'each', 'http.request', [
      { headers: { 'X-Api-Key': 'item-CANARY' } },
      { headers: { 'X-Plain': 'v' } },
      'scalar',
    ]);
    await step(r1.run, 'done', 'http.request', { headers: { Authorization: '[redacted]' } });
    await step(r1.run, 'bare', 'http.request', { url: 'https://x.example/' });
    await step(r1.run, 'plainh', 'http.request', { headers: { 'X-Plain': 'v' } });
    await step(r1.run, 'other', 'core.transform', { headers: { Authorization: 'keep-me' } });

    const before = await snapshot();
    const traffic: Traffic = { fetched: 0, updated: 0 };
    const runner = db.createQueryRunner();
    await runner.startTransaction();
    await new Redact().up(counting(runner, traffic));
    await runner.commitTransaction();
    await runner.release();
    const after = await snapshot();

    expect(after.step('sent').input.headers).toEqual({
      Authorization: '[redacted]',
      'X-Hmac-Sig': '[redacted]',
      'X-Auth-User': '[redacted]',
      Cookie: '[redacted]',
      'Idempotency-Key': 'step-key',
      'X-Plain': 'v',
      'X-Count': 5,
    });
    expect(after.step('each').input).toEqual([
      { headers: { 'X-Api-Key': '[redacted]' } },
      { headers: { 'X-Plain': 'v' } },
      'scalar',
    ]);
    expect(after.request(r1.request).headers).toEqual({
      'content-type': 'application/json',
      'x-sender-check': '[redacted]',
      authorization: '[redacted]',
      'x-plain': 'v',
    });
    expect(after.request(r2.request).headers).toEqual({
      'x-webhook-secret': '[redacted]',
      cookie: '[redacted]',
    });
    expect(after.request(r3.request).headers).toEqual({
      authorization: '[redacted]',
      'x-webhook-secret': 'not-its-secret',
    });
    expect(after.request(r6.request).headers['x-webhook-secret']).toBe('[redacted]');
    expect(after.request(r6.request).exact_values).toBe(
      '{"headers":{"x-webhook-secret":"[redacted]","x-nul":"a\\u0000b"},"query":{},"body":null}',
    );

    // Rows with nothing to redact are not written (same xmin), nor read into JavaScript:
    // the statements update the 2 steps and 4 requests to redact (and r6's exact_values once
    // more) and return only the one exact_values row.
    for (const id of ['done', 'bare', 'plainh', 'other'])
      expect(after.step(id)).toEqual(before.step(id));
    for (const { request } of [r4, r5])
      expect(after.request(request)).toEqual(before.request(request));
    expect(traffic).toEqual({ fetched: 1, updated: 7 });
    expect(JSON.stringify([after.step('sent'), after.step('each')])).not.toContain('CANARY');
  });
});
