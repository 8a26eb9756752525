/**
 * The http connection: a credential that http.request steps use by naming the connection,
 * so the flow never holds it. The credential is attached only to URLs under `baseUrl`.
 */
import { IsIn, IsNotEmpty, IsOptional, IsString, ValidateIf } from 'class-validator';
import type { ConnectionDefinition } from '../../src/plugin-sdk/index.js';
import { IsHeaderName, IsHttpUrl } from './validators.js';

export const HTTP_AUTH_KINDS = ['bearer', 'basic', 'api-key', 'hmac'] as const;
export type HttpAuthKind = (typeof HTTP_AUTH_KINDS)[number];

const when = (kind: HttpAuthKind) => ValidateIf((fields: HttpConnection) => fields.auth === kind);

export class HttpConnection {
  /** Requests to this origin and path prefix get the credential; others are refused. */
  @IsHttpUrl()
  baseUrl: string;

  @IsIn(HTTP_AUTH_KINDS, { message: `auth must be one of ${HTTP_AUTH_KINDS.join(', ')}` })
  auth: HttpAuthKind;

  /** bearer: sent as `Authorization: Bearer <token>`. */
  @when('bearer')
  @IsString({ message: 'token is required for auth bearer' })
  @IsNotEmpty({ message: 'token is required for auth bearer' })
  token?: string;

  /** basic: sent as `Authorization: Basic base64(username:password)`. */
  @when('basic')
  @IsString({ message: 'username is required for auth basic' })
  @IsNotEmpty({ message: 'username is required for auth basic' })
  username?: string;

  @when('basic')
  @IsString({ message: 'password is required for auth basic' })
  password?: string;

  /** api-key: sent as `<headerName>: <apiKey>`. */
  @when('api-key')
  @IsHeaderName()
  headerName?: string;

  @when('api-key')
  @IsString({ message: 'apiKey is required for auth api-key' })
  @IsNotEmpty({ message: 'apiKey is required for auth api-key' })
  apiKey?: string;

  /** hmac: the body is signed as with http.request's `sign`, with this secret. */
  @when('hmac')
  @IsString({ message: 'signingSecret is required for auth hmac' })
  @IsNotEmpty({ message: 'signingSecret is required for auth hmac' })
  signingSecret?: string;

  @IsOptional()
  @IsHeaderName()
  signatureHeader?: string;

  @IsOptional()
  @IsHeaderName()
  timestampHeader?: string;
}

export const HTTP_SECRET_FIELDS = ['token', 'password', 'apiKey', 'signingSecret'];

export const httpConnection: ConnectionDefinition = {
  fields: HttpConnection,
  secretFields: HTTP_SECRET_FIELDS,
  // Where the credential goes: changing it needs the secret again (any host the guard allows).
  endpointFields: { baseUrl: {} },
  optional: true,
};
