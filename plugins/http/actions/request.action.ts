import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { createHmac } from 'node:crypto';
import { defineAction, type HttpResponse } from '../../../src/plugin-sdk/index.js';

export class SigningInput {
  @IsString()
  @MinLength(16, { message: 'sign.secret must be at least 16 characters' })
  secret: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  header?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  timestampHeader?: string;
}

export class RequestInput {
  @IsOptional()
  @IsIn(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'])
  method?: string;

  @IsUrl(
    { protocols: ['http', 'https'], require_tld: false, require_protocol: true },
    { message: 'url must be an http(s) URL' },
  )
  url: string;

  @IsOptional()
  @IsObject()
  headers?: Record<string, string>;

  @IsOptional()
  @IsObject()
  query?: Record<string, string | number | boolean>;

  @IsOptional()
  body?: unknown;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120_000)
  timeoutMs?: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => SigningInput)
  sign?: SigningInput;
}

/** Serialises once, so the signed bytes are the bytes sent. */
function payloadOf(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  return typeof body === 'string' ? body : JSON.stringify(body);
}

export const request = defineAction<RequestInput, HttpResponse>({
  displayName: 'Call webhook',
  description:
    'Sends an HTTP request (JSON by default) with an Idempotency-Key; optional HMAC signing.',
  input: RequestInput,
  sideEffects: true,
  retry: { attempts: 5, backoff: 'exponential', delayMs: 1000 },
  run: async ({ input, http, idempotencyKey, signal }) => {
    const payload = payloadOf(input.body);
    const headers: Record<string, string> = { ...(input.headers ?? {}) };
    const has = (name: string) =>
      Object.keys(headers).some((h) => h.toLowerCase() === name.toLowerCase());
    if (!has('idempotency-key')) headers['Idempotency-Key'] = idempotencyKey;
    if (payload !== undefined && typeof input.body !== 'string' && !has('content-type')) {
      headers['Content-Type'] = 'application/json';
    }
    if (input.sign) {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = createHmac('sha256', input.sign.secret)
        .update(payload ?? '')
        .digest('hex');
      headers[input.sign.header ?? 'X-Webhook-Signature'] = `sha256=${signature}`;
      headers[input.sign.timestampHeader ?? 'X-Webhook-Timestamp'] = timestamp;
    }
    return http.request({
      method: input.method ?? 'POST',
      url: input.url,
      headers,
      query: input.query,
      body: payload,
      timeoutMs: input.timeoutMs,
      signal,
    });
  },
});
