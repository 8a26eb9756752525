import { createFields, updateFields } from './body';
import { validateFields } from './fields';
import type { Connection, ConnectionField, FieldErrors, FormValues } from './types';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/** As the API checks a connection's name. */
export function connectionNameProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return 'Name the connection: flow steps refer to it by this name.';
  if (!NAME.test(trimmed))
    return 'Use 1-100 letters, digits, _, . or -, starting with a letter or digit.';
  return undefined;
}

export interface ConnectionDraft {
  name: string;
  values: FormValues;
  /** Optional secrets to remove on save (edit only). */
  cleared: string[];
}

/** Every problem of the draft, by field (`name` for the name). */
export function draftErrors(
  fields: ConnectionField[],
  draft: ConnectionDraft,
  connection?: Connection,
): FieldErrors {
  const errors = validateFields(fields, draft.values, connection);
  const name = connectionNameProblem(draft.name);
  return name ? { name, ...errors } : errors;
}

/** The request the draft makes: POST /connections, or PATCH /connections/:id with what changed. */
export function draftRequest(
  plugin: string,
  fields: ConnectionField[],
  draft: ConnectionDraft,
  connection?: Connection,
) {
  const name = draft.name.trim();
  if (!connection) return { name, plugin, fields: createFields(fields, draft.values) };
  const changed = updateFields(fields, draft.values, connection, draft.cleared);
  return {
    ...(name !== connection.name ? { name } : {}),
    ...(Object.keys(changed).length > 0 ? { fields: changed } : {}),
  };
}
