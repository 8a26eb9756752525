import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Run = components['schemas']['RunDto'];
export type RunStep = components['schemas']['RunStepDto'];
export type Attempt = components['schemas']['StepAttemptDto'];
export type Session = components['schemas']['SessionDto'];
export type Flow = components['schemas']['FlowDto'];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Writes made with the session cookie must say so: the server answers 403 without it. */
const csrf: Middleware = {
  onRequest({ request }) {
    if (!SAFE_METHODS.has(request.method)) request.headers.set('X-Flowhub-CSRF', '1');
    return request;
  },
};

/** A session that ended (expired, signed out elsewhere) sends the page back to sign in. */
const signedOut: Middleware = {
  onResponse({ request, response }) {
    const ended = response.status === 401 && !new URL(request.url).pathname.endsWith('/session');
    if (ended) window.location.assign('/sign-in');
    return response;
  },
};

/** Typed client for /api/v1 (schema.d.ts is generated: `npm run console:api`). */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(csrf, signedOut);

/** The message of an error body ({ message }), or the status line. */
export function errorText(error: unknown, response: Response): string {
  const message = (error as { message?: unknown } | undefined)?.message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join('; ');
  return `${response.status} ${response.statusText}`;
}
