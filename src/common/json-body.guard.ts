import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { AppError, ErrorCode } from './app-error.js';

interface RequestLike {
  headers: Record<string, string | string[] | undefined>;
}

const JSON_TYPE = /^application\/json$/i;

function hasBody(headers: RequestLike['headers']): boolean {
  return Number(headers['content-length'] ?? 0) > 0 || headers['transfer-encoding'] !== undefined;
}

/** The media type alone, short: it goes into the message. */
function essenceOf(type: string | string[] | undefined): string {
  const first = Array.isArray(type) ? type[0] : type;
  return (first ?? '').split(';')[0].trim().slice(0, 100);
}

/**
 * API routes take JSON bodies only: a form, text or binary body (which the catch URLs' parsers
 * would otherwise hand over as a string, raw bytes or form fields) gets a 415 that says so.
 * A request without a body passes, whatever its Content-Type (`curl -d ''` sends a form type).
 */
@Injectable()
export class JsonBodyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const { headers } = context.switchToHttp().getRequest<RequestLike>();
    if (!hasBody(headers)) return true;
    const type = essenceOf(headers['content-type']);
    if (JSON_TYPE.test(type)) return true;
    throw new AppError(
      ErrorCode.UnsupportedMediaType,
      `The API takes JSON bodies: send Content-Type: application/json (got ${type ? `'${type}'` : 'no Content-Type'})`,
    );
  }
}
