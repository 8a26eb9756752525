import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { redactUrl } from './logging.js';

/**
 * One JSON line per request: id, method, path (catch keys and query strings removed),
 * status and duration. Headers are logged through pino's redaction (no credentials).
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
    logger[level](
      {
        req: {
          id: request.id,
          method: request.method,
          url: redactUrl(request.url),
          headers: request.headers,
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
