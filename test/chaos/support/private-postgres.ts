import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../../src/database/embedded-postgres.js';
import { isAlive } from '../../../src/database/leftover-postmaster.js';

/** A PostgreSQL of the chaos suite's own (embedded, temp dir, free port) that it may kill. */
export interface PrivatePostgres {
  url: string;
  /** `immediate` shutdown (SIGQUIT: no checkpoint, clients cut), down for `downMs`, same port. */
  restartImmediate(downMs: number): Promise<Outage>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

/** When the kill was sent, when the postmaster was gone, when it was started and was ready. */
export interface Outage {
  killedAt: number;
  goneAt: number;
  restartingAt: number;
  upAt: number;
}

const quiet = { info: () => undefined, debug: () => undefined, warn: () => undefined };

async function postgresBinary(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as {
    postgres: string;
  };
  return binaries.postgres;
}

function osUser(): { uid?: number; gid?: number } {
  if (userInfo().uid !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
  return { uid: id('-u'), gid: id('-g') };
}

async function postmasterPid(clusterDir: string): Promise<number | undefined> {
  const text = await readFile(join(clusterDir, 'postmaster.pid'), 'utf8').catch(() => '');
  const pid = Number(text.split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

async function waitForExit(pid: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (isAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`postmaster ${pid} still alive after ${ms} ms`);
    await sleep(20);
  }
}

/** Starts the postmaster on `port` again (as the embedded wrapper does) and waits until ready. */
async function respawn(clusterDir: string, port: number): Promise<ChildProcess> {
  const args = ['-D', clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1'];
  args.push('-c', 'unix_socket_directories=', '-c', 'max_connections=200');
  const child = spawn(await postgresBinary(), args, {
    ...osUser(),
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4000);
      if (output.includes('ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`postgres exited (${code}):\n${output}`)));
  });
  child.stderr!.resume();
  return child;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dataDir = await mkdtemp(join(tmpdir(), 'flowhub-chaos-pg-'));
  const clusterDir = join(dataDir, 'pg');
  // The project's wrapper creates the cluster, the password and the database...
  const embedded = await startEmbeddedPostgres(dataDir, quiet);
  const url = new URL(embedded.url);
  const port = Number(url.port);
  // ...then the suite runs the postmaster itself, so it can kill it and start it on the same port.
  await embedded.stop();
  let child = await respawn(clusterDir, port);
  const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new pg.Client({ connectionString: embedded.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };
  return {
    url: embedded.url,
    query,
    async restartImmediate(downMs) {
      const pid = (await postmasterPid(clusterDir)) ?? child.pid!;
      const killedAt = Date.now();
      process.kill(pid, 'SIGQUIT');
      await waitForExit(pid, 10_000);
      const goneAt = Date.now();
      await sleep(downMs);
      const restartingAt = Date.now();
      child = await respawn(clusterDir, port);
      return { killedAt, goneAt, restartingAt, upAt: Date.now() };
    },
    async stop() {
      const pid = await postmasterPid(clusterDir);
      if (pid && isAlive(pid)) {
        process.kill(pid, 'SIGINT');
        await waitForExit(pid, 15_000).catch(() => process.kill(pid, 'SIGKILL'));
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
