import { Module } from '@nestjs/common';
import { SyncReplies } from './sync-replies.service.js';
import { FlowsModule } from '../flows/flows.module.js';
import { RunsModule } from '../runs/runs.module.js';
import { CatchKeyCache } from './catch-key.cache.js';
import { CatchLimitsRepository } from './catch-limits.repository.js';
import { CatchRateLimiter } from './catch-rate-limiter.service.js';
import { CatchController } from './catch.controller.js';
import { DedupeKeys } from './dedupe-keys.service.js';
import { FlowRejectionsController } from './flow-rejections.controller.js';
import { RejectionCounter } from './rejection-counter.service.js';

/** The catch URL (keys, signatures, dedupe, limits) and the per-flow rejection counts. */
@Module({
  imports: [FlowsModule, RunsModule],
  controllers: [CatchController, FlowRejectionsController],
  providers: [
    CatchKeyCache,
    DedupeKeys,
    CatchLimitsRepository,
    CatchRateLimiter,
    RejectionCounter,
    SyncReplies,
  ],
})
export class CatchModule {}
