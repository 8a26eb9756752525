import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { VerifyDefinition } from '../engine/verify-presets.js';
import type { StoredRequest } from '../runs/stored-request.js';
import { storedHeaders, tokenHeaderOf } from '../engine/stored-headers.js';

/** JSON and form bodies as parsed, text as a string, anything else base64 of the bytes. */
function bodyOf(request: FastifyRequest, raw: Buffer): unknown {
  if (raw.length === 0) return null;
  if (Buffer.isBuffer(request.body)) return raw.toString('base64');
  return request.body ?? null;
}

/** What the catch URL stores: the exact bytes plus what expressions see as `$trigger`. */
export function storedRequestOf(request: FastifyRequest & { rawBody?: Buffer }): StoredRequest {
  const raw = request.rawBody ?? (Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0));
  return {
    id: randomUUID(),
    method: request.method,
    headers: storedHeaders(request.headers),
    query: { ...(request.query as Record<string, unknown>) },
    rawBody: raw,
    body: bodyOf(request, raw),
    contentType: request.headers['content-type'] ?? null,
    size: raw.length,
    sourceIp: request.ip ?? null,
    receivedAt: new Date(),
  };
}

/**
 * Where the verify secret itself travels in the request (static-token headers, the Zoho CRM
 * body token), it is not kept: runs, logs and the API never show it, and the stored raw bytes
 * of a Zoho CRM notification are its body encoded again with the token redacted. `size` stays
 * the size received.
 */
export function withoutVerifySecret(
  stored: StoredRequest,
  verify: VerifyDefinition | undefined,
): StoredRequest {
  const header = tokenHeaderOf(verify);
  if (header && header in stored.headers) stored.headers[header] = '[redacted]';
  const body = stored.body as Record<string, unknown> | null;
  if (verify?.preset === 'zoho-crm' && body && typeof body === 'object' && 'token' in body) {
    stored.body = { ...body, token: '[redacted]' };
    stored.rawBody = encodedLike(stored.contentType, stored.body as Record<string, unknown>);
  }
  return stored;
}

/** A parsed JSON or form body encoded again (the stored bytes then hold no secret either). */
function encodedLike(contentType: string | null, body: Record<string, unknown>): Buffer {
  if (/^application\/x-www-form-urlencoded/i.test(contentType ?? '')) {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(body)) {
      for (const item of Array.isArray(value) ? value : [value]) form.append(name, String(item));
    }
    return Buffer.from(form.toString(), 'utf8');
  }
  return Buffer.from(JSON.stringify(body), 'utf8');
}
