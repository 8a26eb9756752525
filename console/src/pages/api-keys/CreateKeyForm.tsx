import { useState, type FormEvent } from 'react';
import { EMPTY_KEY_FORM, nameProblem, ROLE_CHOICES, type CreatedApiKey } from './keys';
import { useCreateKey } from './useApiKeys';

function RoleChoice({ value, onChange }: { value: string; onChange(role: string): void }) {
  return (
    <fieldset className="role-choice">
      <legend>Role</legend>
      {ROLE_CHOICES.map(({ role, text }) => (
        <label key={role}>
          <input
            type="radio"
            name="role"
            value={role}
            checked={value === role}
            onChange={() => onChange(role)}
          />
          <span>
            <strong>{role}</strong> <span className="field-hint">{text}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

function NameField(props: { value: string; problem?: string; onChange(name: string): void }) {
  return (
    <label>
      Name
      <input
        value={props.value}
        maxLength={100}
        aria-invalid={props.problem ? true : undefined}
        aria-describedby={props.problem ? 'key-name-error' : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <span className="field-hint">What will use the key, e.g. ci-deployer.</span>
      {props.problem && (
        <span id="key-name-error" className="field-error">
          {props.problem}
        </span>
      )}
    </label>
  );
}

/** Name and role of a new key; the created key goes to `onCreated` (shown once). */
export function CreateKeyForm({ onCreated }: { onCreated(key: CreatedApiKey): void }) {
  const [values, setValues] = useState(EMPTY_KEY_FORM);
  const [submitted, setSubmitted] = useState(false);
  const create = useCreateKey();
  const problem = submitted ? nameProblem(values.name) : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (nameProblem(values.name)) return;
    create.mutate(values, {
      onSuccess: (key) => {
        onCreated(key);
        setValues(EMPTY_KEY_FORM);
        setSubmitted(false);
      },
    });
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="new-key">
      <h2 id="new-key">New API key</h2>
      <NameField
        value={values.name}
        problem={problem}
        onChange={(name) => setValues({ ...values, name })}
      />
      <RoleChoice
        value={values.role}
        onChange={(role) => setValues({ ...values, role: role as typeof values.role })}
      />
      {create.error && (
        <p className="error" role="alert">
          {create.error.message}
        </p>
      )}
      <div>
        <button type="submit" className="primary" disabled={create.isPending}>
          Create key
        </button>
      </div>
    </form>
  );
}
