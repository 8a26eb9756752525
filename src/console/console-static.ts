import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Only our own files: no inline script or style, no framing (docs/console.md). */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * The console's own client-side routes (console/src/routes.ts): each answers index.html (the
 * SPA fallback). A page with an id is `/<section>/*` with one segment (checked in the
 * handler, else the JSON 404): a wildcard, not `/runs/:id`, so the route table holds no
 * parameter route that is not an API. test/tooling/console-routes.spec.ts keeps both in step.
 */
export const CONSOLE_ROUTES = [
  '/',
  '/sign-in',
  '/overview',
  '/runs',
  '/runs/*',
  '/issues',
  '/issues/*',
  '/flows',
  '/flows/*',
  '/webhooks',
  '/webhooks/*',
  '/connections',
  '/plugins',
  '/plugins/*',
  '/api-keys',
];

/** `/<section>/<one segment>`, or a path without a wildcard. */
function isConsolePath(request: FastifyRequest): boolean {
  const rest = (request.params as { '*'?: string })['*'];
  return rest === undefined || (rest.length > 0 && !rest.includes('/'));
}

export const CONSOLE_NOT_BUILT =
  'The Flowhub console is not built: console/dist is missing. Run `npm run build` ' +
  '(it builds the server and the console), then start Flowhub again.\n';

/** console/dist beside the repo's package.json, from src/console/ or dist/src/console/. */
export function defaultConsoleDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return resolve(dir, 'console', 'dist');
}

function consoleHeaders(reply: FastifyReply) {
  reply.header('content-security-policy', CONSOLE_CSP);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'same-origin');
}

/**
 * Serves the built console at / from its own routes only: files under assets/ (hashed names,
 * cached for a year) and index.html for the console's routes. No hook and no catch-all route
 * (the wildcards are one segment under a console section), so /api, /webhook, /docs, /health and /metrics, and
 * their JSON 404s, are untouched.
 */
export async function registerConsole(
  fastify: FastifyInstance,
  distDir = defaultConsoleDir(),
): Promise<void> {
  const indexFile = join(distDir, 'index.html');
  if (!existsSync(indexFile)) {
    for (const url of CONSOLE_ROUTES)
      fastify.get(url, (request, reply) => {
        if (!isConsolePath(request)) return reply.callNotFound();
        // 404, not 503: a 503 from Flowhub means only "database unreachable".
        reply.code(404).type('text/plain; charset=utf-8').send(CONSOLE_NOT_BUILT);
      });
    return;
  }
  const index = readFileSync(indexFile);
  for (const url of CONSOLE_ROUTES)
    fastify.get(url, (request, reply) => {
      if (!isConsolePath(request)) return reply.callNotFound();
      consoleHeaders(reply);
      reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(index);
    });
  await fastify.register(fastifyStatic, {
    root: distDir,
    prefix: '/',
    wildcard: false,
    decorateReply: false,
    index: false,
    globIgnore: ['index.html'],
    // The build writes .br and .gz beside each asset (console/vite.config.ts): sent to
    // browsers that accept them, with Vary: Accept-Encoding.
    preCompressed: true,
    // Vite names every file it emits by its content hash.
    maxAge: '365d',
    immutable: true,
    setHeaders: (reply) => consoleHeaders(reply),
  });
}
