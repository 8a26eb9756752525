import { useCallback, useEffect, useState } from 'react';
import { api, errorText, type Run } from '../api/client';
import { FINISHED } from '../format';
import { POLL_MS } from './useRuns';

/** One run with its request and steps, polled every 2 s until it has finished. */
export function useRun(id: string) {
  const [run, setRun] = useState<Run>();
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    const { data, error, response } = await api.GET('/api/v1/runs/{id}', {
      params: { path: { id } },
    });
    setError(data ? undefined : errorText(error, response));
    if (data) setRun(data);
    return data;
  }, [id]);

  useEffect(() => {
    setRun(undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const tick = async () => {
      const data = await load();
      if (!stopped && !(data && FINISHED.includes(data.status))) timer = setTimeout(tick, POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [load]);

  return { run, error, reload: load };
}

/** The flow's name, once the run says which flow (undefined until then, or when unreadable). */
export function useFlowName(flowId: string | undefined): string | undefined {
  const [name, setName] = useState<string>();
  useEffect(() => {
    if (!flowId) return;
    void api
      .GET('/api/v1/flows/{id}', { params: { path: { id: flowId } } })
      .then(({ data }) => setName(data?.name));
  }, [flowId]);
  return name;
}
