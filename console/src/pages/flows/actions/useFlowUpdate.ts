import { useQueryClient } from '@tanstack/react-query';
import type { Flow } from '../../../api/client';

/**
 * Puts a flow the API answered with into the cache (the page shows it at once) and has the
 * list ask again. A generated signing secret is never cached: only the one who rotated sees it.
 */
export function useFlowUpdate() {
  const queryClient = useQueryClient();
  return (flow: Flow) => {
    const { verifySecret: _shownOnce, ...rest } = flow;
    queryClient.setQueryData(['flow', flow.id], rest);
    void queryClient.invalidateQueries({ queryKey: ['flows'] });
  };
}
