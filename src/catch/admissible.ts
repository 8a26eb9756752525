import type { FastifyRequest } from 'fastify';
import { AppError, ErrorCode } from '../common/app-error.js';
import { route } from '../common/links.js';
import { ipAllowed } from '../common/ip-allowlist.js';
import type { TriggerDefinition } from '../engine/flow-definition.js';
import { jsonLimitProblem } from './json-limits.js';
import type { RejectionReason } from './rejection-counter.service.js';

export type CatchRequest = FastifyRequest<{ Params: { flowId: string; key: string } }> & {
  rawBody?: Buffer;
};

const SCHEDULED = `This flow is started by its schedule (trigger.type is schedule), not by its catch URL: to run it now, use ${route('POST', '/flows/:id/test')}, or change its trigger to type webhook`;

export type Refuse = (reason: RejectionReason, error: AppError) => AppError;

/**
 * The checks that cost nothing, in this order: the flow takes requests at all (a schedule
 * flow has no catch URL), media type, size (trigger.maxBodyBytes, before
 * anything looks inside the body), the shape of parsed JSON and form bodies (raw bytes and
 * text are limited by size alone), the flow's allowed IPs.
 */
export function admissible(
  trigger: TriggerDefinition,
  request: CatchRequest,
  refuse: Refuse,
): void {
  if (trigger.type === 'schedule') throw new AppError(ErrorCode.NotFound, SCHEDULED);
  if (/^multipart\//i.test(request.headers['content-type'] ?? '')) {
    const message =
      'multipart bodies are not supported: send JSON, form-urlencoded, text or raw bytes';
    throw refuse('unsupported-media-type', new AppError(ErrorCode.UnsupportedMediaType, message));
  }
  const size = request.rawBody?.length ?? 0;
  if (trigger.maxBodyBytes !== undefined && size > trigger.maxBodyBytes) {
    const message = `Request body is ${size} bytes; this flow accepts at most ${trigger.maxBodyBytes} (trigger.maxBodyBytes)`;
    throw refuse('body-too-large', new AppError(ErrorCode.PayloadTooLarge, message));
  }
  const parsed = typeof request.body === 'object' && !Buffer.isBuffer(request.body);
  const limit = parsed ? jsonLimitProblem(request.body) : undefined;
  if (limit) {
    const message = `${limit}: send a flatter or smaller body`;
    throw refuse('body-limits', new AppError(ErrorCode.BadRequest, message));
  }
  if (trigger.allowIps && !ipAllowed(request.ip, trigger.allowIps)) {
    const message = `This catch URL accepts requests only from the flow's allowed IPs (trigger.allowIps); ${request.ip} is not one of them`;
    throw refuse('ip-not-allowed', new AppError(ErrorCode.Forbidden, message));
  }
}
