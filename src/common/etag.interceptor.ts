import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { map, type Observable } from 'rxjs';

/** A weak ETag of a JSON answer. */
export function etagOf(body: unknown): string {
  return `W/"${createHash('sha1')
    .update(JSON.stringify(body) ?? '')
    .digest('base64url')}"`;
}

/**
 * Conditional GETs for polled routes (the console's live lists): the answer carries an ETag,
 * and a request whose If-None-Match names it gets 304 with no body. The data is still read;
 * what is saved is sending and parsing it again.
 */
@Injectable()
export class EtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    return next.handle().pipe(
      map((body: unknown) => {
        const tag = etagOf(body);
        reply.header('etag', tag);
        reply.header('cache-control', 'private, no-cache');
        const asked = request.headers['if-none-match'];
        if (asked === undefined || !asked.split(',').some((t) => t.trim() === tag)) return body;
        reply.status(304);
        return undefined;
      }),
    );
  }
}
