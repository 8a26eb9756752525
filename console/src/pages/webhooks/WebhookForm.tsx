import { useRef, useState, type FormEvent } from 'react';
import { DeliveryOptions } from './DeliveryOptions';
import { EventsField, TextField } from './FormFields';
import { useAvailableEvents } from './useWebhooks';
import {
  fieldOfMessage,
  validateWebhookForm,
  type WebhookFormErrors,
  type WebhookFormValues,
} from './webhookForm';

interface Props {
  mode: 'create' | 'edit';
  initial: WebhookFormValues;
  busy?: boolean;
  /** The server's message when it refused the last submit (a 400 says what to fix). */
  serverError?: string;
  onSubmit(values: WebhookFormValues): void;
  onCancel(): void;
}

/** The errors to show: the form's own, else the server's beside the field it names. */
function shownErrors(
  values: WebhookFormValues,
  submitted: boolean,
  serverError: string | undefined,
): WebhookFormErrors {
  const own = submitted ? validateWebhookForm(values) : {};
  const field = serverError ? fieldOfMessage(serverError) : undefined;
  return field && !own[field] ? { ...own, [field]: serverError } : own;
}

/** The form's values, the errors to show, and a submit that sends only a valid form. */
function useWebhookForm(
  initial: WebhookFormValues,
  serverError: string | undefined,
  onSubmit: (values: WebhookFormValues) => void,
) {
  const [values, setValues] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const errors = shownErrors(values, submitted, serverError);
  const set = (patch: Partial<WebhookFormValues>) => setValues({ ...values, ...patch });

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(validateWebhookForm(values)).length > 0) {
      // The first invalid field gets the focus, so its error is read out.
      requestAnimationFrame(() =>
        form.current
          ?.querySelector<HTMLElement>('input[aria-invalid="true"], [aria-invalid="true"] input')
          ?.focus(),
      );
      return;
    }
    onSubmit(values);
  }
  return { form, values, errors, set, submit };
}

/** Create or edit a subscription; nothing is sent until the form is valid. */
export function WebhookForm({ mode, initial, busy, serverError, onSubmit, onCancel }: Props) {
  const { form, values, errors, set, submit } = useWebhookForm(initial, serverError, onSubmit);
  const { events, error: eventsError } = useAvailableEvents();
  return (
    <form ref={form} className="form webhook-form" noValidate onSubmit={submit}>
      <TextField
        label="URL"
        type="url"
        inputMode="url"
        placeholder="https://ops.example.com/flowhub"
        hint="Flowhub POSTs each event here as signed JSON (http or https; private addresses are refused)."
        value={values.url}
        error={errors.url}
        onChange={(url) => set({ url })}
      />
      <TextField
        label="Description"
        hint="Optional: what this subscription is for."
        value={values.description}
        error={errors.description}
        onChange={(description) => set({ description })}
      />
      <EventsField
        available={events}
        chosen={values.events}
        error={errors.events}
        onChange={(chosen) => set({ events: chosen })}
      />
      {eventsError && (
        <p className="error" role="alert">
          {eventsError}
        </p>
      )}
      <FormTail
        mode={mode}
        values={values}
        errors={errors}
        set={set}
        busy={busy}
        serverError={serverError}
        onCancel={onCancel}
      />
    </form>
  );
}

interface TailProps {
  mode: Props['mode'];
  values: WebhookFormValues;
  errors: WebhookFormErrors;
  set(patch: Partial<WebhookFormValues>): void;
  busy?: boolean;
  serverError?: string;
  onCancel(): void;
}

function FormTail({ mode, values, errors, set, busy, serverError, onCancel }: TailProps) {
  return (
    <>
      {mode === 'create' && (
        <TextField
          label="Signing secret (optional)"
          type="password"
          autoComplete="off"
          spellCheck={false}
          hint="Leave empty and Flowhub generates one, shown once after saving. Yours (whsec_ + base64 of 24-64 bytes) is never shown back."
          value={values.secret}
          error={errors.secret}
          onChange={(secret) => set({ secret })}
        />
      )}
      <DeliveryOptions values={values} errors={errors} set={set} />
      <label className="check">
        <input
          type="checkbox"
          checked={values.isActive}
          onChange={(event) => set({ isActive: event.target.checked })}
        />
        Active (unticked: deliveries are paused)
      </label>
      {serverError && (
        <p className="error" role="alert">
          {serverError}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {mode === 'create' ? 'Create subscription' : 'Save changes'}
        </button>
      </div>
    </>
  );
}
