import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/query';
import { DeleteWebhook } from './DeleteWebhook';
import { EditWebhook } from './EditWebhook';
import { RotateSecret } from './RotateSecret';
import { TestPingResult } from './TestPing';
import type { Webhook } from './types';
import { useRefreshWebhook } from './useWebhooks';

/** An admin's controls on one subscription: edit, send a test event, rotate, delete. */
export function WebhookActions({ webhook }: { webhook: Webhook }) {
  const [editing, setEditing] = useState(false);
  const [dialog, setDialog] = useState<'rotate' | 'delete'>();
  const refresh = useRefreshWebhook();
  const test = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/webhooks/{id}/test', { params: { path: { id: webhook.id } } })),
    onSettled: () => refresh(webhook.id),
  });
  return (
    <>
      <div className="toolbar" role="group" aria-label="Subscription actions">
        <button type="button" disabled={editing} onClick={() => setEditing(true)}>
          Edit
        </button>
        <button type="button" disabled={test.isPending} onClick={() => test.mutate()}>
          {test.isPending ? 'Sending test event…' : 'Send test event'}
        </button>
        <button type="button" onClick={() => setDialog('rotate')}>
          Rotate secret
        </button>
        <button type="button" className="danger" onClick={() => setDialog('delete')}>
          Delete
        </button>
      </div>
      {test.data && <TestPingResult result={test.data} />}
      {test.error && (
        <p className="error" role="alert">
          {test.error.message}
        </p>
      )}
      {editing && <EditWebhook webhook={webhook} onDone={() => setEditing(false)} />}
      <RotateSecret
        webhook={webhook}
        open={dialog === 'rotate'}
        onClose={() => setDialog(undefined)}
      />
      <DeleteWebhook
        webhook={webhook}
        open={dialog === 'delete'}
        onClose={() => setDialog(undefined)}
      />
    </>
  );
}
