import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isCredentialHeader } from '@flowhub/plugin-sdk';
import { pino, type Logger, type LoggerOptions } from 'pino';
import type { LogLevel } from '../config/env.schema.js';
import { redactCatchPath } from './catch-not-found.js';
import { prettyDestination } from './log-format.js';

const CENSOR = '[redacted]';
const SECRET_FIELDS = [
  'password',
  'secret',
  'token',
  'apiKey',
  'key',
  'clientSecret',
  'accessToken',
  'refreshToken',
  'authorization',
  'masterKeys',
];

/** Paths pino blanks out in every log line: credentials in headers and secret-named fields. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-webhook-secret"]',
  'req.headers["x-auth-token"]',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
];

export function isSensitiveHeader(name: string, extra: ReadonlySet<string> = new Set()): boolean {
  return isCredentialHeader(name) || extra.has(name.toLowerCase());
}

/**
 * A copy of the headers fit for a log line: every credential header (the fixed list, names
 * that say secret/token/signature/key, and `extra`, e.g. the headers a flow's trigger.verify
 * reads) has its value replaced by `[redacted]`. Names are compared case-insensitively.
 */
export function redactHeaders(
  headers: Record<string, unknown>,
  extra: Iterable<string> = [],
): Record<string, unknown> {
  const names = new Set([...extra].map((name) => name.toLowerCase()));
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      isSensitiveHeader(name, names) ? CENSOR : value,
    ]),
  );
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * Catch URLs carry their key in the path: never log it, however the path is spelled (case,
 * doubled slashes, percent-encoding). Query strings may hold tokens too: they are dropped.
 */
export function redactUrl(url: string | undefined): string | undefined {
  return url === undefined ? undefined : redactCatchPath(url.split('?')[0]);
}

export function loggerOptions(level: LogLevel): LoggerOptions {
  return {
    level,
    base: { service: 'flowhub' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: CENSOR },
  };
}

/** JSON lines on stdout; with `pretty`, the same (redacted) lines made human-readable. */
export function createLogger(level: LogLevel, format: 'json' | 'pretty' = 'json'): Logger {
  return format === 'pretty'
    ? pino(loggerOptions(level), prettyDestination(process.stdout))
    : pino(loggerOptions(level));
}

/** Keeps a sane incoming `x-request-id`, otherwise makes one. */
export function requestId(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}
