import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/query';
import { createBody, type KeyFormValues } from './keys';

const KEYS = ['api-keys'];

/** The keys that still work, newest first (GET /api/v1/api-keys, admins only). */
export function useApiKeys() {
  const query = useQuery({
    queryKey: KEYS,
    queryFn: () => unwrap(api.GET('/api/v1/api-keys', { params: { query: { limit: 100 } } })),
  });
  return { keys: query.data?.items ?? [], error: query.error?.message, loaded: !!query.data };
}

/** The id of the key this session signed in with. */
export function useOwnKeyId(): string | undefined {
  const query = useQuery({
    queryKey: ['session'],
    queryFn: () => unwrap(api.GET('/api/v1/session')),
  });
  return query.data?.apiKey.id;
}

export function useCreateKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (values: KeyFormValues) =>
      unwrap(api.POST('/api/v1/api-keys', { body: createBody(values) })),
    onSuccess: () => client.invalidateQueries({ queryKey: KEYS }),
  });
}

export function useRevokeKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: KEYS }),
  });
}
