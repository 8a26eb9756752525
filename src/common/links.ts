import { API_PREFIX } from './api-prefix.js';

/**
 * Paths of the management API, built on API_PREFIX: the one place a route's shape is written
 * outside its controller. `absolute` puts FLOWHUB_PUBLIC_URL in front when it is set.
 */
export function apiPath(...segments: string[]): string {
  return `/${API_PREFIX}${segments.map((segment) => `/${encodeURIComponent(segment)}`).join('')}`;
}

export const links = {
  run: (runId: string) => apiPath('runs', runId),
  flow: (flowId: string) => apiPath('flows', flowId),
  flowRejections: (flowId: string) => apiPath('flows', flowId, 'rejections'),
  deliveries: (subscriptionId: string) => apiPath('webhooks', subscriptionId, 'deliveries'),
  secret: (name: string) => apiPath('secrets', name),
};

export function absolute(publicUrl: string | undefined, path: string): string {
  return `${publicUrl ?? ''}${path}`;
}

/** A route as error messages name it: `route('POST', '/secrets')` is `POST /api/v1/secrets`. */
export function route(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string): string {
  return `${method} /${API_PREFIX}${path}`;
}
