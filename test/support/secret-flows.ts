/** Helpers for the suites of issue 15 item 6: an app, a receiver, and every response kept. */
import pg from 'pg';
import { apiClient, postToCatch } from './api-client.js';
import { bootTestApp, type TestApp } from './boot-test-app.js';
import {
  startReceiver,
  type FakeReceiver,
  type Reply,
  type ReceivedRequest,
} from './fake-receiver.js';

/** Every row of every table of the app's database, as text. */
export async function dumpTables(url: string): Promise<string> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const tables = await db.query(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    const parts: string[] = [];
    for (const { tablename } of tables.rows as { tablename: string }[]) {
      const rows = await db.query(`SELECT t::text AS row FROM "${tablename}" t`);
      parts.push(...rows.rows.map((r: { row: string }) => r.row));
    }
    return parts.join('\n');
  } finally {
    await db.end();
  }
}

export interface SecretFlows {
  app: TestApp;
  receiver: FakeReceiver;
  /** Every API response body and run seen, for the final sweep. */
  seen: string[];
  call(
    method: string,
    path: string,
    body?: unknown,
  ): ReturnType<ReturnType<typeof apiClient>['call']>;
  flow(
    steps: unknown[],
    extra?: Record<string, unknown>,
  ): Promise<{ id: string; catchUrl: string; definition: { steps: unknown[] } }>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  runOnce(catchUrl: string): Promise<any>;
  last(): ReceivedRequest;
  /** Responses, log lines and every table row, joined. */
  everything(): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startSecretFlows(
  reply?: (request: ReceivedRequest) => Reply,
): Promise<SecretFlows> {
  const receiver = await startReceiver(reply);
  // Loopback receivers are http://: origins there are allowed only for hosts the operator lists.
  const app = await bootTestApp({
    FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32',
    FLOWHUB_EGRESS_ALLOW_HOSTS: '127.0.0.1',
  });
  const api = apiClient(app.url!);
  const seen: string[] = [];
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await api.call(method, path, body);
    seen.push(JSON.stringify(response.body ?? null));
    return response;
  };
  return {
    app,
    receiver,
    seen,
    call,
    flow: async (steps, extra = {}) => {
      const created = await call('POST', '/api/v1/flows', {
        name: `f${seen.length}`,
        trigger: { type: 'webhook' },
        steps,
        ...extra,
      });
      if (created.status !== 201) throw new Error(`flow: ${JSON.stringify(created.body)}`);
      return created.body;
    },
    runOnce: async (catchUrl) => {
      const caught = await postToCatch(catchUrl, '{"order":7}');
      const run = await api.waitForRun(caught.body.runId);
      seen.push(JSON.stringify(run));
      seen.push(JSON.stringify((await call('GET', `/api/v1/runs/${run.id}`)).body));
      return run;
    },
    last: () => receiver.requests[receiver.requests.length - 1],
    everything: async () => [
      seen.join('\n'),
      app.logs.join('\n'),
      await dumpTables(app.database.url),
    ],
    stop: async () => {
      await app.stop();
      await receiver.close();
    },
  };
}
