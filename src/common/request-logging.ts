import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { isCatchPath } from './catch-not-found.js';
import { redactHeaders, redactUrl } from './logging.js';

/** Extra header names to redact for one request (e.g. what its flow's trigger.verify reads). */
const sensitiveNames = new WeakMap<object, Set<string>>();

/** Headers that never carry a credential: kept when a catch request is logged unmarked. */
const PLAIN_HEADERS = new Set([
  'host',
  'user-agent',
  'accept',
  'accept-encoding',
  'content-type',
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'connection',
  'expect',
  'x-request-id',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
]);

/**
 * The header names to redact on top of the fixed list. A catch request the controller never
 * saw (refused by the body parser: 413, 415, 400) has unknown verify headers: all but the
 * plain ones are redacted.
 */
function extraNames(request: { raw: object; url: string; headers: object }): Iterable<string> {
  const marked = sensitiveNames.get(request.raw);
  if (marked || !isCatchPath(request.url)) return marked ?? [];
  return Object.keys(request.headers).filter((name) => !PLAIN_HEADERS.has(name));
}

/**
 * Marks headers of this request as secret in its log line, on top of the fixed list: the catch
 * controller names the headers a flow's verify preset reads as soon as it knows the flow, so
 * accepted and refused (401/403/413/429) requests alike are logged without them.
 */
export function addSensitiveHeaderNames(request: { raw?: object }, names: Iterable<string>): void {
  const key = request.raw ?? request;
  const known = sensitiveNames.get(key) ?? new Set<string>();
  for (const name of names) known.add(name.toLowerCase());
  sensitiveNames.set(key, known);
}

/**
 * One JSON line per request: id, method, path (catch keys and query strings removed),
 * status and duration. Header values that carry credentials are replaced by `[redacted]`
 * (redactHeaders), and pino's own redaction still applies.
 * Successful health probes log at debug, so orchestrator polling does not flood the log.
 */
export function registerRequestLogging(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const probe = request.url.startsWith('/health');
    const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : probe ? 'debug' : 'info';
    if (!logger.isLevelEnabled(level)) return done();
    const extra = extraNames(request);
    logger[level](
      {
        req: {
          id: request.id,
          method: request.method,
          url: redactUrl(request.url),
          headers: redactHeaders(request.headers, extra),
          remoteAddress: request.ip,
        },
        res: { statusCode: status },
        responseTimeMs: Math.round(reply.elapsedTime),
      },
      'request completed',
    );
    done();
  });
}
