import { kindOf } from './fields';
import type { Connection, ConnectionField, FieldErrors, FormValues } from './types';

function typed(field: ConnectionField, value: string | boolean): unknown {
  if (typeof value === 'boolean') return value;
  const kind = kindOf(field);
  return kind === 'number' || kind === 'integer' ? Number(value) : value;
}

/** `fields` of POST /connections: every filled field (empty optional ones left out). */
export function createFields(fields: ConnectionField[], values: FormValues) {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = values[field.name];
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (value === '' || value === undefined || (value === false && !field.required)) continue;
    body[field.name] = typed(field, value);
  }
  return body;
}

/**
 * `fields` of PATCH /connections/:id: the fields that changed; a secret only when a new
 * value was typed (left empty, it keeps its value), or null when `cleared`; an emptied
 * optional field is null (removed).
 */
export function updateFields(
  fields: ConnectionField[],
  values: FormValues,
  connection: Connection,
  cleared: string[] = [],
) {
  const stored = connection.fields as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = values[field.name];
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (field.secret) {
      if (value) body[field.name] = value;
      else if (cleared.includes(field.name)) body[field.name] = null;
      continue;
    }
    const before = stored[field.name];
    if (typeof value === 'boolean') {
      if (value !== (before === true)) body[field.name] = value; // absent counts as false
      continue;
    }
    if (value === '' || value === undefined) {
      if (before !== undefined && before !== null) body[field.name] = null;
      continue;
    }
    const next = typed(field, value);
    if (next !== before) body[field.name] = next;
  }
  return body;
}

/** The server's problems by field: `details` paths `fields.<name>` (and `name`). */
export function serverFieldErrors(body: unknown): FieldErrors {
  const details = (body as { details?: { path: string; message: string }[] } | undefined)?.details;
  const errors: FieldErrors = {};
  for (const detail of details ?? []) {
    const name = detail.path.replace(/^fields\./, '');
    errors[name] = errors[name] ? `${errors[name]}; ${detail.message}` : detail.message;
  }
  return errors;
}
