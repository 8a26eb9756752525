import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/query';
import { serverFieldErrors } from './body';
import { draftErrors, draftRequest, type ConnectionDraft } from './connectionForm';
import { FieldInput } from './FieldInput';
import { NameField } from './NameField';
import { initialValues } from './fields';
import type { Connection, ConnectionField, FieldErrors, Plugin } from './types';
import { useCreateConnection, useUpdateConnection, type CreateInput } from './useConnections';

interface Props {
  plugin: Plugin;
  /** Editing this connection; creating one without it. */
  connection?: Connection;
  onSaved(connection: Connection): void;
  onCancel(): void;
}

function useSave(props: Props) {
  const create = useCreateConnection();
  const update = useUpdateConnection(props.connection?.id ?? '');
  const mutation = props.connection ? update : create;
  const save = (body: ReturnType<typeof draftRequest>) =>
    props.connection
      ? update.mutate(body, { onSuccess: props.onSaved })
      : create.mutate(body as CreateInput, { onSuccess: props.onSaved });
  const error = mutation.error;
  const serverErrors = error instanceof ApiError ? serverFieldErrors(error.body) : {};
  return { save, busy: mutation.isPending, message: error?.message, serverErrors };
}

function useDraft(fields: ConnectionField[], connection?: Connection) {
  const [draft, setDraft] = useState<ConnectionDraft>(() => ({
    name: connection?.name ?? '',
    values: initialValues(fields, connection),
    cleared: [],
  }));
  return {
    draft,
    setName: (name: string) => setDraft({ ...draft, name }),
    set: (name: string, value: string | boolean) =>
      setDraft({ ...draft, values: { ...draft.values, [name]: value } }),
    clear: (name: string, on: boolean) =>
      setDraft({
        ...draft,
        cleared: on ? [...draft.cleared, name] : draft.cleared.filter((n) => n !== name),
      }),
  };
}

/** Create or edit a connection from its plugin's declared fields; secrets are write-only. */
export function ConnectionForm(props: Props) {
  const { plugin, connection } = props;
  const fields = plugin.connection?.fields ?? [];
  const { draft, setName, set, clear } = useDraft(fields, connection);
  const [checked, setChecked] = useState(false);
  const { save, busy, message, serverErrors } = useSave(props);
  const local: FieldErrors = checked ? draftErrors(fields, draft, connection) : {};
  const errors = { ...serverErrors, ...local };

  function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(draftErrors(fields, draft, connection)).length > 0) return;
    save(draftRequest(plugin.name, fields, draft, connection));
  }

  return (
    <form className="form connection-form" onSubmit={submit} noValidate>
      <NameField value={draft.name} error={errors.name} onChange={setName} />
      {fields.map((field) => (
        <FieldInput
          key={field.name}
          field={field}
          value={draft.values[field.name] ?? ''}
          error={errors[field.name]}
          connection={connection}
          cleared={draft.cleared.includes(field.name)}
          onChange={(value) => set(field.name, value)}
          onClear={(on) => clear(field.name, on)}
        />
      ))}
      {message && (
        <p className="error" role="alert">
          {message}
        </p>
      )}
      <div className="toolbar">
        <button type="submit" className="primary" disabled={busy}>
          {connection ? 'Save changes' : 'Create connection'}
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
