import pg from 'pg';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';
import { startReceiver, type FakeReceiver } from '../support/fake-receiver.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const LITERAL = 'Bearer stored-before-CANARY-0f3a2c';
const SIGN = 'stored-sign-CANARY-8e1d77';

async function sql(url: string, text: string, values: unknown[] = []) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    return (await db.query(text, values)).rows;
  } finally {
    await db.end();
  }
}

/**
 * Rows stored before issue 15 item 6: a flow version holding a literal Authorization header and
 * sign.secret, and a run step whose recorded input holds the header. The next boot moves the
 * version's literals into named secrets; the migration redacts the recorded input.
 */
describe('credentials stored in flows before the upgrade', () => {
  let database: TestDatabase;
  let receiver: FakeReceiver;
  let app: TestApp | undefined;
  // The receiver is http:// on loopback: a credential goes there only for an allowed host.
  const env = {
    FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32',
    FLOWHUB_EGRESS_ALLOW_HOSTS: '127.0.0.1',
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await app?.stop();
    await receiver.close();
    await database.drop();
  });

  it('moves them at boot, redacts recorded inputs, and the flow still sends them', async () => {
    app = await bootTestApp(env, { database });
    let api = apiClient(app.url!);
    const created = await api.post('/api/v1/flows', {
      name: 'old flow',
      trigger: { type: 'webhook' },
      steps: [
        {
          id: 'notify',
          action: 'http.request',
          input: { url: `${receiver.url}/old`, headers: { 'X-Plain': 'v' }, body: { a: 1 } },
        },
      ],
    });
    expect(created.status).toBe(201);
    const run = await api.waitForRun((await postToCatch(created.body.catchUrl, '{}')).body.runId);
    expect(run.status).toBe('succeeded');
    await app.stop();
    app = undefined;
    // What an older Flowhub stored:
    await sql(
      database.url,
      `UPDATE flow_versions SET definition = jsonb_set(jsonb_set(definition,
         '{steps,0,input,headers}', $2::jsonb), '{steps,0,input,sign}', $3::jsonb) WHERE flow_id = $1`,
      [
        created.body.id,
        JSON.stringify({ Authorization: LITERAL }),
        JSON.stringify({ secret: SIGN }),
      ],
    );
    await sql(
      database.url,
      `UPDATE run_steps SET input = jsonb_set(input, '{headers}', $2::jsonb) WHERE run_id = $1`,
      [run.id, JSON.stringify({ Authorization: LITERAL, 'X-Plain': 'v' })],
    );
    await sql(
      database.url,
      "DELETE FROM migrations WHERE name = 'RedactRecordedCredentialHeaders1795460000001'",
    );

    app = await bootTestApp(env, { database });
    api = apiClient(app.url!);
    const rows = JSON.stringify([
      await sql(database.url, 'SELECT definition FROM flow_versions'),
      await sql(database.url, 'SELECT input, output FROM run_steps'),
    ]);
    expect(rows).not.toContain('stored-before-CANARY');
    expect(rows).not.toContain(SIGN);
    const recorded = (await api.get(`/api/v1/runs/${run.id}`)).body.steps[0].input;
    expect(recorded.headers).toEqual({ Authorization: '[redacted]', 'X-Plain': 'v' });
    const current = (await api.get(`/api/v1/flows/${created.body.id}`)).body;
    const shown = current.definition.steps[0];
    expect(shown.input.headers.Authorization).toEqual({
      $secret: `flow_${created.body.id.slice(0, 8)}_notify_authorization`,
    });
    expect(app.logs.join('\n')).toContain('Moved credentials typed into 1 stored flow version');
    const again = await api.waitForRun((await postToCatch(current.catchUrl, '{}')).body.runId);
    expect(again.status).toBe('succeeded');
    expect(receiver.requests[receiver.requests.length - 1].headers.authorization).toBe(LITERAL);
    expect(JSON.stringify(again)).not.toContain('stored-before-CANARY');
  });
});
