import { Module } from '@nestjs/common';
import { CatchKeyCache } from '../catch/catch-key.cache.js';
import { CatchController } from '../catch/catch.controller.js';
import { FlowRejectionsController } from '../catch/flow-rejections.controller.js';
import { CatchRateLimiter } from '../catch/catch-rate-limiter.js';
import { RejectionCounter } from '../catch/rejection-counter.js';
import { DedupeKeys } from '../catch/dedupe-keys.js';
import { ConnectionsModule } from '../connections/connections.module.js';
import { FlowsModule } from '../flows/flows.module.js';
import { RunExecutor } from './run-executor.js';
import { StepOutcomes } from './step-outcomes.js';
import { RunQueue } from './run-queue.js';
import { RunStepsRepository } from './run-steps.repository.js';
import { FlowRunsController, RunsController } from './runs.controller.js';
import { RunsRepository } from './runs.repository.js';
import { RunsService } from './runs.service.js';
import { StepAttempts } from './step-attempt.js';

/** Catch URLs, the runs API and the executor (driven by the worker module's processor). */
@Module({
  imports: [FlowsModule, ConnectionsModule],
  controllers: [CatchController, RunsController, FlowRunsController, FlowRejectionsController],
  providers: [
    RunsRepository,
    RunStepsRepository,
    RunQueue,
    RunsService,
    CatchKeyCache,
    DedupeKeys,
    CatchRateLimiter,
    RejectionCounter,
    RunExecutor,
    StepOutcomes,
    StepAttempts,
  ],
  exports: [RunExecutor, RunQueue, RunsRepository],
})
export class RunsModule {}
