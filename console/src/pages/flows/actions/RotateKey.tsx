import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api, type Flow } from '../../../api/client';
import { unwrap } from '../../../api/query';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { CopyButton } from '../../../components/CopyButton';
import { GraceSelect, stopsText } from './GraceSelect';
import { useFlowUpdate } from './useFlowUpdate';

const GRACE = [
  { seconds: 0, label: 'At once (default)' },
  { seconds: 3600, label: 'After 1 hour' },
  { seconds: 86_400, label: 'After 24 hours' },
];

function useRotateKey(flow: Flow, grace: number, onDone: () => void) {
  const update = useFlowUpdate();
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/flows/{id}/rotate-key', {
          params: { path: { id: flow.id } },
          body: { graceSeconds: grace },
        }),
      ),
    onSuccess: (rotated: Flow) => {
      update(rotated);
      onDone();
    },
  });
}

function Rotated({ flow, onDone }: { flow: Flow; onDone(): void }) {
  return (
    <div className="rotated" role="status">
      <p>
        New catch URL; the old one answers 404 {stopsText(flow.previousCatchUrlExpiresAt)}. Give
        senders this one:
      </p>
      <code className="mono secret-value">{flow.catchUrl}</code>{' '}
      <CopyButton value={flow.catchUrl} label="Copy new catch URL" />{' '}
      <button type="button" onClick={onDone}>
        Done
      </button>
    </div>
  );
}

/**
 * Rotate catch key (admin), after a confirmation: a new catch URL; the old one answers 404
 * at once (the API's default) or after the grace period chosen.
 */
export function RotateKey({ flow }: { flow: Flow }) {
  const [open, setOpen] = useState(false);
  const [grace, setGrace] = useState(0);
  const rotate = useRotateKey(flow, grace, () => setOpen(false));
  return (
    <>
      <button type="button" onClick={() => (rotate.reset(), setOpen(true))}>
        Rotate catch key
      </button>
      {open && (
        <ConfirmDialog
          open
          title="Rotate the catch key?"
          confirmLabel="Rotate key"
          danger
          busy={rotate.isPending}
          onConfirm={() => rotate.mutate()}
          onCancel={() => setOpen(false)}
        >
          <p>
            The flow gets a new catch URL. Senders still posting to the old one get 404 once it
            stops working: update them with the new URL.
          </p>
          <GraceSelect
            label="The old URL stops working"
            options={GRACE}
            value={grace}
            onChange={setGrace}
          />
          {rotate.error && (
            <p className="error" role="alert">
              {rotate.error.message}
            </p>
          )}
        </ConfirmDialog>
      )}
      {rotate.data && <Rotated flow={rotate.data} onDone={() => rotate.reset()} />}
    </>
  );
}
