import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/query';
import type { DeliveryStatus, EventName } from './types';

/** Lists and deliveries are refreshed this often while the page is open. */
export const POLL_MS = 2000;
export const PAGE = 50;

type Cursor = string | undefined;
const nextCursor = (page: { nextCursor: string | null }): Cursor => page.nextCursor ?? undefined;

/** Every subscription, newest first, 50 a page ("More" loads the next). */
export function useWebhookList() {
  const query = useInfiniteQuery({
    queryKey: ['webhooks'],
    initialPageParam: undefined as Cursor,
    getNextPageParam: nextCursor,
    refetchInterval: POLL_MS * 2,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/webhooks', { params: { query: { limit: PAGE, cursor: pageParam } } }),
      ),
  });
  return {
    webhooks: query.data?.pages.flatMap((page) => page.items) ?? [],
    loaded: query.data !== undefined,
    error: query.error?.message,
    hasMore: query.hasNextPage,
    loadMore: () => void query.fetchNextPage(),
  };
}

export function useWebhook(id: string) {
  const query = useQuery({
    queryKey: ['webhook', id],
    refetchInterval: POLL_MS * 2,
    queryFn: () => unwrap(api.GET('/api/v1/webhooks/{id}', { params: { path: { id } } })),
  });
  return { webhook: query.data, error: query.error?.message };
}

/** The events a subscription may pick, A-Z, with what each means. */
export function useAvailableEvents() {
  const query = useQuery({
    queryKey: ['webhook-events'],
    staleTime: Infinity,
    queryFn: () =>
      unwrap(api.GET('/api/v1/webhooks/events/available', { params: { query: { limit: 100 } } })),
  });
  return { events: query.data?.items ?? [], error: query.error?.message };
}

/** A subscription's delivery log, newest first, polled; "Older" loads the next page. */
export interface DeliveryFilters {
  status: DeliveryStatus | '';
  event: string;
}

export function useDeliveries(id: string, { status, event }: DeliveryFilters) {
  const query = useInfiniteQuery({
    queryKey: ['webhook-deliveries', id, status, event],
    initialPageParam: undefined as Cursor,
    getNextPageParam: nextCursor,
    refetchInterval: POLL_MS,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/webhooks/{id}/deliveries', {
          params: {
            path: { id },
            query: {
              limit: 20,
              cursor: pageParam,
              status: status || undefined,
              event: (event || undefined) as EventName | undefined,
            },
          },
        }),
      ),
  });
  return {
    deliveries: query.data?.pages.flatMap((page) => page.items) ?? [],
    loaded: query.data !== undefined,
    error: query.error?.message,
    hasOlder: query.hasNextPage,
    loadOlder: () => void query.fetchNextPage(),
  };
}

/** The newest delivery of a subscription (for the list's "last delivery" column). */
export function useLastDelivery(id: string) {
  const query = useQuery({
    queryKey: ['webhook-deliveries', id, 'last'],
    refetchInterval: POLL_MS * 2,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/webhooks/{id}/deliveries', {
          params: { path: { id }, query: { limit: 1 } },
        }),
      ),
  });
  return query.data?.items[0];
}

/** After a write: the list, the subscription and its deliveries are read again. */
export function useRefreshWebhook() {
  const client = useQueryClient();
  return (id?: string) => {
    void client.invalidateQueries({ queryKey: ['webhooks'] });
    if (id) {
      void client.invalidateQueries({ queryKey: ['webhook', id] });
      void client.invalidateQueries({ queryKey: ['webhook-deliveries', id] });
    }
  };
}
