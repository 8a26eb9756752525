/**
 * The http connection's fields: which credential, and where it may be sent. Apart from
 * connection.ts so that auth.ts (which attaches the credential) can name the type without a
 * cycle.
 */
import {
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MinLength,
  ValidateIf,
} from '@flowhub/plugin-sdk/validators';
import { IsHeaderName, IsHttpUrl } from './validators.js';

export const HTTP_AUTH_KINDS = ['bearer', 'basic', 'api-key', 'hmac'] as const;
export type HttpAuthKind = (typeof HTTP_AUTH_KINDS)[number];

const when = (kind: HttpAuthKind) => ValidateIf((fields: HttpConnection) => fields.auth === kind);

/** As named secrets: a shorter value cannot be redacted from run records reliably. */
const MIN_SECRET = 8;
const atLeast = (field: string) =>
  MinLength(MIN_SECRET, {
    message: `${field} must be at least ${MIN_SECRET} characters (shorter ones cannot be redacted from run records reliably)`,
  });

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
  @atLeast('token')
  token?: string;

  /** basic: sent as `Authorization: Basic base64(username:password)`. */
  @when('basic')
  @IsString({ message: 'username is required for auth basic' })
  @IsNotEmpty({ message: 'username is required for auth basic' })
  username?: string;

  @when('basic')
  @IsString({ message: 'password is required for auth basic' })
  @atLeast('password')
  password?: string;

  /** api-key: sent as `<headerName>: <apiKey>`. */
  @when('api-key')
  @IsHeaderName()
  headerName?: string;

  @when('api-key')
  @IsString({ message: 'apiKey is required for auth api-key' })
  @IsNotEmpty({ message: 'apiKey is required for auth api-key' })
  @atLeast('apiKey')
  apiKey?: string;

  /** hmac: the body is signed as with http.request's `sign`, with this secret. */
  @when('hmac')
  @IsString({ message: 'signingSecret is required for auth hmac' })
  @IsNotEmpty({ message: 'signingSecret is required for auth hmac' })
  @atLeast('signingSecret')
  signingSecret?: string;

  @IsOptional()
  @IsHeaderName()
  signatureHeader?: string;

  @IsOptional()
  @IsHeaderName()
  timestampHeader?: string;
}
