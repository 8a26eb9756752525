import { useId, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/query';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ShownOnce } from '../../components/ShownOnce';
import { formatTime } from '../../format';
import { DEFAULT_GRACE, GRACE_OPTIONS } from './state';
import type { Webhook, WebhookWithSecret } from './types';
import { useRefreshWebhook } from './useWebhooks';

interface Props {
  webhook: Webhook;
  open: boolean;
  onClose(): void;
}

function GraceChoice({ grace, onChange }: { grace: number; onChange(seconds: number): void }) {
  const graceId = useId();
  return (
    <>
      <p>
        Flowhub generates a new secret and shows it once. During the grace period deliveries carry
        signatures made with both secrets, so your receiver can switch without failing.
      </p>
      <label className="field" htmlFor={graceId}>
        Previous secret keeps signing for
      </label>
      <select id={graceId} value={grace} onChange={(e) => onChange(Number(e.target.value))}>
        {GRACE_OPTIONS.map((option) => (
          <option key={option.seconds} value={option.seconds}>
            {option.label}
          </option>
        ))}
      </select>
    </>
  );
}

function Rotated({ rotated, onDone }: { rotated: WebhookWithSecret; onDone(): void }) {
  const until = rotated.previousSecretExpiresAt;
  return (
    <div className="wh-panel">
      <ShownOnce label="New signing secret" value={rotated.secret} onDone={onDone} />
      <p className="muted">
        {until
          ? `The previous secret keeps signing too until ${formatTime(until)}.`
          : 'The previous secret no longer signs.'}
      </p>
    </div>
  );
}

/** Confirm, rotate (the server generates the secret), then show the new one once. */
export function RotateSecret({ webhook, open, onClose }: Props) {
  const [grace, setGrace] = useState<number>(DEFAULT_GRACE);
  const [rotated, setRotated] = useState<WebhookWithSecret>();
  const refresh = useRefreshWebhook();
  const rotate = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/webhooks/{id}/rotate-secret', {
          params: { path: { id: webhook.id } },
          body: { graceSeconds: grace },
        }),
      ),
    onSuccess: (result) => {
      setRotated(result);
      onClose();
      refresh(webhook.id);
    },
  });
  return (
    <>
      {/* Only the open dialog is mounted: ConfirmDialog's title id is the same in every one. */}
      {open && (
        <ConfirmDialog
          open
          title="Rotate the signing secret?"
          confirmLabel="Rotate secret"
          busy={rotate.isPending}
          onConfirm={() => rotate.mutate()}
          onCancel={() => {
            rotate.reset();
            onClose();
          }}
        >
          <GraceChoice grace={grace} onChange={setGrace} />
          {rotate.error && (
            <p className="error" role="alert">
              {rotate.error.message}
            </p>
          )}
        </ConfirmDialog>
      )}
      {rotated && <Rotated rotated={rotated} onDone={() => setRotated(undefined)} />}
    </>
  );
}
