import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { pino, type Logger, type LoggerOptions } from 'pino';
import type { LogLevel } from '../config/env.schema.js';

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
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
];

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;
const CATCH_URL = /^(\/webhook\/catch\/[^/?]+\/)[^/?]+/;

/** Catch URLs carry their key in the path: never log it. Query strings may hold tokens too. */
export function redactUrl(url: string | undefined): string | undefined {
  return url?.split('?')[0].replace(CATCH_URL, `$1${CENSOR}`);
}

export function loggerOptions(level: LogLevel): LoggerOptions {
  return {
    level,
    base: { service: 'flowhub' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: CENSOR },
  };
}

export function createLogger(level: LogLevel): Logger {
  return pino(loggerOptions(level));
}

/** Keeps a sane incoming `x-request-id`, otherwise makes one. */
export function requestId(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}
