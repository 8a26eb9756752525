import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type Flow } from '../../../api/client';
import { unwrap } from '../../../api/query';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { navigate } from '../../../router';

/** Delete flow (admin), after a confirmation: its catch URL answers 404 from then on. */
export function DeleteFlow({ flow }: { flow: Flow }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const remove = useMutation({
    mutationFn: () =>
      unwrap(api.DELETE('/api/v1/flows/{id}', { params: { path: { id: flow.id } } })),
    onSuccess: () => {
      setOpen(false);
      queryClient.removeQueries({ queryKey: ['flow', flow.id] });
      void queryClient.invalidateQueries({ queryKey: ['flows'] });
      navigate('/flows');
    },
  });
  return (
    <>
      <button type="button" className="danger" onClick={() => (remove.reset(), setOpen(true))}>
        Delete flow
      </button>
      {open && (
        <ConfirmDialog
          open
          title={`Delete ${flow.name}?`}
          confirmLabel="Delete flow"
          danger
          busy={remove.isPending}
          onConfirm={() => remove.mutate()}
          onCancel={() => setOpen(false)}
        >
          <p>
            Its catch URL answers 404 from now on, so senders posting to it are refused. This cannot
            be undone.
          </p>
          {remove.error && (
            <p className="error" role="alert">
              {remove.error.message}
            </p>
          )}
        </ConfirmDialog>
      )}
    </>
  );
}
