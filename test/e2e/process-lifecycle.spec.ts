import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  freePort,
  processesMentioning,
  startFlowhub,
  waitUntilReady,
  type FlowhubProcess,
} from '../support/flowhub-process.js';

/** The promises of `npm start` on a fresh checkout: the built app as a real process. */
describe('Flowhub process lifecycle (embedded default)', () => {
  let dataDir: string;
  let port: number;
  let current: FlowhubProcess | undefined;
  const env = () => ({ FLOWHUB_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'info' });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'flowhub-e2e-'));
    await chmod(dataDir, 0o711);
    port = await freePort();
  });
  afterAll(async () => {
    current?.child.kill('SIGKILL');
    for (const pid of await processesMentioning(dataDir)) process.kill(pid, 'SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('boots from nothing, prints the admin key, and is ready within 15 s', async () => {
    current = startFlowhub(env());
    await waitUntilReady(current, port, 15_000);
    const key = /fh_[\w-]{43}/.exec(current.output())?.[0];
    expect(key).toBeDefined();
    const keys = await fetch(`http://127.0.0.1:${port}/api/v1/api-keys`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(keys.status).toBe(200);
    expect((await stat(join(dataDir, 'master-keys'))).mode & 0o777).toBe(0o600);
  }, 20_000);

  it('starts again after kill -9 left its postgres running', async () => {
    current!.child.kill('SIGKILL');
    await current!.exited;
    expect((await processesMentioning(join(dataDir, 'pg'))).length).toBeGreaterThan(0);
    current = startFlowhub(env());
    await waitUntilReady(current, port, 15_000);
    expect(current.output()).toMatch(
      /Stopping embedded Postgres left running by a previous Flowhub process/,
    );
    expect(current.output()).not.toMatch(/fh_[\w-]{43}/);
  }, 20_000);

  it('exits 0 on SIGTERM within 5 s and leaves no postgres behind', async () => {
    const stoppedAt = Date.now();
    current!.child.kill('SIGTERM');
    const { code } = await current!.exited;
    expect(code).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(5_000);
    expect(await processesMentioning(join(dataDir, 'pg'))).toEqual([]);
    expect(current!.output()).toMatch(/Flowhub stopped/);
  });

  it('exits 0 on SIGINT in the worker role too', async () => {
    current = startFlowhub({ ...env(), FLOWHUB_ROLE: 'worker' });
    const deadline = Date.now() + 15_000;
    while (!current.output().includes('Flowhub worker started') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(current.output()).toContain('Flowhub worker started');
    current.child.kill('SIGINT');
    expect((await current.exited).code).toBe(0);
    expect(await processesMentioning(join(dataDir, 'pg'))).toEqual([]);
  }, 20_000);

  it('refuses to start on a bad config value, naming the variable', async () => {
    current = startFlowhub({ ...env(), PORT: 'abc', FLOWHUB_ROLE: 'everything' });
    const { code } = await current.exited;
    expect(code).toBe(78);
    expect(current.output()).toContain('PORT must be an integer between 0 and 65535');
    expect(current.output()).toContain('FLOWHUB_ROLE must be one of: all, api, worker');
  });

  it('refuses an unreachable Redis with a clear message and stops its embedded postgres', async () => {
    const closedPort = await freePort();
    current = startFlowhub({ ...env(), REDIS_URL: `redis://127.0.0.1:${closedPort}` });
    const { code } = await current.exited;
    expect(code).toBe(1);
    expect(current.output()).toMatch(/Cannot reach Redis at REDIS_URL/);
    expect(await processesMentioning(join(dataDir, 'pg'))).toEqual([]);
  });
});
