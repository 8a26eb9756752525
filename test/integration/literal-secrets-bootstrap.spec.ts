import pg from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import {
  LITERAL_PAGE_SIZE,
  LiteralSecretsBootstrap,
} from '../../src/named-secrets/literal-secrets.bootstrap.js';
import {
  LiteralSecrets,
  literalSecretName,
} from '../../src/named-secrets/literal-secrets.service.js';
import type { NamedSecretsRepository } from '../../src/named-secrets/named-secrets.repository.js';
import { PluginRegistry } from '../../src/plugin-host/plugin-registry.js';
import { apiClient } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const GOOD = 'Bearer good-CANARY-5d1e09';
const BROKEN = 'Bearer broken-CANARY-a7c3e2';
const env = { FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32' };

async function sql(url: string, text: string, values: unknown[] = []) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    return (await db.query(text, values)).rows;
  } finally {
    await db.end();
  }
}

interface Statement {
  sql: string;
  rows: number;
}

/** The repository the bootstrap uses, recording every statement it (or the move) sends. */
function countingRepository(dataSource: DataSource, statements: Statement[]) {
  const counted =
    (query: (sql: string, params?: unknown[]) => Promise<unknown>) =>
    async (text: string, params?: unknown[]) => {
      const rows = await query(text, params);
      statements.push({ sql: text, rows: Array.isArray(rows) ? rows.length : 0 });
      return rows;
    };
  const manager = (inner: EntityManager) =>
    new Proxy(inner, {
      get: (target, key) =>
        key === 'query' ? counted(target.query.bind(target)) : Reflect.get(target, key),
    });
  return {
    dataSource: { query: counted(dataSource.query.bind(dataSource)) },
    transaction: <T>(work: (m: EntityManager) => Promise<T>) =>
      dataSource.transaction((inner) => work(manager(inner))),
  } as unknown as NamedSecretsRepository;
}

const httpFlow = (name: string) => ({
  name,
  trigger: { type: 'webhook' },
  steps: [
    { id: 'notify', action: 'http.request', input: { url: 'http://127.0.0.1:9/x', body: {} } },
  ],
});

/** Adds versions 2..count+1 of a flow, the first step's input given `input`. */
async function addVersions(url: string, flowId: string, count: number, input: unknown) {
  await sql(
    url,
    `INSERT INTO flow_versions (flow_id, version, definition)
     SELECT flow_id, g, jsonb_set(definition, '{steps,0,input}', $3::jsonb)
     FROM flow_versions, generate_series(2, $2::int + 1) g WHERE flow_id = $1 AND version = 1`,
    [flowId, count, JSON.stringify(input)],
  );
}

describe('moving stored literal credentials at boot', () => {
  let database: TestDatabase;
  let app: TestApp | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await bootTestApp(env, { database });
  });
  afterAll(async () => {
    await app?.stop();
    await database.drop();
  });

  it('costs one query returning a few names when no stored version holds a literal', async () => {
    const api = apiClient(app!.url!);
    const flow = await api.post('/api/v1/flows', httpFlow('no literals'));
    expect(flow.status).toBe(201);
    const input = {
      url: 'http://127.0.0.1:9/x',
      headers: {
        'Content-Type': 'application/json',
        'X-Plain': 'v',
        Authorization: { $secret: 'ERP' },
      },
      sign: { secret: { $secret: 'SIGN' } },
    };
    await addVersions(database.url, flow.body.id, 300, input);
    const before = await sql(
      database.url,
      'SELECT flow_id, version, definition FROM flow_versions',
    );

    const statements: Statement[] = [];
    const nest = app!.app;
    const bootstrap = new LiteralSecretsBootstrap(
      countingRepository(nest.get(DataSource), statements),
      nest.get(PluginRegistry),
      nest.get(LiteralSecrets),
    );
    await bootstrap.onApplicationBootstrap();

    // One statement, whose answer is where strings are (two header names), not 301 definitions.
    expect(statements).toHaveLength(1);
    expect(statements[0].rows).toBe(2);
    const after = await sql(database.url, 'SELECT flow_id, version, definition FROM flow_versions');
    expect(after).toEqual(before);
  });

  it('moves page after page, and a version it cannot move does not stop boot', async () => {
    let api = apiClient(app!.url!);
    const good = (await api.post('/api/v1/flows', httpFlow('good'))).body.id as string;
    const broken = (await api.post('/api/v1/flows', httpFlow('broken'))).body.id as string;
    const signed = (await api.post('/api/v1/flows', httpFlow('signed'))).body.id as string;
    await app!.stop();
    app = undefined;
    const literal = (value: string) => ({
      url: 'https://erp.example.com/x',
      headers: { Authorization: value, 'X-Plain': 'v' },
    });
    await addVersions(database.url, good, LITERAL_PAGE_SIZE + 20, literal(GOOD));
    await addVersions(database.url, broken, 25, literal(BROKEN));
    const sign = { url: 'https://erp.example.com/x', sign: { secret: 'sign-CANARY-03b9f1' } };
    await addVersions(database.url, signed, 1, sign);
    // The name the broken version's literal would get is taken by a secret that no longer
    // decrypts (sealed with a master key that is gone).
    await sql(
      database.url,
      `INSERT INTO named_secrets (id, name, value_sealed, hint, description, hosts)
       VALUES (gen_random_uuid(), $1, 'fhs1.gone.AAAA.BBBB.CCCC', NULL, NULL, '["https://erp.example.com"]')`,
      [literalSecretName(broken, 'notify', 'Authorization')],
    );

    app = await bootTestApp(env, { database });
    api = apiClient(app.url!);
    const stored = await sql(
      database.url,
      'SELECT flow_id, version, definition FROM flow_versions',
    );
    const headersOf = (flowId: string) =>
      stored
        .filter((row) => row.flow_id === flowId && row.version > 1)
        .map((row) => row.definition.steps[0].input.headers.Authorization);
    const moved = headersOf(good);
    expect(moved).toHaveLength(LITERAL_PAGE_SIZE + 20);
    for (const header of moved) expect(header).toEqual({ $secret: expect.any(String) });
    expect(headersOf(broken)).toEqual(Array(25).fill(BROKEN));
    const signedInput = stored.find((row) => row.flow_id === signed && row.version === 2);
    expect(signedInput.definition.steps[0].input.sign.secret).toEqual({
      $secret: expect.any(String),
    });
    const logs = app.logs.join('\n');
    expect(logs).toContain(`Moved credentials typed into ${LITERAL_PAGE_SIZE + 21} stored`);
    expect(logs).toContain(`flow ${broken} version 2`);
    expect(logs).toMatch(/restore the master key it was encrypted with to FLOWHUB_MASTER_KEYS/);
    // The first 20 failures in full, then a count (a broken key does not flood the log).
    expect(
      app.logs.filter((line) =>
        line.includes(`Could not move the credentials typed into flow ${broken}`),
      ),
    ).toHaveLength(20);
    expect(logs).toContain('Could not move the credentials typed into 25 stored flow version(s)');
    expect(logs).not.toContain('broken-CANARY');
    expect(logs).not.toContain('good-CANARY');
    expect(logs).not.toContain('sign-CANARY');
    expect((await api.get('/health')).status).toBe(200);
  });
});
