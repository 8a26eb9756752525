import type { Connection, ConnectionField, FieldErrors, FormValues } from './types';

export type FieldKind = 'text' | 'number' | 'integer' | 'select' | 'boolean' | 'url' | 'secret';

interface FieldSchema {
  type?: string;
  format?: string;
  enum?: unknown[];
  default?: unknown;
  description?: string;
  minLength?: number;
  minimum?: number;
  maximum?: number;
}

export const schemaOf = (field: ConnectionField) => field.schema as FieldSchema;

/** The input a declared connection field gets. */
export function kindOf(field: ConnectionField): FieldKind {
  const schema = schemaOf(field);
  if (field.secret) return 'secret';
  if (Array.isArray(schema.enum)) return 'select';
  if (schema.type === 'boolean') return 'boolean';
  if (schema.type === 'integer') return 'integer';
  if (schema.type === 'number') return 'number';
  if (schema.format === 'url' || schema.format === 'uri' || field.endpoint) return 'url';
  return 'text';
}

const WORDS: Record<string, string> = { url: 'URL', api: 'API', id: 'ID', hmac: 'HMAC' };

/** `clientSecret` -> "Client secret", `baseUrl` -> "Base URL". */
export function labelOf(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .map((word) => WORDS[word.toLowerCase()] ?? word.toLowerCase());
  const [first = '', ...rest] = words;
  return [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join(' ');
}

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/**
 * The form's first values: a connection's stored fields (never its secrets: they are
 * write-only and always start empty), or each field's default for a new one.
 */
export function initialValues(fields: ConnectionField[], connection?: Connection): FormValues {
  const stored = (connection?.fields ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    fields.map((field) => {
      const value = connection ? stored[field.name] : schemaOf(field).default;
      if (field.secret) return [field.name, ''];
      if (kindOf(field) === 'boolean') return [field.name, value === true];
      return [field.name, text(value)];
    }),
  );
}

/** Secret fields the connection already has (shown as "set"). */
export const isSet = (connection: Connection | undefined, name: string) =>
  connection?.secretsSet.includes(name) ?? false;

const URL_LIKE = /^https?:\/\/[^\s/]+/i;

function problemOf(field: ConnectionField, value: string, connection?: Connection) {
  const kind = kindOf(field);
  const schema = schemaOf(field);
  const label = labelOf(field.name);
  if (value === '') {
    const needed = field.required && !(field.secret && isSet(connection, field.name));
    return needed ? `${label} is required.` : undefined;
  }
  if ((kind === 'number' || kind === 'integer') && !Number.isFinite(Number(value)))
    return `${label} must be a number.`;
  if (kind === 'integer' && !Number.isInteger(Number(value)))
    return `${label} must be a whole number.`;
  if (kind === 'url' && !URL_LIKE.test(value))
    return `${label} must be a full URL starting with https://.`;
  if (schema.minLength !== undefined && value.length < schema.minLength)
    return `${label} needs at least ${schema.minLength} characters.`;
  return undefined;
}

/** What the user must fix before the form is sent (the server checks everything again). */
export function validateFields(
  fields: ConnectionField[],
  values: FormValues,
  connection?: Connection,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of fields) {
    const value = values[field.name];
    if (typeof value === 'boolean') continue;
    const problem = problemOf(field, (value ?? '').trim(), connection);
    if (problem) errors[field.name] = problem;
  }
  for (const name of secretsToRetype(fields, values, connection))
    errors[name] ??=
      `Type ${labelOf(name)} again: changing where the credentials are sent needs every secret again.`;
  return errors;
}

/**
 * The stored secrets to give again: changing an endpoint field (where the credentials are
 * sent) needs every secret in the same request, as the API requires.
 */
export function secretsToRetype(
  fields: ConnectionField[],
  values: FormValues,
  connection?: Connection,
): string[] {
  if (!connection) return [];
  const stored = connection.fields as Record<string, unknown>;
  const moved = fields.some(
    (field) =>
      field.endpoint && text(values[field.name]).trim() !== text(stored[field.name]).trim(),
  );
  if (!moved) return [];
  return connection.secretsSet.filter((name) => !text(values[name]).trim());
}
