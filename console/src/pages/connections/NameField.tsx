/** The connection's name, as flow steps refer to it. */
export function NameField(props: { value: string; error?: string; onChange(value: string): void }) {
  return (
    <div className="field">
      <label>
        <span>
          Name<span className="required"> (required)</span>
        </span>
        <input
          value={props.value}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={props.error ? 'connection-name-error' : 'connection-name-hint'}
          onChange={(e) => props.onChange(e.target.value)}
        />
      </label>
      <span id="connection-name-hint" className="field-hint">
        Flow steps name it:{' '}
        <code className="mono">"connection": "{props.value || 'crm-main'}"</code>
      </span>
      {props.error && (
        <span id="connection-name-error" className="field-error">
          {props.error}
        </span>
      )}
    </div>
  );
}
