import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/query';
import type { ConnectionTest } from './types';

const CONNECTIONS = ['connections'];

/** Every connection, by name (GET /api/v1/connections). */
export function useConnections() {
  const query = useQuery({
    queryKey: CONNECTIONS,
    queryFn: () => unwrap(api.GET('/api/v1/connections', { params: { query: { limit: 100 } } })),
  });
  return {
    connections: query.data?.items ?? [],
    error: query.error?.message,
    loaded: !!query.data,
  };
}

export interface CreateInput {
  name: string;
  plugin: string;
  fields: Record<string, unknown>;
}

export function useCreateConnection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateInput) => unwrap(api.POST('/api/v1/connections', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: CONNECTIONS }),
  });
}

export function useUpdateConnection(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name?: string; fields?: Record<string, unknown> }) =>
      unwrap(api.PATCH('/api/v1/connections/{id}', { params: { path: { id } }, body })),
    onSuccess: () => {
      client.removeQueries({ queryKey: ['connection-test', id] }); // new credentials, new test
      return client.invalidateQueries({ queryKey: CONNECTIONS });
    },
  });
}

export function useDeleteConnection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/connections/{id}', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: CONNECTIONS }),
  });
}

export interface TestResult extends ConnectionTest {
  at: string;
}

/** The last test of a connection in this browser tab (the API keeps no test history). */
export function useLastTest(id: string): TestResult | undefined {
  const query = useQuery<TestResult | null>({
    queryKey: ['connection-test', id],
    queryFn: () => null,
    enabled: false,
    staleTime: Infinity,
    gcTime: Infinity,
  });
  return query.data ?? undefined;
}

/** POST /connections/:id/test; its result is kept as the connection's last test. */
export function useTestConnection(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/connections/{id}/test', { params: { path: { id } } })),
    onSuccess: (result) =>
      client.setQueryData<TestResult>(['connection-test', id], {
        ...result,
        at: new Date().toISOString(),
      }),
  });
}

/** POST /connections/authorize, then the browser goes to the provider's consent page. */
export function useAuthorize() {
  return useMutation({
    mutationFn: (body: CreateInput) => unwrap(api.POST('/api/v1/connections/authorize', { body })),
    onSuccess: ({ authorizeUrl }) => window.location.assign(authorizeUrl),
  });
}
