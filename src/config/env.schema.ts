import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { MASTER_KEY_LIST_PATTERN } from '../secrets/master-keys.js';
import { EnvInt } from './env-int.js';
import { QUEUE_ENV_NAMES, QueueEnv } from './queue-env.js';
import { RETENTION_ENV_NAMES } from './retention-env.js';

export const ROLES = ['all', 'api', 'worker'] as const;
export type Role = (typeof ROLES)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `auto`: human-readable lines on a terminal, JSON lines otherwise. */
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Every variable Flowhub reads from the environment (documented in .env.example). */
export const ENV_VARIABLES = [
  'PORT',
  'HOST',
  'FLOWHUB_ROLE',
  'DATABASE_URL',
  'REDIS_URL',
  'FLOWHUB_DATA_DIR',
  'FLOWHUB_MASTER_KEYS',
  'FLOWHUB_ADMIN_KEY',
  'LOG_LEVEL',
  'LOG_FORMAT',
  'FLOWHUB_QUEUE_PREFIX',
  'FLOWHUB_SHUTDOWN_TIMEOUT_MS',
  'FLOWHUB_PUBLIC_URL',
  'FLOWHUB_CATCH_BODY_LIMIT',
  'FLOWHUB_REQUEST_TIMEOUT_MS',
  'FLOWHUB_HEADERS_TIMEOUT_MS',
  'FLOWHUB_WORKER_CONCURRENCY',
  'FLOWHUB_DB_POOL_SIZE',
  'FLOWHUB_RECONCILE_INTERVAL_MS',
  'FLOWHUB_QUEUE_LOCK_DURATION_MS',
  'FLOWHUB_QUEUE_STALLED_INTERVAL_MS',
  'FLOWHUB_WEBHOOK_RETENTION_DAYS',
  'FLOWHUB_SESSION_TTL_HOURS',
  'FLOWHUB_EGRESS_ALLOW_CIDRS',
  'FLOWHUB_EGRESS_ALLOW_HOSTS',
  'FLOWHUB_PLUGINS',
  'FLOWHUB_TRUST_PROXY',
  'FLOWHUB_HEAP_GROWTH_PERCENT',
  'FLOWHUB_CONSOLE_DIR',
  'FLOWHUB_SEARCH_SCAN_LIMIT',
  'FLOWHUB_SYNC_REPLY_LIMIT',
  'FLOWHUB_METRICS_PER_FLOW',
  'FLOWHUB_BULK_BATCH_SIZE',
  'FLOWHUB_BULK_PAUSE_MS',
  'FLOWHUB_BULK_RUNS_PER_SECOND',
  'FLOWHUB_BULK_MAX_RUNS',
  'FLOWHUB_ISSUE_RESOLVE_AFTER',
  'FLOWHUB_FLOW_FAILING_AFTER',
  ...RETENTION_ENV_NAMES,
  ...QUEUE_ENV_NAMES,
] as const;

/**
 * Every environment variable Flowhub reads. Validated once at boot; `.env.example`
 * documents each one. Messages name the variable and what is allowed.
 */
export class EnvSchema extends QueueEnv {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'PORT must be an integer between 0 and 65535 (0 picks a free port)' })
  @Min(0, { message: 'PORT must be an integer between 0 and 65535 (0 picks a free port)' })
  @Max(65535, { message: 'PORT must be an integer between 0 and 65535 (0 picks a free port)' })
  PORT: number = 3000;

  @IsOptional()
  @IsString()
  HOST: string = '0.0.0.0';

  @IsOptional()
  @IsIn(ROLES, { message: `FLOWHUB_ROLE must be one of: ${ROLES.join(', ')}` })
  FLOWHUB_ROLE: Role = 'all';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, {
    message: 'DATABASE_URL must be a postgres:// or postgresql:// connection URL',
  })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, {
    message: 'REDIS_URL must be a redis:// or rediss:// URL',
  })
  REDIS_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'FLOWHUB_DATA_DIR must not be empty' })
  FLOWHUB_DATA_DIR: string = './.data';

  @IsOptional()
  @Matches(MASTER_KEY_LIST_PATTERN, {
    message:
      'FLOWHUB_MASTER_KEYS must be a comma-separated list of <id>:<base64 of 32 bytes> ' +
      '(id: letters, digits, _ or -; the first key encrypts). Make one with: ' +
      "node -e \"console.log('k1:'+require('crypto').randomBytes(32).toString('base64'))\"",
  })
  FLOWHUB_MASTER_KEYS?: string;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'FLOWHUB_ADMIN_KEY must be at least 32 characters long' })
  @MaxLength(256, { message: 'FLOWHUB_ADMIN_KEY must be at most 256 characters long' })
  FLOWHUB_ADMIN_KEY?: string;

  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of: ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  @IsOptional()
  @IsIn(LOG_FORMATS, { message: `LOG_FORMAT must be one of: ${LOG_FORMATS.join(', ')}` })
  LOG_FORMAT: LogFormat = 'auto';

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, {
    message: 'FLOWHUB_QUEUE_PREFIX must be 1-40 letters, digits, _ or -',
  })
  FLOWHUB_QUEUE_PREFIX: string = 'flowhub';

  @EnvInt('FLOWHUB_SHUTDOWN_TIMEOUT_MS', 100, 600000)
  FLOWHUB_SHUTDOWN_TIMEOUT_MS: number = 8000;

  @EnvInt('FLOWHUB_HEAP_GROWTH_PERCENT', 0, 300)
  FLOWHUB_HEAP_GROWTH_PERCENT: number = 100;

  @EnvInt('FLOWHUB_SEARCH_SCAN_LIMIT', 10, 1000000)
  FLOWHUB_SEARCH_SCAN_LIMIT: number = 5000;

  @EnvInt('FLOWHUB_SYNC_REPLY_LIMIT', 1, 10000)
  FLOWHUB_SYNC_REPLY_LIMIT: number = 100;

  @EnvInt('FLOWHUB_ISSUE_RESOLVE_AFTER', 1, 1000)
  FLOWHUB_ISSUE_RESOLVE_AFTER: number = 3;

  @EnvInt('FLOWHUB_FLOW_FAILING_AFTER', 1, 1000)
  FLOWHUB_FLOW_FAILING_AFTER: number = 5;

  /** Bulk replay/cancel throttle (docs/operations.md "Bulk actions"). */
  @EnvInt('FLOWHUB_BULK_BATCH_SIZE', 1, 1000)
  FLOWHUB_BULK_BATCH_SIZE: number = 50;

  @EnvInt('FLOWHUB_BULK_PAUSE_MS', 0, 60000)
  FLOWHUB_BULK_PAUSE_MS: number = 200;

  @EnvInt('FLOWHUB_BULK_RUNS_PER_SECOND', 1, 10000)
  FLOWHUB_BULK_RUNS_PER_SECOND: number = 100;

  @EnvInt('FLOWHUB_BULK_MAX_RUNS', 1, 10000000)
  FLOWHUB_BULK_MAX_RUNS: number = 100000;

  /** `true`: Prometheus counters per flow too (a flow_id label: one series per flow). */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'FLOWHUB_METRICS_PER_FLOW must be true or false' })
  FLOWHUB_METRICS_PER_FLOW: 'true' | 'false' = 'false';

  /** A console build to serve instead of console/dist (a folder with index.html). */
  @IsOptional()
  @IsNotEmpty({ message: 'FLOWHUB_CONSOLE_DIR must be a folder path (a Vite build of console/)' })
  FLOWHUB_CONSOLE_DIR?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, {
    message: 'FLOWHUB_PUBLIC_URL must be an http(s) URL such as https://hooks.example.com',
  })
  FLOWHUB_PUBLIC_URL?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({
    message: 'FLOWHUB_CATCH_BODY_LIMIT must be a number of bytes between 1024 and 104857600',
  })
  @Min(1024, {
    message: 'FLOWHUB_CATCH_BODY_LIMIT must be a number of bytes between 1024 and 104857600',
  })
  @Max(104857600, {
    message: 'FLOWHUB_CATCH_BODY_LIMIT must be a number of bytes between 1024 and 104857600',
  })
  FLOWHUB_CATCH_BODY_LIMIT: number = 1048576;

  /** Most time a client has to send a whole request (headers and body); then 408 and close. */
  @EnvInt('FLOWHUB_REQUEST_TIMEOUT_MS', 100, 3600000)
  FLOWHUB_REQUEST_TIMEOUT_MS: number = 30000;

  /** Most time a client has to send the request headers (at most FLOWHUB_REQUEST_TIMEOUT_MS). */
  @EnvInt('FLOWHUB_HEADERS_TIMEOUT_MS', 100, 3600000)
  FLOWHUB_HEADERS_TIMEOUT_MS: number = 10000;

  @EnvInt('FLOWHUB_WORKER_CONCURRENCY', 1, 500)
  FLOWHUB_WORKER_CONCURRENCY: number = 10;

  /** Default: 10 with DATABASE_URL, 8 on the embedded PostgreSQL (load-config.ts). */
  @EnvInt('FLOWHUB_DB_POOL_SIZE', 2, 200)
  FLOWHUB_DB_POOL_SIZE?: number;

  @EnvInt('FLOWHUB_RECONCILE_INTERVAL_MS', 100, 3600000)
  FLOWHUB_RECONCILE_INTERVAL_MS: number = 15000;

  @EnvInt('FLOWHUB_WEBHOOK_RETENTION_DAYS', 1, 3650)
  FLOWHUB_WEBHOOK_RETENTION_DAYS: number = 30;

  @EnvInt('FLOWHUB_SESSION_TTL_HOURS', 1, 720)
  FLOWHUB_SESSION_TTL_HOURS: number = 12;

  @EnvInt('FLOWHUB_QUEUE_LOCK_DURATION_MS', 1000, 600000)
  FLOWHUB_QUEUE_LOCK_DURATION_MS: number = 30000;

  @IsOptional()
  @Type(() => Number)
  @IsInt({
    message: 'FLOWHUB_QUEUE_STALLED_INTERVAL_MS must be an integer between 1000 and 600000',
  })
  @Min(1000, {
    message: 'FLOWHUB_QUEUE_STALLED_INTERVAL_MS must be an integer between 1000 and 600000',
  })
  @Max(600000, {
    message: 'FLOWHUB_QUEUE_STALLED_INTERVAL_MS must be an integer between 1000 and 600000',
  })
  FLOWHUB_QUEUE_STALLED_INTERVAL_MS: number = 30000;

  @IsOptional()
  @Matches(/^[0-9a-fA-F.:]+\/\d{1,3}(\s*,\s*[0-9a-fA-F.:]+\/\d{1,3})*$/, {
    message:
      'FLOWHUB_EGRESS_ALLOW_CIDRS must be a comma-separated list of CIDR ranges, e.g. 10.0.0.0/8,fd00::/8',
  })
  FLOWHUB_EGRESS_ALLOW_CIDRS?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9.*-]+(\s*,\s*[A-Za-z0-9.*-]+)*$/, {
    message:
      'FLOWHUB_EGRESS_ALLOW_HOSTS must be a comma-separated list of host names, e.g. erp.internal,*.corp.example',
  })
  FLOWHUB_EGRESS_ALLOW_HOSTS?: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  FLOWHUB_PLUGINS?: string;

  @IsOptional()
  @Matches(/^[0-9a-fA-F.:]+(\/\d{1,3})?(\s*,\s*[0-9a-fA-F.:]+(\/\d{1,3})?)*$/, {
    message:
      'FLOWHUB_TRUST_PROXY must list the trusted proxies as IPs or CIDR ranges, e.g. 10.0.0.0/8,127.0.0.1',
  })
  FLOWHUB_TRUST_PROXY?: string;
}
