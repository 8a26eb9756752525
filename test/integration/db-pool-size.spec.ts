import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

/** FLOWHUB_DB_POOL_SIZE bounds the connections a process opens for its queries. */
describe('database pool size', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await bootTestApp({ FLOWHUB_ROLE: 'api', FLOWHUB_DB_POOL_SIZE: '2', LOG_LEVEL: 'warn' });
  });
  afterAll(() => app?.stop());

  it('runs at most that many statements at once', async () => {
    const dataSource = app.app.get<DataSource>(getDataSourceToken());
    const started = Date.now();
    await Promise.all(Array.from({ length: 4 }, () => dataSource.query('SELECT pg_sleep(0.25)')));
    // Two connections: two waves of 250 ms (ten would have run all four at once).
    expect(Date.now() - started).toBeGreaterThanOrEqual(480);
    const [{ n }] = await dataSource.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = 'flowhub'`,
    );
    expect(n).toBe(2); // the pool's own (the catch-target LISTEN client is not named flowhub)
  });
});
