import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api, type Flow } from '../../../api/client';
import { unwrap } from '../../../api/query';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ShownOnce } from '../../../components/ShownOnce';
import { GraceSelect } from './GraceSelect';
import { useFlowUpdate } from './useFlowUpdate';

const GRACE = [
  { seconds: 86_400, label: 'For 24 hours (default)' },
  { seconds: 3600, label: 'For 1 hour' },
  { seconds: 0, label: 'Not at all: it stops at once' },
];

/** The presets whose sender issues the secret (Flowhub cannot generate it). */
export const SENDER_ISSUED = ['stripe', 'shopify', 'slack', 'twilio'];

function SecretField(props: { preset: string; value: string; onChange(value: string): void }) {
  const issued = SENDER_ISSUED.includes(props.preset);
  return (
    <label className="dialog-field">
      New secret {issued ? '(required)' : '(optional)'}
      <input
        type="password"
        autoComplete="off"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <span className="field-hint">
        {issued
          ? `${props.preset} issues the secret: roll it there and paste the new one here.`
          : 'Leave it empty to have Flowhub generate one, shown to you once.'}
      </span>
    </label>
  );
}

interface Choice {
  grace: number;
  secret: string;
}

function useRotateSecret(flow: Flow, choice: Choice, onDone: (generated?: string) => void) {
  const update = useFlowUpdate();
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/flows/{id}/rotate-secret', {
          params: { path: { id: flow.id } },
          body: { graceSeconds: choice.grace, ...(choice.secret ? { secret: choice.secret } : {}) },
        }),
      ),
    onSuccess: (rotated: Flow) => {
      update(rotated);
      onDone(rotated.verifySecret);
    },
  });
}

function SecretDialog(props: {
  preset: string;
  choice: Choice;
  onChange(choice: Choice): void;
  rotate: ReturnType<typeof useRotateSecret>;
  onCancel(): void;
}) {
  const { choice, rotate } = props;
  return (
    <ConfirmDialog
      open
      title="Rotate the signing secret?"
      confirmLabel="Rotate secret"
      danger
      busy={rotate.isPending}
      onConfirm={() => rotate.mutate()}
      onCancel={props.onCancel}
    >
      <p>
        Requests signed with the previous secret ({props.preset}) are refused once it is no longer
        accepted: give the sender the new one within the grace period.
      </p>
      <GraceSelect
        label="The previous secret is still accepted"
        options={GRACE}
        value={choice.grace}
        onChange={(grace) => props.onChange({ ...choice, grace })}
      />
      <SecretField
        preset={props.preset}
        value={choice.secret}
        onChange={(secret) => props.onChange({ ...choice, secret })}
      />
      {rotate.error && (
        <p className="error" role="alert">
          {rotate.error.message}
        </p>
      )}
    </ConfirmDialog>
  );
}

/**
 * Rotate signing secret (admin; flows with trigger.verify), after a confirmation. A generated
 * secret is shown once; the previous one stays accepted for the grace period (24 h by default).
 */
export function RotateSecret({ flow }: { flow: Flow }) {
  const preset = flow.definition.trigger.verify?.preset ?? '';
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<Choice>({ grace: 86_400, secret: '' });
  const [shown, setShown] = useState<string>();
  const rotate = useRotateSecret(flow, choice, (generated) => {
    setShown(generated);
    setChoice({ ...choice, secret: '' });
    setOpen(false);
  });
  return (
    <>
      <button type="button" onClick={() => (rotate.reset(), setOpen(true))}>
        Rotate signing secret
      </button>
      {open && (
        <SecretDialog
          preset={preset}
          choice={choice}
          onChange={setChoice}
          rotate={rotate}
          onCancel={() => setOpen(false)}
        />
      )}
      {shown && (
        <ShownOnce label="New signing secret" value={shown} onDone={() => setShown(undefined)} />
      )}
      {rotate.isSuccess && !shown && (
        <p role="status">The signing secret was replaced with the one you gave.</p>
      )}
    </>
  );
}
