import type { FastifyInstance } from 'fastify';

/**
 * Catch URLs take any body. JSON and form bodies are parsed by Nest's parsers (with the raw
 * bytes kept, `rawBody: true`); here: `text/*` as a string and anything else as raw bytes.
 * Every parser keeps `request.rawBody` for storage and, later, signature checks.
 */
export function registerCatchBodyParsers(fastify: FastifyInstance, bodyLimit: number): void {
  // Fastify's own text/plain parser does not keep the raw bytes.
  fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser(
    /^text\//,
    { parseAs: 'buffer', bodyLimit },
    (request, body, done) => {
      (request as { rawBody?: Buffer }).rawBody = body as Buffer;
      done(null, (body as Buffer).toString('utf8'));
    },
  );
  fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (request, body, done) => {
    (request as { rawBody?: Buffer }).rawBody = body as Buffer;
    done(null, body);
  });
}
