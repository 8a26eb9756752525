import { describe, expect, it } from 'vitest';
import { NO_FILTERS } from '../useRuns';
import {
  bulkFilter,
  canStart,
  confirmText,
  describeFilter,
  isFinished,
  progressText,
  statusText,
  type BulkJob,
} from './bulk';

const job = (over: Partial<BulkJob> = {}): BulkJob => ({
  id: 'j1',
  action: 'replay',
  filter: {},
  status: 'running',
  total: 1000,
  done: 350,
  failed: 0,
  skipped: 0,
  cancelRequested: false,
  failures: [],
  createdAt: '2026-12-03T10:00:00.000Z',
  startedAt: '2026-12-03T10:00:01.000Z',
  finishedAt: null,
  ...over,
});

describe('bulkFilter', () => {
  it('sends only the filters set, with the time range as ISO instants (from/to)', () => {
    expect(bulkFilter(NO_FILTERS)).toEqual({});
    const filter = bulkFilter({
      ...NO_FILTERS,
      flowId: 'f1',
      status: 'failed',
      errorCode: ' HTTP_503 ',
      match: ' customer.email=a@b.c ',
      since: '2026-12-01T10:00',
      until: 'not a date',
    });
    expect(filter).toEqual({
      flowId: 'f1',
      status: 'failed',
      errorCode: 'HTTP_503',
      match: 'customer.email=a@b.c',
      from: new Date('2026-12-01T10:00').toISOString(),
    });
  });

  it("keeps the runs page's issue filter: replaying an issue's runs never reaches others", () => {
    const filter = bulkFilter({ ...NO_FILTERS, issueId: 'i-1', status: 'failed' });
    expect(filter).toEqual({ issueId: 'i-1', status: 'failed' });
    expect(describeFilter(filter)).toBe('status failed, failed as one issue');
  });
});

describe('the confirmation', () => {
  it('names the filters, the flow by its name', () => {
    expect(describeFilter({})).toBe('no filter: every run');
    expect(describeFilter({ flowId: 'f1', status: 'failed', errorCode: 'TIMEOUT' }, 'Orders')).toBe(
      'flow Orders, status failed, error code TIMEOUT',
    );
  });

  it('says how many runs match and what happens to them; nothing to start on 0 or too many', () => {
    const count = { action: 'replay' as const, count: 12, maxRuns: 100000, tooMany: false };
    expect(confirmText('replay', count)).toMatch(/^12 runs match\. Each is replayed once \(retry/);
    expect(confirmText('cancel', { ...count, count: 1 })).toMatch(
      /^1 run match\. Each is cancelled/,
    );
    expect(confirmText('replay', { ...count, count: 0 })).toMatch(/nothing to replay/);
    expect(confirmText('cancel', { ...count, count: 0 })).toMatch(/nothing to cancel/);
    expect(confirmText('replay', { ...count, count: 100001, tooMany: true })).toMatch(
      /More than 100000 runs match: narrow the filters/,
    );
    expect(canStart(count)).toBe(true);
    expect(canStart({ ...count, count: 0 })).toBe(false);
    expect(canStart({ ...count, tooMany: true })).toBe(false);
    expect(canStart(undefined)).toBe(false);
  });
});

describe('progress', () => {
  it('counts what was reached, and says when a cancel is pending', () => {
    expect(progressText(job())).toBe('350 of 1000 replayed');
    expect(progressText(job({ action: 'cancel', done: 3, failed: 1, skipped: 2 }))).toBe(
      '3 of 1000 cancelled, 1 failed, 2 skipped',
    );
    expect(statusText(job())).toBe('Running');
    expect(statusText(job({ cancelRequested: true }))).toBe('Stopping after the current batch');
    expect(statusText(job({ status: 'cancelled', cancelRequested: true }))).toBe('Cancelled');
    expect(isFinished(job())).toBe(false);
    expect(
      ['succeeded', 'cancelled', 'failed'].map((s) => isFinished(job({ status: s as never }))),
    ).toEqual([true, true, true]);
  });
});
