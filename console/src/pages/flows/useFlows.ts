import { useQuery } from '@tanstack/react-query';
import { api, type Flow } from '../../api/client';
import type { components } from '../../api/schema';
import { allFlowsQuery } from '../../api/flows';
import { unwrap } from '../../api/query';

export type FlowActivity = components['schemas']['FlowActivityDto'];
export type FlowVersion = components['schemas']['FlowVersionDto'];

/** The flows list and the activity refresh this often, so a new run shows without reloading. */
export const LIST_POLL_MS = 3000;

/** Every flow (the newest 100, as the runs page's filter asks for them). */
export function useFlowList() {
  const query = useQuery({ ...allFlowsQuery, refetchInterval: LIST_POLL_MS });
  return {
    flows: query.data?.items ?? [],
    more: Boolean(query.data?.nextCursor),
    loaded: query.data !== undefined,
    error: query.error?.message,
  };
}

/** Each flow's last run and failure rate over the last 24 hours, by flow id. */
export function useActivity(): { byFlow: Map<string, FlowActivity>; error?: string } {
  const query = useQuery({
    queryKey: ['activity'],
    queryFn: () => unwrap(api.GET('/api/v1/runs/activity')),
    refetchInterval: LIST_POLL_MS,
  });
  const items = query.data?.items ?? [];
  return { byFlow: new Map(items.map((item) => [item.flowId, item])), error: query.error?.message };
}

/** One flow (the same key the run page uses for its flow's name). */
export function useFlow(id: string) {
  const query = useQuery({
    queryKey: ['flow', id],
    queryFn: () => unwrap(api.GET('/api/v1/flows/{id}', { params: { path: { id } } })),
  });
  return { flow: query.data as Flow | undefined, error: query.error?.message };
}

const MAX_VERSION_PAGES = 20;

/** Every version of a flow, version 1 first (all pages of GET /flows/:id/versions). */
async function fetchVersions(id: string): Promise<FlowVersion[]> {
  const versions: FlowVersion[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_VERSION_PAGES; page++) {
    const query = { limit: 100, cursor };
    const result = await unwrap(
      api.GET('/api/v1/flows/{id}/versions', { params: { path: { id }, query } }),
    );
    versions.push(...result.items);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return versions;
}

export function useVersions(id: string, current: number) {
  const query = useQuery({
    // the flow's current version in the key: a save asks again
    queryKey: ['flow-versions', id, current],
    queryFn: () => fetchVersions(id),
  });
  return { versions: query.data, error: query.error?.message };
}
