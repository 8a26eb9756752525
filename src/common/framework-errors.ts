import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchNotFoundBody, isCatchPath } from './catch-not-found.js';

/**
 * URLs Fastify's router refuses (bad percent-encoding, a segment over maxParamLength) get our
 * error shape, never echoing the path: under /webhook/catch/ (in any spelling) it may hold a
 * catch key, and such
 * a URL cannot be a valid catch URL, so it gets the same 404 as a wrong key.
 */
export function frameworkErrors(
  error: Error & { code?: string },
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  if (isCatchPath(request.url)) {
    void reply.status(404).send(catchNotFoundBody());
    return;
  }
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const statusCode = tooLong ? 414 : 400;
  void reply.status(statusCode).send({
    statusCode,
    error: tooLong ? 'URI Too Long' : 'Bad Request',
    message: tooLong
      ? 'A segment of the URL path is too long: check the URL'
      : 'The URL is not valid (bad percent-encoding): check the URL',
  });
}
