import type { components } from '../../api/schema';
import { runsQuery, type RunFilters } from '../useRuns';

export type BulkAction = 'replay' | 'cancel';
export type BulkFilter = components['schemas']['BulkFilterDto'];
export type BulkJob = components['schemas']['BulkJobDto'];
export type BulkCount = components['schemas']['BulkCountDto'];

const FINISHED = ['succeeded', 'cancelled', 'failed'];

/**
 * POST /runs/bulk's filter for the runs page's filters: the query GET /runs gets
 * (runsQuery), so a bulk action reaches exactly the runs the page lists, with the time range
 * named from/to and without paging.
 */
export function bulkFilter(filters: RunFilters): BulkFilter {
  const { since, until, limit: _limit, cursor: _cursor, ...rest } = runsQuery(filters);
  const filter: BulkFilter = { ...rest, from: since, to: until };
  return Object.fromEntries(
    Object.entries(filter).filter(([, value]) => value !== undefined),
  ) as BulkFilter;
}

/** What the filter selects, in words, for the confirmation ("status failed, flow Orders"). */
export function describeFilter(filter: BulkFilter, flowName?: string): string {
  const parts: string[] = [];
  if (filter.flowId) parts.push(`flow ${flowName ?? filter.flowId}`);
  if (filter.status) parts.push(`status ${filter.status}`);
  if (filter.errorCode) parts.push(`error code ${filter.errorCode}`);
  if (filter.match) parts.push(`body ${filter.match}`);
  if (filter.issueId) parts.push('failed as one issue');
  if (filter.from) parts.push(`from ${new Date(filter.from).toLocaleString()}`);
  if (filter.to) parts.push(`to ${new Date(filter.to).toLocaleString()}`);
  return parts.length ? parts.join(', ') : 'no filter: every run';
}

/** The confirmation's question, from the dry run's count. */
export function confirmText(action: BulkAction, count: BulkCount): string {
  if (count.tooMany)
    return `More than ${count.maxRuns} runs match: narrow the filters to ${action} them in one job.`;
  if (count.count === 0)
    return action === 'replay'
      ? 'No finished run matches these filters: nothing to replay.'
      : 'No queued, held or running run matches these filters: nothing to cancel.';
  const runs = count.count === 1 ? '1 run' : `${count.count} runs`;
  return action === 'replay'
    ? `${runs} match. Each is replayed once (retry: what succeeded is kept, the rest runs again with the same idempotency keys).`
    : `${runs} match. Each is cancelled; steps not yet run are skipped.`;
}

export function canStart(count: BulkCount | undefined): boolean {
  return !!count && !count.tooMany && count.count > 0;
}

export function isFinished(job: BulkJob): boolean {
  return FINISHED.includes(job.status);
}

/** "350 of 1000 replayed, 2 failed, 1 skipped". */
export function progressText(job: BulkJob): string {
  const verb = job.action === 'replay' ? 'replayed' : 'cancelled';
  const parts = [`${job.done} of ${job.total} ${verb}`];
  if (job.failed) parts.push(`${job.failed} failed`);
  if (job.skipped) parts.push(`${job.skipped} skipped`);
  return parts.join(', ');
}

const STATUS_TEXT: Record<string, string> = {
  queued: 'Waiting for a worker',
  running: 'Running',
  succeeded: 'Finished',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

export function statusText(job: BulkJob): string {
  if (job.cancelRequested && !isFinished(job)) return 'Stopping after the current batch';
  return STATUS_TEXT[job.status] ?? job.status;
}
