import type { Provider } from '@nestjs/common';
import { BulkActions } from './bulk-actions.js';
import { BulkJobsRepository } from './bulk-jobs.repository.js';
import { BULK_THROTTLE, BulkRunsService } from './bulk-runs.service.js';
import { bulkThrottleFrom } from './bulk-throttle.js';

export { BulkRunsController } from './bulk-runs.controller.js';
export { BulkRunner } from './bulk-runner.job.js';

/** Registered in RunsModule: the API side of bulk jobs and what the worker's BulkRunner uses. */
export const BULK_PROVIDERS: Provider[] = [
  BulkJobsRepository,
  BulkRunsService,
  BulkActions,
  // FLOWHUB_BULK_* (docs/operations.md "Bulk actions"), read once at boot.
  { provide: BULK_THROTTLE, useFactory: () => bulkThrottleFrom(process.env) },
];

export const BULK_EXPORTS = [BulkJobsRepository, BulkActions, BULK_THROTTLE];
