import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/query';
import { ShownOnce } from '../../components/ShownOnce';
import { paths } from '../../routes';
import { linkTo } from '../../router';
import type { Webhook } from './types';
import { useRefreshWebhook } from './useWebhooks';
import { WebhookForm } from './WebhookForm';
import { createBody, EMPTY_FORM, type WebhookFormValues } from './webhookForm';

interface CreatedState {
  webhook: Webhook;
  /** Only a secret Flowhub generated: one the user typed is never shown back. */
  generated?: string;
}

function Created({ created, onDone }: { created: CreatedState; onDone(): void }) {
  const { webhook, generated } = created;
  const path = paths.webhook(webhook.id);
  return (
    <div role="status" className="wh-created">
      <p>
        Subscribed{' '}
        <a href={path} onClick={linkTo(path)}>
          {webhook.url}
        </a>{' '}
        to {webhook.events.join(', ')}.
        {!generated && ' Deliveries are signed with the secret you gave.'}
      </p>
      {generated && <ShownOnce label="Signing secret" value={generated} onDone={onDone} />}
    </div>
  );
}

/** "New subscription": the form, then the new secret shown once and a link to the subscription. */
export function CreateWebhook() {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<CreatedState>();
  const refresh = useRefreshWebhook();
  const create = useMutation({
    mutationFn: (values: WebhookFormValues) =>
      unwrap(api.POST('/api/v1/webhooks', { body: createBody(values) })),
    onSuccess: ({ secret, ...webhook }, values) => {
      setCreated({ webhook, generated: values.secret.trim() ? undefined : secret });
      setOpen(false);
      refresh();
    },
  });
  return (
    <section aria-labelledby={open ? 'new-webhook' : undefined}>
      {!open && (
        <div className="toolbar">
          <button
            type="button"
            className="primary"
            onClick={() => {
              setCreated(undefined);
              setOpen(true);
            }}
          >
            New subscription
          </button>
        </div>
      )}
      {created && <Created created={created} onDone={() => setCreated(undefined)} />}
      {open && <h2 id="new-webhook">New subscription</h2>}
      {open && (
        <WebhookForm
          mode="create"
          initial={EMPTY_FORM}
          busy={create.isPending}
          serverError={create.error?.message}
          onSubmit={(values) => create.mutate(values)}
          onCancel={() => {
            setOpen(false);
            create.reset();
          }}
        />
      )}
    </section>
  );
}
