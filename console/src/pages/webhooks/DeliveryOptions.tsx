import { useId } from 'react';
import { TextField } from './FormFields';
import type { SignatureFormat, WebhookFormErrors, WebhookFormValues } from './webhookForm';

interface Props {
  values: WebhookFormValues;
  errors: WebhookFormErrors;
  set(patch: Partial<WebhookFormValues>): void;
}

/** Retries, the signature header's format and whether run events carry the request body. */
export function DeliveryOptions({ values, errors, set }: Props) {
  const id = useId();
  return (
    <fieldset className="events-field">
      <legend>Delivery options</legend>
      <TextField
        label="Retry after (seconds)"
        inputMode="numeric"
        hint="Seconds before each retry after the first attempt, comma-separated (1-20 retries, ±20 % jitter). Flowhub's default: 60, 300, 1800, 7200."
        value={values.retrySchedule}
        error={errors.retrySchedule}
        onChange={(retrySchedule) => set({ retrySchedule })}
      />
      <div className="field">
        <label htmlFor={`${id}-format`}>X-Webhook-Signature format</label>
        <select
          id={`${id}-format`}
          aria-describedby={`${id}-format-hint`}
          value={values.signatureFormat}
          onChange={(e) => set({ signatureFormat: e.target.value as SignatureFormat })}
        >
          <option value="sha256-prefixed">sha256=&lt;hex&gt; (sha256-prefixed)</option>
          <option value="hex">&lt;hex&gt; (hex)</option>
        </select>
        <p id={`${id}-format-hint`} className="field-hint">
          What receivers of the earlier format expect; the Standard Webhooks headers are always sent
          too.
        </p>
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={values.includeRequestBody}
          aria-describedby={`${id}-body-hint`}
          onChange={(e) => set({ includeRequestBody: e.target.checked })}
        />
        Include the request body in run events
      </label>
      <p id={`${id}-body-hint`} className="field-hint">
        Adds the caught request&apos;s parsed body to run events as data.request.body; it may hold
        personal data.
      </p>
    </fieldset>
  );
}
