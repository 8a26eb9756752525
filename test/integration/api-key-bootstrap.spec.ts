import { jest } from '@jest/globals';
import { bootTestApp, TEST_ADMIN_KEY } from '../support/boot-test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { json } from '../support/json.js';

async function bootCapturingStdout(
  env: Record<string, string | undefined>,
  database: TestDatabase,
) {
  const printed: string[] = [];
  const spy = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
  try {
    const app = await bootTestApp(env, { database });
    return { app, printed: printed.join('') };
  } finally {
    spy.mockRestore();
  }
}

const listKeys = (url: string, key: string) =>
  fetch(`${url}/api/v1/api-keys`, { headers: { authorization: `Bearer ${key}` } });

describe('bootstrap admin key', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(() => database.drop());

  it('without FLOWHUB_ADMIN_KEY, prints a new key once on first start, and it works', async () => {
    const first = await bootCapturingStdout({ FLOWHUB_ADMIN_KEY: undefined }, database);
    const key = /fh_[\w-]{43}/.exec(first.printed)?.[0];
    expect(key).toBeDefined();
    expect(first.app.logs.join('\n')).not.toContain(key!);
    expect((await listKeys(first.app.url!, key!)).status).toBe(200);
    await first.app.stop();

    const second = await bootCapturingStdout({ FLOWHUB_ADMIN_KEY: undefined }, database);
    expect(second.printed).not.toMatch(/fh_[\w-]{43}/);
    expect((await listKeys(second.app.url!, key!)).status).toBe(200);
    await second.app.stop();
  });

  it('keeps a revoked FLOWHUB_ADMIN_KEY revoked across restarts and says so', async () => {
    const first = await bootTestApp({}, { database });
    const [admin] = (await json(await listKeys(first.url!, TEST_ADMIN_KEY))).items;
    const revoke = await fetch(`${first.url}/api/v1/api-keys/${admin.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` },
    });
    expect(revoke.status).toBe(204);
    await first.stop();

    const second = await bootTestApp({}, { database });
    expect((await listKeys(second.url!, TEST_ADMIN_KEY)).status).toBe(401);
    expect(second.logs.join('\n')).toMatch(
      /FLOWHUB_ADMIN_KEY was revoked through the API and stays revoked/,
    );
    await second.stop();
  });
});
