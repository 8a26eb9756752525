import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { resolve } from 'node:path';
import {
  ENV_VARIABLES,
  EnvSchema,
  type LogFormat,
  type LogLevel,
  type Role,
} from './env.schema.js';
import { queueEnvProblems, queueSettings, type QueueMode } from './queue-env.js';

export interface AppConfig {
  port: number;
  host: string;
  role: Role;
  databaseUrl?: string;
  redisUrl?: string;
  dataDir: string;
  masterKeys?: string;
  adminKey?: string;
  logLevel: LogLevel;
  /** `auto` until main.ts resolves it against stdout (a terminal gets `pretty`). */
  logFormat: LogFormat;
  queuePrefix: string;
  /** How runs are queued (FLOWHUB_QUEUE; see queue-env.ts). */
  queueMode: QueueMode;
  /** `postgres` mode: how often a worker looks for due work it was not woken for. */
  queuePollMs: number;
  shutdownTimeoutMs: number;
  /** How far the JS heap may grow past what survived the last full GC (0: V8 decides). */
  heapGrowthPercent: number;
  /** Base of catch URLs in API responses; default: a trusted proxy's host, else the listening address. */
  publicUrl?: string;
  catchBodyLimit: number;
  /** A client must send its whole request within this (Node's requestTimeout): else 408. */
  requestTimeoutMs: number;
  /** ... and its headers within this (Node's headersTimeout, at most requestTimeoutMs). */
  headersTimeoutMs: number;
  workerConcurrency: number;
  /** Most PostgreSQL connections this process opens for its work (pg pool `max`, at least 2). */
  dbPoolSize: number;
  reconcileIntervalMs: number;
  /** Outgoing webhook deliveries (and their attempts) older than this are pruned. */
  webhookRetentionDays: number;
  /** How long a console session lasts after sign-in. */
  sessionTtlHours: number;
  /** Bulk replay/cancel throttle (docs/operations.md "Bulk actions"). */
  bulk: { batchSize: number; pauseMs: number; perSecond: number; maxRuns: number };
  /** Prometheus counters per flow as well as the totals (FLOWHUB_METRICS_PER_FLOW). */
  metricsPerFlow: boolean;
  /** Runs whose request bodies one page of a payload search reads (GET /runs?match=). */
  searchScanLimit: number;
  /** Catch requests one process keeps waiting for their runs (trigger.respond sync); 429 beyond. */
  syncReplyLimit: number;
  /** Successful runs of a step, after its issue's last failure, that resolve the issue. */
  issueResolveAfter: number;
  /** Failed runs in a row of a flow that send flow.failing (once per streak). */
  flowFailingAfter: number;
  /** Days requests, runs and steps are kept (a flow's `retention.days` overrides it). */
  retentionDays: number;
  /** How often the pruning job runs (one process at a time). */
  pruneIntervalMs: number;
  /** The console build served at / (FLOWHUB_CONSOLE_DIR); unset: console/dist. */
  consoleDir?: string;
  /** BullMQ worker lock on an active job (renewed at half of it while the job runs). */
  queueLockDurationMs: number;
  /** How often a BullMQ worker looks for jobs whose worker died (lock expired). */
  queueStalledIntervalMs: number;
  egressAllowCidrs: string[];
  egressAllowHosts: string[];
  /** External plugins: npm package names or paths (relative to the working directory). */
  plugins: string[];
  /** Reverse proxies (IPs/CIDRs) whose X-Forwarded-* headers are believed; empty: none. */
  trustProxy: string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads only the variables Flowhub knows; empty strings count as unset. */
function pickKnown(env: NodeJS.ProcessEnv): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of ENV_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') picked[name] = value.trim();
  }
  return picked;
}

function describe(error: ValidationError): string[] {
  const messages = Object.values(error.constraints ?? {});
  const unique = [...new Set(messages)];
  return unique.map((message) =>
    message.startsWith(error.property) ? message : `${error.property}: ${message}`,
  );
}

function crossChecks(env: EnvSchema): string[] {
  const problems: string[] = [];
  if (env.DATABASE_URL && !env.FLOWHUB_MASTER_KEYS) {
    problems.push(
      'FLOWHUB_MASTER_KEYS is required when DATABASE_URL is set (every api and worker process must ' +
        'share the same keys). Make one with: ' +
        "node -e \"console.log('k1:'+require('crypto').randomBytes(32).toString('base64'))\"",
    );
  }
  if (env.FLOWHUB_MASTER_KEYS) {
    const ids = env.FLOWHUB_MASTER_KEYS.split(',').map((entry) => entry.split(':')[0]);
    if (new Set(ids).size !== ids.length) {
      problems.push('FLOWHUB_MASTER_KEYS lists the same key id twice; every id must be unique');
    }
  }
  if (env.FLOWHUB_HEADERS_TIMEOUT_MS > env.FLOWHUB_REQUEST_TIMEOUT_MS) {
    problems.push(
      'FLOWHUB_HEADERS_TIMEOUT_MS must not exceed FLOWHUB_REQUEST_TIMEOUT_MS (the headers are part of the request)',
    );
  }
  problems.push(...queueEnvProblems(env));
  return problems;
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * The embedded PostgreSQL's default pool: two backends fewer than a server's 10 keep Flowhub
 * plus its server within 300 MB under load, at the same throughput (docs/performance.md).
 */
const EMBEDDED_POOL_SIZE = 8;

/** Validates the environment; throws ConfigError listing every problem. */
function bulkSettings(parsed: EnvSchema): AppConfig['bulk'] {
  return {
    batchSize: parsed.FLOWHUB_BULK_BATCH_SIZE,
    pauseMs: parsed.FLOWHUB_BULK_PAUSE_MS,
    perSecond: parsed.FLOWHUB_BULK_RUNS_PER_SECOND,
    maxRuns: parsed.FLOWHUB_BULK_MAX_RUNS,
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = plainToInstance(EnvSchema, pickKnown(env), { exposeDefaultValues: true });
  const errors = validateSync(parsed, { forbidUnknownValues: true });
  const problems = [...errors.flatMap(describe), ...(errors.length ? [] : crossChecks(parsed))];
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    role: parsed.FLOWHUB_ROLE,
    databaseUrl: parsed.DATABASE_URL,
    redisUrl: parsed.REDIS_URL,
    dataDir: resolve(parsed.FLOWHUB_DATA_DIR),
    masterKeys: parsed.FLOWHUB_MASTER_KEYS,
    adminKey: parsed.FLOWHUB_ADMIN_KEY,
    logLevel: parsed.LOG_LEVEL,
    logFormat: parsed.LOG_FORMAT,
    queuePrefix: parsed.FLOWHUB_QUEUE_PREFIX,
    ...queueSettings(parsed),
    shutdownTimeoutMs: parsed.FLOWHUB_SHUTDOWN_TIMEOUT_MS,
    heapGrowthPercent: parsed.FLOWHUB_HEAP_GROWTH_PERCENT,
    publicUrl: parsed.FLOWHUB_PUBLIC_URL?.replace(/\/+$/, ''),
    catchBodyLimit: parsed.FLOWHUB_CATCH_BODY_LIMIT,
    requestTimeoutMs: parsed.FLOWHUB_REQUEST_TIMEOUT_MS,
    headersTimeoutMs: parsed.FLOWHUB_HEADERS_TIMEOUT_MS,
    workerConcurrency: parsed.FLOWHUB_WORKER_CONCURRENCY,
    dbPoolSize: parsed.FLOWHUB_DB_POOL_SIZE ?? (parsed.DATABASE_URL ? 10 : EMBEDDED_POOL_SIZE),
    reconcileIntervalMs: parsed.FLOWHUB_RECONCILE_INTERVAL_MS,
    webhookRetentionDays: parsed.FLOWHUB_WEBHOOK_RETENTION_DAYS,
    sessionTtlHours: parsed.FLOWHUB_SESSION_TTL_HOURS,
    searchScanLimit: parsed.FLOWHUB_SEARCH_SCAN_LIMIT,
    syncReplyLimit: parsed.FLOWHUB_SYNC_REPLY_LIMIT,
    metricsPerFlow: parsed.FLOWHUB_METRICS_PER_FLOW === 'true',
    bulk: bulkSettings(parsed),
    issueResolveAfter: parsed.FLOWHUB_ISSUE_RESOLVE_AFTER,
    flowFailingAfter: parsed.FLOWHUB_FLOW_FAILING_AFTER,
    retentionDays: parsed.FLOWHUB_RETENTION_DAYS,
    pruneIntervalMs: parsed.FLOWHUB_PRUNE_INTERVAL_MS,
    consoleDir: parsed.FLOWHUB_CONSOLE_DIR && resolve(parsed.FLOWHUB_CONSOLE_DIR),
    queueLockDurationMs: parsed.FLOWHUB_QUEUE_LOCK_DURATION_MS,
    queueStalledIntervalMs: parsed.FLOWHUB_QUEUE_STALLED_INTERVAL_MS,
    egressAllowCidrs: splitList(parsed.FLOWHUB_EGRESS_ALLOW_CIDRS),
    egressAllowHosts: splitList(parsed.FLOWHUB_EGRESS_ALLOW_HOSTS),
    plugins: splitList(parsed.FLOWHUB_PLUGINS),
    trustProxy: splitList(parsed.FLOWHUB_TRUST_PROXY),
  };
}
