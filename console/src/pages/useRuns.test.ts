import { describe, expect, it } from 'vitest';
import type { Run } from '../api/client';
import { filtersFromSearch, mergeRuns, NO_FILTERS, PAGE, runsQuery } from './useRuns';

const run = (id: string, status = 'succeeded') => ({ id, status }) as Run;

describe('runsQuery', () => {
  it('leaves empty filters out and asks for a page', () => {
    expect(runsQuery(NO_FILTERS)).toEqual({ limit: PAGE });
  });

  it('sends the time range as ISO instants and trims the error code', () => {
    const query = runsQuery(
      { ...NO_FILTERS, since: '2026-12-01T10:00', until: 'not a date', errorCode: ' TIMEOUT ' },
      'c1',
    );
    expect(query.since).toBe(new Date('2026-12-01T10:00').toISOString());
    expect(query.until).toBeUndefined();
    expect(query.errorCode).toBe('TIMEOUT');
    expect(runsQuery({ ...NO_FILTERS, match: ' customer.email=a@b.c ' }).match).toBe(
      'customer.email=a@b.c',
    );
    expect(query.cursor).toBe('c1');
  });
});

describe('mergeRuns', () => {
  it('shows a run on both pages once, as the newest page has it', () => {
    const merged = mergeRuns([run('b', 'running'), run('a')], [run('b', 'queued'), run('z')]);
    expect(merged.map((r) => `${r.id}:${r.status}`)).toEqual([
      'b:running',
      'a:succeeded',
      'z:succeeded',
    ]);
  });
});

describe('filtersFromSearch', () => {
  it('reads the filters a link names and leaves the others empty', () => {
    expect(filtersFromSearch('?flowId=f-1&status=failed&match=a.b%3D1&other=x')).toEqual({
      ...NO_FILTERS,
      flowId: 'f-1',
      status: 'failed',
      match: 'a.b=1',
    });
    expect(filtersFromSearch('')).toEqual(NO_FILTERS);
  });
});
