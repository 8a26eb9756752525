import type { Provider } from '@nestjs/common';
import { BulkActions } from './bulk-actions.service.js';
import { BulkJobsRepository } from './bulk-jobs.repository.js';
import { BULK_THROTTLE, BulkRunsService } from './bulk-runs.service.js';
import { RUNTIME, type Runtime } from '../../config/runtime.js';

export { BulkRunsController } from './bulk-runs.controller.js';
export { BulkRunner } from './bulk-runner.job.js';

/** Registered in RunsModule: the API side of bulk jobs and what the worker's BulkRunner uses. */
export const BULK_PROVIDERS: Provider[] = [
  BulkJobsRepository,
  BulkRunsService,
  BulkActions,
  // FLOWHUB_BULK_* (docs/operations.md "Bulk actions"), validated at boot with the config.
  { provide: BULK_THROTTLE, inject: [RUNTIME], useFactory: (r: Runtime) => ({ ...r.config.bulk }) },
];

export const BULK_EXPORTS = [BulkJobsRepository, BulkActions, BULK_THROTTLE];
