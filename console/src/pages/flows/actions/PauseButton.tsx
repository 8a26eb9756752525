import { useMutation } from '@tanstack/react-query';
import { api, type Flow } from '../../../api/client';
import { unwrap } from '../../../api/query';
import { useFlowUpdate } from './useFlowUpdate';

/**
 * Pause (requests are stored as held runs) or Activate (held requests run in arrival order):
 * operators and admins.
 */
export function PauseButton({ flow }: { flow: Flow }) {
  const update = useFlowUpdate();
  const toggle = useMutation({
    mutationFn: () => {
      const params = { params: { path: { id: flow.id } } };
      return unwrap(
        flow.status === 'active'
          ? api.POST('/api/v1/flows/{id}/pause', params)
          : api.POST('/api/v1/flows/{id}/activate', params),
      );
    },
    onSuccess: update,
  });
  return (
    <>
      <button type="button" disabled={toggle.isPending} onClick={() => toggle.mutate()}>
        {flow.status === 'active' ? 'Pause' : 'Activate'}
      </button>
      {toggle.error && (
        <p className="error" role="alert">
          {toggle.error.message}
        </p>
      )}
    </>
  );
}
