/**
 * The http connection: a credential that http.request steps use by naming the connection,
 * so the flow never holds it. The credential is attached only to URLs under `baseUrl`.
 */
import type { ConnectionDefinition } from '@flowhub/plugin-sdk';
import { credentialHeader } from './auth.js';
import { HttpConnection } from './connection-fields.js';

export { HTTP_AUTH_KINDS, HttpConnection, type HttpAuthKind } from './connection-fields.js';

export const HTTP_SECRET_FIELDS = ['token', 'password', 'apiKey', 'signingSecret'];

export const httpConnection: ConnectionDefinition = {
  fields: HttpConnection,
  secretFields: HTTP_SECRET_FIELDS,
  // Where the credential goes: changing it needs the secret again (any host the guard allows).
  endpointFields: { baseUrl: {} },
  optional: true,
  // What goes on the wire besides the fields themselves: basic sends base64(user:password), so
  // a receiver echoing `Basic …` back is redacted too (`Bearer <token>` holds the token itself).
  derivedSecrets: (fields): Record<string, string> => {
    const connection = fields as unknown as HttpConnection;
    if (connection.auth !== 'basic') return {};
    const header = credentialHeader(connection)?.[1] ?? '';
    return { basic: header.slice('Basic '.length) };
  },
};
