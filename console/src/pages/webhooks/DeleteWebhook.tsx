import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/query';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { navigate } from '../../router';
import type { Webhook } from './types';

/** Confirm, delete (with its delivery log), back to the list. */
export function DeleteWebhook(props: { webhook: Webhook; open: boolean; onClose(): void }) {
  const { webhook, open, onClose } = props;
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: () =>
      unwrap(api.DELETE('/api/v1/webhooks/{id}', { params: { path: { id: webhook.id } } })),
    onSuccess: () => {
      client.removeQueries({ queryKey: ['webhook', webhook.id] });
      client.removeQueries({ queryKey: ['webhook-deliveries', webhook.id] });
      void client.invalidateQueries({ queryKey: ['webhooks'] });
      onClose();
      navigate('/webhooks');
    },
  });
  // Only the open dialog is mounted: ConfirmDialog's title id is the same in every one.
  if (!open) return null;
  return (
    <ConfirmDialog
      open
      title="Delete this subscription?"
      confirmLabel="Delete subscription"
      danger
      busy={remove.isPending}
      onConfirm={() => remove.mutate()}
      onCancel={() => {
        remove.reset();
        onClose();
      }}
    >
      <p>
        Flowhub stops sending events to <span className="mono">{webhook.url}</span> and deletes its
        delivery log. This cannot be undone.
      </p>
      {remove.error && (
        <p className="error" role="alert">
          {remove.error.message}
        </p>
      )}
    </ConfirmDialog>
  );
}
