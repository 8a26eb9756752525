import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module.js';
import { FlowsModule } from '../flows/flows.module.js';
import { RunExecutor } from './run-executor.service.js';
import { StepOutcomes } from './step-outcomes.service.js';
import { RunQueue } from './run-queue.service.js';
import { RunState } from './state/run-state.repository.js';
import { RunStore } from './state/run-store.js';
import { FlowRunsController, RunsController } from './runs.controller.js';
import { RunsRepository } from './runs.repository.js';
import { RunsService } from './runs.service.js';
import { StepAttempts } from './step-attempt.service.js';

/** The runs API, the run queue and the executor (driven by RunsWorkerModule's processor). */
@Module({
  imports: [FlowsModule, ConnectionsModule],
  controllers: [RunsController, FlowRunsController],
  providers: [
    RunsRepository,
    RunState,
    { provide: RunStore, useExisting: RunState },
    RunQueue,
    RunsService,
    RunExecutor,
    StepOutcomes,
    StepAttempts,
  ],
  exports: [RunExecutor, RunQueue, RunsRepository],
})
export class RunsModule {}
