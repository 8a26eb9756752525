import {
  applyDecorators,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Options,
  Patch,
  Post,
  Put,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiExcludeEndpoint,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { AppError, ErrorCode } from '../common/app-error.js';
import { CATCH_NOT_FOUND as NOT_FOUND } from '../common/catch-not-found.js';
import { ErrorBodyDto } from '../common/error-body.dto.js';
import { Public } from '../common/public.decorator.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import type { TriggerDefinition } from '../engine/flow-definition.js';
import { storageAppError, withConflictRetries } from '../common/storage-errors.js';
import { RunQueue } from '../runs/run-queue.service.js';
import { RunsRepository } from '../runs/runs.repository.js';
import { RunLifecycle } from '../runs/state/run-lifecycle.repository.js';
import { CatchKeyCache, type CatchTarget, keyOpens, secretsAt } from './catch-key.cache.js';
import { CatchRateLimiter, DEFAULT_RATE } from './catch-rate-limiter.service.js';
import { admissible, type CatchRequest, type Refuse } from './admissible.js';
import { handshakeReply } from './handshake.js';
import { DedupeKeys } from './dedupe-keys.service.js';
import { storedRequestOf, withoutVerifySecret } from './catch-request.js';
import { RejectionCounter } from './rejection-counter.service.js';
import { verifyRequest } from './signatures/verify-request.js';
import { markSensitiveHeaders } from './sensitive-headers.js';
import { CaughtDto } from './caught.dto.js';
import { SyncReplies } from './sync-replies.service.js';
import { DomainEvents } from '../events/domain-events.service.js';
import { Metrics } from '../metrics/metrics.service.js';
import { absolute, links } from '../common/links.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const methodNotAllowed = () =>
  new AppError(ErrorCode.MethodNotAllowed, 'Catch URLs accept POST or PUT only', undefined, {
    Allow: 'POST, PUT',
  });
const STORAGE_UNAVAILABLE =
  'Flowhub could not confirm this request was stored (database unavailable): retry later, and set trigger.dedupe so a retried delivery cannot start a second run';

/**
 * The path parameters, documented here and read from the request: `@Param` would run them
 * through the global validation pipe on every delivery for nothing (plain strings).
 */
const CatchUrlParams = () =>
  applyDecorators(
    ApiParam({ name: 'flowId', description: 'The flow id', format: 'uuid' }),
    ApiParam({ name: 'key', description: "The flow's catch key (from catchUrl)" }),
  );

@ApiTags('catch')
@Public()
@Controller('webhook/catch')
export class CatchController {
  constructor(
    private readonly keys: CatchKeyCache,
    private readonly runs: RunsRepository,
    private readonly lifecycle: RunLifecycle,
    private readonly queue: RunQueue,
    private readonly dedupe: DedupeKeys,
    private readonly rateLimiter: CatchRateLimiter,
    private readonly rejections: RejectionCounter,
    private readonly events: DomainEvents,
    private readonly metrics: Metrics,
    private readonly replies: SyncReplies,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  @Post(':flowId/:key')
  @HttpCode(202)
  @ApiAcceptedResponse({
    type: CaughtDto,
    description: 'Stored durably; the run is queued (or held)',
  })
  @ApiOkResponse({
    type: CaughtDto,
    description: 'A repeated delivery (trigger.dedupe): nothing new is stored',
  })
  @ApiNotFoundResponse({
    type: ErrorBodyDto,
    description: 'Unknown flow or wrong key (same answer)',
  })
  @ApiResponse({
    status: 429,
    type: ErrorBodyDto,
    description: 'Rate limit, or sync waiting bound',
  })
  @ApiResponse({ status: 502, description: 'trigger.respond sync: the run failed (run id, step)' })
  @CatchUrlParams()
  catchPost(@Req() request: CatchRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.catch(request.params.flowId, request.params.key, request, reply);
  }

  @Put(':flowId/:key')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: CaughtDto, description: 'Same as POST' })
  @CatchUrlParams()
  catchPut(@Req() request: CatchRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.catch(request.params.flowId, request.params.key, request, reply);
  }

  private async catch(
    flowId: string,
    key: string,
    request: CatchRequest,
    reply: FastifyReply,
  ): Promise<unknown> {
    const now = Date.now();
    const target = UUID.test(flowId)
      ? await this.storageCall(() => this.keys.targetOf(flowId))
      : undefined;
    markSensitiveHeaders(request, target?.trigger.verify);
    if (!target || !keyOpens(target, key, now)) throw new AppError(ErrorCode.NotFound, NOT_FOUND);
    const refuse: Refuse = (reason, error) => {
      this.rejections.count(flowId, reason);
      return error;
    };
    const { trigger } = target;
    admissible(trigger, request, refuse);
    await this.verified(flowId, target, request, now, refuse);
    await this.takeToken(flowId, trigger.rateLimit, 'accepted', refuse);
    const handshake = handshakeReply(trigger.handshake, request.body);
    if (handshake) {
      reply.status(200);
      return handshake;
    }
    const { respond } = trigger;
    if (respond?.mode !== 'sync') return this.store(flowId, target, request, reply);
    // trigger.respond sync: one of a bounded number of waiting requests, or 429 before storing.
    return this.replies.within(
      async () => {
        const caught = await this.store(flowId, target, request, reply);
        if (caught.duplicate || caught.status !== 'queued') return caught;
        return this.replies.answer(caught, respond, reply);
      },
      () => this.rejections.count(flowId, 'replies-full'),
    );
  }

  /** Stores the request and its run, and starts the run (or answers a repeated delivery). */
  private async store(
    flowId: string,
    target: CatchTarget,
    request: CatchRequest,
    reply: FastifyReply,
  ): Promise<CaughtDto> {
    const runId = randomUUID();
    const { trigger } = target;
    const stored = withoutVerifySecret(storedRequestOf(request), trigger.verify);
    stored.dedupeKey = await this.dedupe.keyOf(target, stored);
    const caught = await this.storageCall(() =>
      this.lifecycle.insertFromCatch(flowId, runId, stored),
    );
    if (!caught) return this.duplicateOrMissing(flowId, stored.dedupeKey, reply);
    const { status, flowVersion } = caught;
    this.metrics.flows.acceptedAt(flowId);
    // A held run's run.held event was written with it (RunLifecycle relays it).
    if (status === 'queued') this.queue.startInBackground(runId, { flowId, flowVersion });
    return { runId, status, statusUrl: this.statusUrl(runId) };
  }

  /**
   * VER-1: a request that fails trigger.verify is refused without spending the flow's tokens,
   * so forgeries cannot crowd out correctly signed deliveries; refusals spend a budget of
   * their own (ING-3), and once that is spent they get 429 instead of the verify error.
   */
  private async verified(
    flowId: string,
    target: CatchTarget,
    request: CatchRequest,
    now: number,
    refuse: Refuse,
  ): Promise<void> {
    const { verify, rateLimit } = target.trigger;
    if (!verify) return;
    const failure = verifyRequest(verify, secretsAt(target, now), {
      rawBody: request.rawBody ?? Buffer.alloc(0),
      headers: request.headers,
      body: request.body,
      url: request.url,
      publicUrl: this.runtime.config.publicUrl,
      now,
    });
    if (!failure) return;
    await this.takeToken(flowId, rateLimit, 'refused', refuse);
    const code = failure.status === 400 ? ErrorCode.BadRequest : ErrorCode.Unauthorized;
    throw refuse(failure.reason, new AppError(code, failure.message));
  }

  /**
   * ING-3: one token from the catch URL's bucket (`accepted`), or from its bucket for requests
   * that failed verification (`refused`, the same size), or a 429 with Retry-After.
   */
  private async takeToken(
    flowId: string,
    rate: TriggerDefinition['rateLimit'],
    bucket: 'accepted' | 'refused',
    refuse: Refuse,
  ): Promise<void> {
    const perSecond = rate?.perSecond ?? DEFAULT_RATE.perSecond;
    const burst =
      rate?.burst ?? (rate ? Math.max(1, Math.ceil(2 * perSecond)) : DEFAULT_RATE.burst);
    const wait = await this.storageCall(() =>
      bucket === 'accepted'
        ? this.rateLimiter.take(flowId, perSecond, burst)
        : this.rateLimiter.takeRefusal(flowId, perSecond, burst),
    );
    if (wait === undefined) return;
    const message =
      bucket === 'accepted'
        ? `This catch URL accepts ${perSecond} requests per second (bursts of ${burst}); retry after ${wait} s`
        : `This catch URL refused too many requests that failed verification (trigger.verify; at most ${perSecond} per second, bursts of ${burst}): sign requests with the flow's secret, or retry after ${wait} s`;
    throw refuse(
      bucket === 'accepted' ? 'rate-limited' : 'refusals-rate-limited',
      new AppError(ErrorCode.TooManyRequests, message, undefined, { 'Retry-After': String(wait) }),
    );
  }

  /** VER-2: a delivery seen before gets 200 with the original run, so the sender stops retrying. */
  private async duplicateOrMissing(flowId: string, dedupeKey: string | null, reply: FastifyReply) {
    const original = dedupeKey
      ? await this.storageCall(() => this.runs.findByDedupeKey(flowId, dedupeKey))
      : undefined;
    if (!original) throw new AppError(ErrorCode.NotFound, NOT_FOUND);
    this.events.emit('request.duplicate', { flowId });
    reply.status(200);
    return {
      runId: original.id,
      status: original.status,
      statusUrl: this.statusUrl(original.id),
      duplicate: true,
    };
  }

  /**
   * Never a 202 for what was not stored: an unreachable database is a 503 with Retry-After, a
   * value PostgreSQL refuses a 4xx that says so, a conflicting transaction is retried (each
   * call here is one self-contained statement), anything else a 500 (storage-errors.ts).
   */
  private async storageCall<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await withConflictRetries(work);
    } catch (error) {
      throw storageAppError(error, STORAGE_UNAVAILABLE) ?? error;
    }
  }

  /** The run in the API: absolute when FLOWHUB_PUBLIC_URL is set. */
  private statusUrl(runId: string): string {
    return absolute(this.runtime.config.publicUrl, links.run(runId));
  }

  @Get(':flowId/:key')
  @ApiExcludeEndpoint()
  get(): never {
    throw methodNotAllowed();
  }

  @Delete(':flowId/:key')
  @ApiExcludeEndpoint()
  delete(): never {
    throw methodNotAllowed();
  }

  @Patch(':flowId/:key')
  @ApiExcludeEndpoint()
  patch(): never {
    throw methodNotAllowed();
  }

  @Options(':flowId/:key')
  @ApiExcludeEndpoint()
  options(): never {
    throw methodNotAllowed();
  }
}
