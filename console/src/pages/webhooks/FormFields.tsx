import { useId, type InputHTMLAttributes } from 'react';
import type { WebhookEvent } from './types';
import { toggleEvent } from './webhookForm';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'> {
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onChange(value: string): void;
}

/** A labelled input with its hint and, when invalid, its error (both read with the field). */
export function TextField({ label, hint, error, value, onChange, ...input }: TextFieldProps) {
  const id = useId();
  const described = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        {...input}
        id={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

interface EventsFieldProps {
  available: WebhookEvent[];
  chosen: string[];
  error?: string;
  onChange(events: string[]): void;
}

/** One checkbox per event the API offers, each with its description. */
export function EventsField({ available, chosen, error, onChange }: EventsFieldProps) {
  const id = useId();
  const order = available.map((event) => event.name);
  // An event this subscription has but the catalogue no longer lists stays visible.
  const names = [...order, ...chosen.filter((name) => !order.includes(name))];
  const descriptions = new Map(available.map((event) => [event.name, event.description]));
  return (
    <fieldset
      className="events-field"
      aria-describedby={error ? `${id}-error` : undefined}
      aria-invalid={error ? true : undefined}
    >
      <legend>Events</legend>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      {available.length === 0 && <p className="muted">Loading the events…</p>}
      <ul className="event-choices">
        {names.map((name) => (
          <li key={name}>
            <label>
              <input
                type="checkbox"
                checked={chosen.includes(name)}
                aria-describedby={descriptions.has(name) ? `${id}-${name}` : undefined}
                onChange={() => onChange(toggleEvent(chosen, name, order))}
              />
              <span className="mono">{name}</span>
            </label>
            {descriptions.has(name) && (
              <span id={`${id}-${name}`} className="field-hint">
                {descriptions.get(name)}
              </span>
            )}
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
