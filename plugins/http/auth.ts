/** How an http connection's credential is attached to one request, at call time. */
import { FatalError } from '@flowhub/plugin-sdk';
import type { HttpConnection } from './connection-fields.js';

/** Sets a header, replacing any spelling of the same name. */
export function setHeader(headers: Record<string, string>, name: string, value: string): void {
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
  }
  headers[name] = value;
}

/** Same origin, and the path starts with the base path (at a `/` boundary). */
export function isUnderBase(url: string, baseUrl: string): boolean {
  const target = new URL(url);
  const base = new URL(baseUrl);
  if (target.origin !== base.origin) return false;
  const prefix = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  return target.pathname === base.pathname || target.pathname.startsWith(prefix);
}

/** Refuses a URL the connection's credential must not go to. */
export function checkDestination(url: string, connection: HttpConnection): void {
  if (isUnderBase(url, connection.baseUrl)) return;
  const { origin, pathname } = new URL(url);
  throw new FatalError(
    `url ${origin}${pathname} is outside the step's connection baseUrl (${connection.baseUrl}): ` +
      'its credential is only sent there; use another connection or change the url',
  );
}

/** The header a bearer, basic or api-key connection adds (hmac signs instead). */
export function credentialHeader(connection: HttpConnection): [string, string] | undefined {
  switch (connection.auth) {
    case 'bearer':
      return ['Authorization', `Bearer ${connection.token ?? ''}`];
    case 'basic': {
      const pair = `${connection.username ?? ''}:${connection.password ?? ''}`;
      return ['Authorization', `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`];
    }
    case 'api-key':
      return [connection.headerName ?? 'X-Api-Key', connection.apiKey ?? ''];
    default:
      return undefined;
  }
}
