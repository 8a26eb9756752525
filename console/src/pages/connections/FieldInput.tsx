import { isSet, kindOf, labelOf, schemaOf } from './fields';
import type { Connection, ConnectionField } from './types';

interface Props {
  field: ConnectionField;
  value: string | boolean;
  error?: string;
  /** The connection being edited: its set secrets are shown as "set", never filled. */
  connection?: Connection;
  /** For an optional secret that is set: remove it on save. */
  cleared?: boolean;
  onChange(value: string | boolean): void;
  onClear?(cleared: boolean): void;
}

function hintOf(field: ConnectionField, connection?: Connection): string {
  const schema = schemaOf(field);
  const parts = [schema.description];
  if (field.secret)
    parts.push(
      isSet(connection, field.name)
        ? 'Set. Leave empty to keep it; type a new value to replace it.'
        : 'Secret: stored encrypted and never shown again.',
    );
  if (field.endpoint) parts.push('Where the credentials are sent.');
  if (field.hosts?.length) parts.push(`On ${field.hosts.slice(0, 4).join(', ')}…`);
  return parts.filter(Boolean).join(' ');
}

function Control({ field, value, error, onChange }: Props) {
  const kind = kindOf(field);
  const schema = schemaOf(field);
  const common = {
    name: field.name,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': `field-${field.name}-hint${error ? ` field-${field.name}-error` : ''}`,
  };
  if (kind === 'boolean')
    return (
      <input
        {...common}
        type="checkbox"
        checked={value === true}
        onChange={(e) => onChange(e.target.checked)}
      />
    );
  if (kind === 'select')
    return (
      <select {...common} value={String(value)} onChange={(e) => onChange(e.target.value)}>
        {!field.required && (
          <option value="">
            {schema.default !== undefined ? `(default: ${String(schema.default)})` : '(none)'}
          </option>
        )}
        {(schema.enum ?? []).map((option) => (
          <option key={String(option)} value={String(option)}>
            {String(option)}
          </option>
        ))}
      </select>
    );
  const type = { secret: 'password', url: 'url', number: 'number', integer: 'number' }[
    kind as string
  ];
  return (
    <input
      {...common}
      type={type ?? 'text'}
      value={String(value)}
      autoComplete={kind === 'secret' ? 'new-password' : 'off'}
      spellCheck={false}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/** One declared connection field: its input, required mark, hint and error. */
export function FieldInput(props: Props) {
  const { field, error, connection } = props;
  const set = field.secret && isSet(connection, field.name);
  return (
    <div className="field">
      <label>
        <span>
          {labelOf(field.name)}
          {field.required && <span className="required"> (required)</span>}
          {set && <span className="tag secret-set">set</span>}
        </span>
        <Control {...props} />
      </label>
      <span id={`field-${field.name}-hint`} className="field-hint">
        <code className="mono">{field.name}</code> {hintOf(field, connection)}
      </span>
      {set && !field.required && props.onClear && (
        <label className="inline">
          <input
            type="checkbox"
            checked={props.cleared === true}
            onChange={(e) => props.onClear!(e.target.checked)}
          />{' '}
          Remove {labelOf(field.name)} on save
        </label>
      )}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
