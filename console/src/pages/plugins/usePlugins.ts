import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/query';
import type { Plugin } from './types';

/** Plugins do not change while Flowhub runs: the catalogue is read once per visit. */
const FOREVER = Infinity;

/** Every installed plugin (GET /api/v1/plugins): built-in first, then external ones. */
export function usePlugins() {
  const query = useQuery({
    queryKey: ['plugins'],
    queryFn: () => unwrap(api.GET('/api/v1/plugins', { params: { query: { limit: 100 } } })),
    staleTime: FOREVER,
  });
  return { plugins: query.data?.items ?? [], error: query.error?.message, loaded: !!query.data };
}

/** One plugin (GET /api/v1/plugins/:name). */
export function usePlugin(name: string): { plugin?: Plugin; error?: string } {
  const query = useQuery({
    queryKey: ['plugin', name],
    queryFn: () => unwrap(api.GET('/api/v1/plugins/{name}', { params: { path: { name } } })),
    staleTime: FOREVER,
  });
  return { plugin: query.data, error: query.error?.message };
}
