import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/query';
import { issuesQuery, type IssueFilters } from './issues';
import type { Issue, IssueStatus } from './types';

/** Lists are refreshed this often while the page is open. */
export const POLL_MS = 5000;
export const PAGE = 50;

type Cursor = string | undefined;

/** Issues matching the filters, latest failure first, 50 a page ("More" loads the next). */
export function useIssueList(filters: IssueFilters) {
  const query = useInfiniteQuery({
    queryKey: ['issues', filters],
    initialPageParam: undefined as Cursor,
    getNextPageParam: (page: { nextCursor: string | null }): Cursor => page.nextCursor ?? undefined,
    refetchInterval: POLL_MS,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/issues', { params: { query: issuesQuery(filters, PAGE, pageParam) } }),
      ),
  });
  return {
    issues: query.data?.pages.flatMap((page) => page.items) ?? [],
    loaded: query.data !== undefined,
    error: query.error?.message,
    hasMore: query.hasNextPage,
    loadMore: () => void query.fetchNextPage(),
  };
}

export function useIssue(id: string) {
  const query = useQuery({
    queryKey: ['issue', id],
    refetchInterval: POLL_MS,
    queryFn: () => unwrap(api.GET('/api/v1/issues/{id}', { params: { path: { id } } })),
  });
  return { issue: query.data, error: query.error?.message };
}

/** PATCH /issues/:id {status}; the lists and the issue are read again after it. */
export function useSetIssueStatus(onDone: (issue: Issue) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: IssueStatus }) =>
      unwrap(api.PATCH('/api/v1/issues/{id}', { params: { path: { id } }, body: { status } })),
    onSuccess: (issue) => {
      void client.invalidateQueries({ queryKey: ['issues'] });
      client.setQueryData(['issue', issue.id], issue);
      onDone(issue);
    },
  });
}
