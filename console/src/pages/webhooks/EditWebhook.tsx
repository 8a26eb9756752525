import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/query';
import type { Webhook } from './types';
import { useRefreshWebhook } from './useWebhooks';
import { WebhookForm } from './WebhookForm';
import { formFromWebhook, updateBody, type WebhookFormValues } from './webhookForm';

/** The edit form (PUT): URL, description, events, active; the secret only by rotation. */
export function EditWebhook({ webhook, onDone }: { webhook: Webhook; onDone(): void }) {
  const refresh = useRefreshWebhook();
  const save = useMutation({
    mutationFn: (values: WebhookFormValues) =>
      unwrap(
        api.PUT('/api/v1/webhooks/{id}', {
          params: { path: { id: webhook.id } },
          body: updateBody(values),
        }),
      ),
    onSuccess: () => {
      refresh(webhook.id);
      onDone();
    },
  });
  return (
    <section aria-labelledby="edit-webhook" className="wh-panel">
      <h2 id="edit-webhook">Edit subscription</h2>
      <WebhookForm
        mode="edit"
        initial={formFromWebhook(webhook)}
        busy={save.isPending}
        serverError={save.error?.message}
        onSubmit={(values) => save.mutate(values)}
        onCancel={onDone}
      />
    </section>
  );
}
