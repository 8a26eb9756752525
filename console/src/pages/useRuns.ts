import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorText, type Run } from '../api/client';

export interface RunFilters {
  flowId: string;
  status: string;
}

type Status = Run['status'];

export const POLL_MS = 2000;
const PAGE = 25;

function query(filters: RunFilters, cursor?: string) {
  return {
    limit: PAGE,
    cursor,
    flowId: filters.flowId || undefined,
    status: (filters.status || undefined) as Status,
  };
}

/**
 * The newest page, polled every 2 s, and the older pages loaded with "Older" (cursor paging).
 * A run on both is shown once, as the newest page has it.
 */
export function useRuns(filters: RunFilters) {
  const [newest, setNewest] = useState<Run[]>([]);
  const [older, setOlder] = useState<Run[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [loaded, setLoaded] = useState(false);
  /** Once older pages are shown, the poll no longer moves the cursor. */
  const paged = useRef(false);

  useEffect(() => {
    let stopped = false;
    paged.current = false;
    setOlder([]);
    setLoaded(false);
    const poll = async () => {
      const { data, error, response } = await api.GET('/api/v1/runs', {
        params: { query: query(filters) },
      });
      if (stopped) return;
      setError(data ? undefined : errorText(error, response));
      if (data) {
        setNewest(data.items);
        if (!paged.current) setCursor(data.nextCursor ?? null);
        setLoaded(true);
      }
    };
    void poll();
    const timer = setInterval(poll, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [filters]);

  const loadOlder = useCallback(async () => {
    if (!cursor) return;
    const { data, error, response } = await api.GET('/api/v1/runs', {
      params: { query: query(filters, cursor) },
    });
    if (!data) return setError(errorText(error, response));
    paged.current = true;
    setOlder((runs) => [...runs, ...data.items]);
    setCursor(data.nextCursor ?? null);
  }, [cursor, filters]);

  const ids = new Set(newest.map((run) => run.id));
  const runs = [...newest, ...older.filter((run) => !ids.has(run.id))];
  return { runs, error, loaded, hasOlder: cursor !== null, loadOlder };
}
