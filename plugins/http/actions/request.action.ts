import {
  Allow,
  Equals,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  JSONSchema,
  Max,
  Min,
  Transform,
  Type,
  ValidateIf,
  ValidateNested,
} from '@flowhub/plugin-sdk/validators';
import { createHmac } from 'node:crypto';
import { defineAction, type HttpResponse } from '@flowhub/plugin-sdk';
import { checkDestination, credentialHeader, setHeader } from '../auth.js';
import type { HttpConnection } from '../connection.js';
import { IsHeaderMap, IsHeaderName, IsHttpUrl, IsQueryMap } from '../validators.js';

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;
export const DEFAULT_SIGNATURE_HEADER = 'X-Webhook-Signature';
export const DEFAULT_TIMESTAMP_HEADER = 'X-Webhook-Timestamp';

export class SigningInput {
  @IsString({ message: 'sign.secret must be a string' })
  @IsNotEmpty({ message: 'sign.secret must not be empty' })
  @JSONSchema({
    description:
      'The signing secret: a named secret reference ({"$secret": "NAME"}); a literal is moved into a named secret at save.',
  })
  secret: string;

  @IsOptional()
  @IsHeaderName()
  @JSONSchema({
    description: 'The header that carries sha256=<hex HMAC-SHA256 of the body>.',
    examples: ['X-Webhook-Signature'],
  })
  header?: string = DEFAULT_SIGNATURE_HEADER;

  @IsOptional()
  @IsHeaderName()
  @JSONSchema({
    description: 'The header that carries the Unix time of sending, in seconds.',
    examples: ['X-Webhook-Timestamp'],
  })
  timestampHeader?: string = DEFAULT_TIMESTAMP_HEADER;
}

export class RequestInput {
  @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsIn(METHODS, { message: `method must be one of ${METHODS.join(', ')}` })
  @JSONSchema({ description: 'The HTTP method.', examples: ['POST'] })
  method: string = 'POST';

  @IsHttpUrl()
  url: string;

  @IsOptional()
  @IsHeaderMap()
  @JSONSchema({
    description: 'Request headers; credentials belong in a connection or named secret.',
    examples: [{ 'X-Source': 'flowhub' }],
  })
  headers?: Record<string, string>;

  @IsOptional()
  @IsQueryMap()
  @JSONSchema({ description: 'Query parameters added to the URL.', examples: [{ page: 1 }] })
  query?: Record<string, string | number | boolean>;

  /** Any JSON; a string is sent as it is. GET and HEAD send no body. */
  @Allow()
  @ValidateIf((input: RequestInput) => input.method === 'GET' || input.method === 'HEAD')
  @Equals(undefined, { message: 'body cannot be sent with GET or HEAD: remove it or use POST' })
  @JSONSchema({
    description: 'Any JSON; a string is sent as it is. GET and HEAD send no body.',
    examples: [{ orderId: 1001 }],
  })
  body?: unknown;

  @IsInt({ message: 'timeoutMs must be a whole number of milliseconds' })
  @Min(1)
  @Max(120_000)
  @JSONSchema({
    description: 'Milliseconds to wait for the answer (1 to 120000).',
    examples: [30000],
  })
  timeoutMs: number = 30_000;

  @IsOptional()
  @ValidateNested()
  @Type(() => SigningInput)
  @JSONSchema({ description: 'Sign the body with HMAC-SHA256.' })
  sign?: SigningInput;
}

export type RequestOutput = HttpResponse;

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name.toLowerCase());
}

/** Serialised once: the signed bytes are the bytes sent (OUT-4). */
function payloadOf(body: unknown): Buffer | undefined {
  if (body === undefined) return undefined;
  return Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
}

function contentTypeOf(body: unknown): string {
  return typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
}

/** `sha256=<hex HMAC-SHA256(secret, body bytes)>` and the unix time in seconds. */
export function signatureHeaders(
  sign: SigningInput,
  payload: Buffer | undefined,
  now = Date.now(),
): Record<string, string> {
  const digest = createHmac('sha256', sign.secret)
    .update(payload ?? Buffer.alloc(0))
    .digest('hex');
  return {
    [sign.header ?? DEFAULT_SIGNATURE_HEADER]: `sha256=${digest}`,
    [sign.timestampHeader ?? DEFAULT_TIMESTAMP_HEADER]: String(Math.floor(now / 1000)),
  };
}

/** The signing options in force: the connection's hmac secret wins over the input's. */
function signingOf(input: RequestInput, connection?: HttpConnection): SigningInput | undefined {
  if (connection?.auth !== 'hmac') return input.sign;
  return {
    secret: connection.signingSecret ?? '',
    header: connection.signatureHeader ?? input.sign?.header,
    timestampHeader: connection.timestampHeader ?? input.sign?.timestampHeader,
  };
}

/** Adds the connection's credential (checked against its baseUrl) and the signature. */
function authenticate(
  input: RequestInput,
  headers: Record<string, string>,
  payload: Buffer | undefined,
  connection?: HttpConnection,
): void {
  if (connection) {
    checkDestination(input.url, connection);
    const header = credentialHeader(connection);
    if (header) setHeader(headers, ...header);
  }
  const sign = signingOf(input, connection);
  if (!sign) return;
  for (const [name, value] of Object.entries(signatureHeaders(sign, payload))) {
    setHeader(headers, name, value);
  }
}

/**
 * The "call webhook" action. Non-2xx answers and network errors are thrown by ctx.http and
 * classified by the host (408, 425, 429, 5xx and network errors retried; Retry-After honoured).
 */
export const request = defineAction<RequestInput, RequestOutput>({
  displayName: 'Call webhook',
  description:
    'Sends an HTTP request (JSON unless the body is a string) with an Idempotency-Key, optionally HMAC-signed; a connection adds its credential.',
  input: RequestInput,
  inputFields: {
    url: {
      description: 'The URL to call (http or https; private addresses are refused unless allowed).',
      example: 'https://erp.example.com/orders',
      url: true, // checked against the egress guard when a flow is saved
    },
  },
  sideEffects: true,
  secretInputs: ['sign.secret'],
  credentialHeaderInputs: ['headers'],
  credentialQueryInputs: ['query'],
  destinationInput: 'url',
  retry: { attempts: 5, backoff: 'exponential', delayMs: 1000 },
  run: async ({ input, http, idempotencyKey, signal, connection }) => {
    const payload = payloadOf(input.body);
    const headers: Record<string, string> = { ...input.headers };
    if (!hasHeader(headers, 'idempotency-key')) headers['Idempotency-Key'] = idempotencyKey;
    if (payload !== undefined && !hasHeader(headers, 'content-type')) {
      headers['Content-Type'] = contentTypeOf(input.body);
    }
    authenticate(input, headers, payload, connection as HttpConnection | undefined);
    const response = await http.request({
      method: input.method,
      url: input.url,
      headers,
      query: input.query,
      body: payload,
      timeoutMs: input.timeoutMs,
      signal,
    });
    return { status: response.status, headers: response.headers, body: response.body };
  },
});
