import { Module, type OnModuleInit } from '@nestjs/common';
import { Metrics } from '../metrics/metrics.service.js';
import { ConnectionsModule } from '../connections/connections.module.js';
import { FlowsModule } from '../flows/flows.module.js';
import { RunExecutor } from './run-executor.service.js';
import { StepOutcomes } from './step-outcomes.service.js';
import { BullRunQueue, RunQueue } from './run-queue.service.js';
import { PgRunQueue } from './pg-queue/pg-run-queue.service.js';
import { WorkSignal } from './pg-queue/work-signal.service.js';
import { WakeRepository } from './pg-queue/wake.repository.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { RunState } from './state/run-state.repository.js';
import { RunStore } from './state/run-store.js';
import { RunLifecycle } from './state/run-lifecycle.repository.js';
import { FlowRunsController, RunsController } from './runs.controller.js';
import { FlowRequestsController } from './flow-requests.controller.js';
import { Playground } from './playground.service.js';
import { RunsRepository } from './runs.repository.js';
import { RunsService } from './runs.service.js';
import { StepAttempts } from './step-attempt.service.js';
import { BULK_EXPORTS, BULK_PROVIDERS, BulkRunsController } from './bulk/bulk-providers.js';

/** The runs API, the run queue and the executor (driven by RunsWorkerModule's processor). */
@Module({
  imports: [FlowsModule, ConnectionsModule],
  controllers: [RunsController, FlowRunsController, FlowRequestsController, BulkRunsController],
  providers: [
    RunsRepository,
    RunState,
    RunLifecycle,
    { provide: RunStore, useExisting: RunState },
    BullRunQueue,
    PgRunQueue,
    WorkSignal,
    WakeRepository,
    {
      provide: RunQueue,
      inject: [RUNTIME, BullRunQueue, PgRunQueue],
      useFactory: (runtime: Runtime, bull: BullRunQueue, pg: PgRunQueue): RunQueue =>
        runtime.config.queueMode === 'postgres' ? pg : bull,
    },
    RunsService,
    Playground,
    RunExecutor,
    StepOutcomes,
    StepAttempts,
    ...BULK_PROVIDERS,
  ],
  exports: [RunExecutor, RunQueue, WorkSignal, RunsRepository, RunLifecycle, ...BULK_EXPORTS],
})
export class RunsModule implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly runs: RunsRepository,
  ) {}

  onModuleInit(): void {
    this.metrics.onScrape(async () => {
      const counts = await this.runs.openCounts();
      for (const [status, n] of Object.entries(counts)) this.metrics.runs.set({ status }, n);
    });
  }
}
