import { useQuery } from '@tanstack/react-query';
import { api, type Flow } from './client';
import { unwrap } from './query';

/**
 * Every flow (the newest 100), one query shared by every page that lists or names flows:
 * the flows list, the runs and issues filters, the overview. A save invalidates ['flows'].
 */
export const allFlowsQuery = {
  queryKey: ['flows', 'all'],
  queryFn: () => unwrap(api.GET('/api/v1/flows', { params: { query: { limit: 100 } } })),
};

/** The flows of allFlowsQuery ([] until they arrive). */
export function useAllFlows(): Flow[] {
  return useQuery(allFlowsQuery).data?.items ?? [];
}
