import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, type Run } from '../api/client';
import { unwrap } from '../api/query';

export interface RunFilters {
  flowId: string;
  status: string;
  errorCode: string;
  /** `path=value` in the caught request's body (GET /runs?match=), or ''. */
  match: string;
  /** Runs that failed as this issue (a link from the issue's page), or ''. */
  issueId: string;
  /** datetime-local values (the browser's time zone), or ''. */
  since: string;
  until: string;
}

export const NO_FILTERS: RunFilters = {
  flowId: '',
  status: '',
  errorCode: '',
  match: '',
  issueId: '',
  since: '',
  until: '',
};

type Status = Run['status'];

/**
 * The filters a link names (`/runs?flowId=…&status=failed&errorCode=…&match=…`, as the
 * overview's and the issues' links do); the others empty.
 */
export function filtersFromSearch(search: string): RunFilters {
  const params = new URLSearchParams(search);
  const read = (name: keyof RunFilters) => params.get(name) ?? '';
  return {
    ...NO_FILTERS,
    flowId: read('flowId'),
    status: read('status'),
    errorCode: read('errorCode'),
    match: read('match'),
    issueId: read('issueId'),
  };
}

export const POLL_MS = 2000;
/** Runs per page: the page shows the newest 100, then "Older" adds 100 at a time. */
export const PAGE = 100;

function isoOrUndefined(local: string): string | undefined {
  if (!local) return undefined;
  const time = new Date(local);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

/** The query string of GET /api/v1/runs for these filters (empty ones left out). */
export function runsQuery(filters: RunFilters, cursor?: string) {
  return {
    limit: PAGE,
    cursor,
    flowId: filters.flowId || undefined,
    status: (filters.status || undefined) as Status | undefined,
    errorCode: filters.errorCode.trim() || undefined,
    match: filters.match.trim() || undefined,
    issueId: filters.issueId || undefined,
    since: isoOrUndefined(filters.since),
    until: isoOrUndefined(filters.until),
  };
}

/** The newest page first, then each older page; a run on both is shown once, as the newest has it. */
export function mergeRuns(newest: Run[], older: Run[]): Run[] {
  const ids = new Set(newest.map((run) => run.id));
  return [...newest, ...older.filter((run) => !ids.has(run.id))];
}

interface Older {
  key: string;
  runs: Run[];
  cursor: string | null;
  /** The last page loaded searched only part of the runs (a body match): more may follow. */
  partial: boolean;
}

const fetchRuns = (filters: RunFilters, cursor?: string) =>
  unwrap(api.GET('/api/v1/runs', { params: { query: runsQuery(filters, cursor) } }));

/**
 * The newest page, polled every 2 s (the server answers 304 while nothing changed), and the
 * older pages loaded with "Older" (cursor paging). Older pages belong to one set of filters:
 * changing a filter drops them.
 */
export function useRuns(filters: RunFilters) {
  const key = JSON.stringify(filters);
  const newest = useQuery({
    queryKey: ['runs', filters],
    queryFn: () => fetchRuns(filters),
    refetchInterval: POLL_MS,
  });
  const [stored, setOlder] = useState<Older>({ key, runs: [], cursor: null, partial: false });
  const [olderError, setOlderError] = useState<string>();
  const older = stored.key === key ? stored : { key, runs: [], cursor: null, partial: false };
  const paged = older.runs.length > 0 || older.partial;
  const cursor = paged ? older.cursor : (newest.data?.nextCursor ?? null);
  const partial = paged ? older.partial : (newest.data?.partial ?? false);

  async function loadOlder() {
    if (!cursor) return;
    try {
      const page = await fetchRuns(filters, cursor);
      setOlderError(undefined);
      setOlder({
        key,
        runs: [...older.runs, ...page.items],
        cursor: page.nextCursor ?? null,
        partial: page.partial ?? false,
      });
    } catch (error) {
      setOlderError((error as Error).message);
    }
  }

  return {
    runs: mergeRuns(newest.data?.items ?? [], older.runs),
    error: newest.error?.message ?? olderError,
    loaded: newest.data !== undefined,
    /** When the newest page's data arrived (for the e2e's render measurement). */
    updatedAt: newest.dataUpdatedAt,
    hasOlder: cursor !== null,
    /** A body search stopped at its scan limit: "Older" searches on. */
    partial,
    loadOlder,
  };
}
