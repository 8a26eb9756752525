import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { apiClient } from '../../support/api-client.js';
import { TEST_ADMIN_KEY, TEST_MASTER_KEYS } from '../../support/boot-test-app.js';
import { startReceiver, type FakeReceiver } from '../../support/fake-receiver.js';
import {
  freePort,
  startFlowhub,
  waitUntilReady,
  type FlowhubProcess,
} from '../../support/flowhub-process.js';
import { DELIVERY_HEADER } from './load.js';
import { startChaosZoho, type ChaosZoho, type ChaosZohoOptions } from './chaos-zoho.js';
import { startPrivatePostgres, type PrivatePostgres } from './private-postgres.js';
import { startPrivateRedis, type PrivateRedis } from './private-redis.js';

/** Compressed timers: the same code paths as production, only faster (docs/reliability.md). */
export const CHAOS_TIMERS = {
  FLOWHUB_RECONCILE_INTERVAL_MS: '500',
  FLOWHUB_QUEUE_LOCK_DURATION_MS: '4000',
  FLOWHUB_QUEUE_STALLED_INTERVAL_MS: '2000',
};

/** Step timeout of the deal step: its lease is this plus the executor's 5 s margin. */
export const DEAL_TIMEOUT_MS = 3000;

export interface ChaosCluster {
  postgres: PrivatePostgres;
  redis: PrivateRedis;
  zoho: ChaosZoho;
  receiver: FakeReceiver;
  api: ReturnType<typeof apiClient>;
  apiProcess: FlowhubProcess;
  baseUrl: string;
  workers: (FlowhubProcess | undefined)[];
  flowId: string;
  catchUrl: string;
  /** Starts worker `index` (replacing a dead one). */
  startWorker(index: number): FlowhubProcess;
  /** Resolves once the worker logged that it started (it takes jobs from then on). */
  waitForWorker(proc: FlowhubProcess, ms?: number): Promise<void>;
  /** Workers that exited without being told to (restarted by the supervisor). */
  unexpectedExits(): number;
  killWorker(
    index: number,
    signal?: NodeJS.Signals,
  ): Promise<{ code: number | null; signal: string | null }>;
  logs(): string;
  close(): Promise<void>;
}

export interface ClusterOptions {
  workers?: number;
  zoho?: ChaosZohoOptions;
  env?: Record<string, string>;
  /** Start Redis with AOF (fsync always), so a kill keeps its data. */
  redisPersistent?: boolean;
  /** Retry policy of the deal step. */
  dealRetry?: Record<string, unknown>;
}

/**
 * The suite's own Flowhub: a private Postgres and Redis, one `api` process and `workers`
 * worker processes (real `node dist/src/main.js`), the fake Zoho CRM behind a fault proxy,
 * a receiver for the last step, and the 3-step flow: shape -> create deal -> notify.
 */
export async function startChaosCluster(options: ClusterOptions = {}): Promise<ChaosCluster> {
  const [postgres, redis, zoho, receiver] = await Promise.all([
    startPrivatePostgres(),
    startPrivateRedis(options.redisPersistent),
    startChaosZoho(options.zoho),
    startReceiver(() => ({ status: 200, body: { ok: true } })),
  ]);
  const port = await freePort();
  // FLOWHUB_QUEUE=postgres (or bullmq-postgres) runs the suite on PostgreSQL only, as that
  // mode is deployed: no REDIS_URL (outgoing deliveries then use BullMQ's PostgreSQL backend).
  const mode = process.env.FLOWHUB_QUEUE;
  const withoutRedis = mode === 'postgres' || mode === 'bullmq-postgres';
  const env = {
    DATABASE_URL: postgres.url,
    ...(withoutRedis ? {} : { REDIS_URL: redis.url }),
    FLOWHUB_QUEUE_PREFIX: `chaos${randomBytes(3).toString('hex')}`,
    FLOWHUB_MASTER_KEYS: TEST_MASTER_KEYS,
    FLOWHUB_ADMIN_KEY: TEST_ADMIN_KEY,
    FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32',
    // the fake Zoho listens on loopback: allowed as a Zoho endpoint host
    FLOWHUB_EGRESS_ALLOW_HOSTS: '127.0.0.1',
    FLOWHUB_WORKER_CONCURRENCY: '20',
    FLOWHUB_SHUTDOWN_TIMEOUT_MS: '15000',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(port),
    ...CHAOS_TIMERS,
    ...(mode ? { FLOWHUB_QUEUE: mode } : {}),
    ...options.env,
  };
  const apiProcess = startFlowhub({ ...env, FLOWHUB_ROLE: 'api' });
  await waitUntilReady(apiProcess, port, 60_000);
  const workers: (FlowhubProcess | undefined)[] = [];
  const retired: FlowhubProcess[] = [];
  const stopping = new Set<FlowhubProcess>();
  let closing = false;
  let unexpectedExits = 0;
  // Like a process supervisor (restart: unless-stopped): a worker that exits on its own (e.g.
  // it booted while Redis was down) is started again after a second.
  const startWorker = (index: number): FlowhubProcess => {
    const previous = workers[index];
    if (previous) retired.push(previous);
    const proc = startFlowhub({ ...env, LOG_LEVEL: 'info', FLOWHUB_ROLE: 'worker' });
    workers[index] = proc;
    void proc.exited.then(async () => {
      if (closing || stopping.has(proc) || workers[index] !== proc) return;
      unexpectedExits += 1;
      await sleep(1000);
      if (!closing && workers[index] === proc) startWorker(index);
    });
    return proc;
  };
  const waitForWorker = async (proc: FlowhubProcess, ms = 60_000) => {
    const deadline = Date.now() + ms;
    while (!proc.output().includes('Flowhub worker started')) {
      if (Date.now() > deadline) throw new Error(`worker not started:\n${proc.output()}`);
      await sleep(50);
    }
  };
  for (let i = 0; i < (options.workers ?? 2); i += 1) startWorker(i);
  await Promise.all(workers.map((proc) => waitForWorker(proc!)));
  // The mode under test is the one the workers run (main.ts names it when it starts).
  const running = `worker started (queue: ${mode ?? 'redis'})`;
  if (!workers.every((proc) => proc!.output().includes(running)))
    throw new Error(`a worker did not start with "${running}":\n${workers[0]!.output()}`);

  const baseUrl = `http://127.0.0.1:${port}`;
  const api = apiClient(baseUrl);
  const connection = await api.post('/api/v1/connections', {
    name: 'zoho',
    plugin: 'zoho-crm',
    fields: {
      clientId: zoho.fake.oauth.clientId,
      clientSecret: zoho.fake.oauth.clientSecret,
      refreshToken: zoho.fake.oauth.refreshToken,
      accountsUrl: zoho.url,
      apiDomain: zoho.url,
    },
  });
  if (connection.status !== 201) throw new Error(`connection: ${JSON.stringify(connection.body)}`);
  const flow = await api.post('/api/v1/flows', {
    name: 'Chaos: order -> CRM deal -> ERP',
    trigger: {
      type: 'webhook',
      rateLimit: { perSecond: 100_000, burst: 100_000 },
      dedupe: { header: DELIVERY_HEADER },
    },
    steps: [
      {
        id: 'shape',
        action: 'core.transform',
        timeoutMs: 2000,
        map: "{ 'n': n, 'name': 'Chaos order ' & n }",
      },
      {
        id: 'deal',
        action: 'zoho-crm.createDeal',
        connection: 'zoho',
        timeoutMs: DEAL_TIMEOUT_MS,
        retry: options.dealRetry ?? { attempts: 10, backoff: 'exponential', delayMs: 500 },
        input: { Stage: 'Qualification' },
        map: "{ 'Deal_Name': $steps.shape.name, 'Amount': $steps.shape.n }",
      },
      {
        id: 'notify',
        action: 'http.request',
        timeoutMs: 3000,
        input: { method: 'POST', url: `${receiver.url}/erp` },
        map: "{ 'body': { 'n': $steps.shape.n, 'dealId': $steps.deal.id } }",
      },
    ],
  });
  if (flow.status !== 201) throw new Error(`flow: ${JSON.stringify(flow.body)}`);
  const everyone = () => [apiProcess, ...workers, ...retired].filter(Boolean) as FlowhubProcess[];
  return {
    postgres,
    redis,
    zoho,
    receiver,
    api,
    apiProcess,
    baseUrl,
    workers,
    flowId: flow.body.id,
    catchUrl: flow.body.catchUrl,
    startWorker,
    waitForWorker,
    unexpectedExits: () => unexpectedExits,
    async killWorker(index, signal = 'SIGKILL') {
      const proc = workers[index];
      if (!proc || proc.child.exitCode !== null || proc.child.signalCode !== null)
        return { code: proc?.child.exitCode ?? null, signal: proc?.child.signalCode ?? null };
      stopping.add(proc);
      proc.child.kill(signal);
      return proc.exited;
    },
    logs: () =>
      everyone()
        .map((proc, i) => `--- process ${i} (pid ${proc.child.pid})\n${proc.output().slice(-4000)}`)
        .join('\n'),
    async close() {
      closing = true;
      for (const proc of everyone()) {
        if (proc.child.exitCode === null && proc.child.signalCode === null)
          proc.child.kill('SIGKILL');
      }
      await Promise.all(everyone().map((proc) => proc.exited));
      await Promise.allSettled([zoho.close(), receiver.close()]);
      await redis.stop();
      await postgres.stop();
    },
  };
}

/** Waits until `check` returns true, polling every `everyMs`; false after `ms`. */
export async function eventually(
  check: () => Promise<boolean>,
  ms: number,
  everyMs = 500,
): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check().catch(() => false)) return true;
    if (Date.now() > deadline) return false;
    await sleep(everyMs);
  }
}
