import { useState, type FormEvent } from 'react';
import { createFields } from './body';
import { connectionNameProblem } from './connectionForm';
import { FieldInput } from './FieldInput';
import { NameField } from './NameField';
import { initialValues, validateFields } from './fields';
import { callbackUrl, startFieldsOf } from './providers';
import type { ConnectionField, FormValues, Plugin } from './types';
import { useAuthorize } from './useConnections';

interface Props {
  provider: string;
  plugins: Plugin[];
  onCancel(): void;
}

function Fields(props: {
  fields: ConnectionField[];
  values: FormValues;
  errors: Record<string, string>;
  onChange(name: string, value: string | boolean): void;
}) {
  return props.fields.map((field) => (
    <FieldInput
      key={field.name}
      field={field}
      value={props.values[field.name] ?? ''}
      error={props.errors[field.name]}
      onChange={(value) => props.onChange(field.name, value)}
    />
  ));
}

function PluginChoice(props: { plugins: Plugin[]; value: string; onChange(name: string): void }) {
  if (props.plugins.length < 2) return null;
  return (
    <label>
      Product
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.plugins.map((plugin) => (
          <option key={plugin.name} value={plugin.name}>
            {plugin.displayName}
          </option>
        ))}
      </select>
    </label>
  );
}

function useConnectDraft(plugins: Plugin[]) {
  const [pluginName, setPluginName] = useState(plugins[0]?.name ?? '');
  const plugin = plugins.find((p) => p.name === pluginName) ?? plugins[0];
  const fields = startFieldsOf(plugin);
  const [name, setName] = useState('');
  const [values, setValues] = useState<FormValues>(() => initialValues(fields));
  const [checked, setChecked] = useState(false);
  const authorize = useAuthorize();
  const problems = () => {
    const nameProblem = connectionNameProblem(name);
    return { ...validateFields(fields, values), ...(nameProblem ? { name: nameProblem } : {}) };
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(problems()).length > 0) return;
    const body = { name: name.trim(), plugin: plugin.name, fields: createFields(fields, values) };
    authorize.mutate(body);
  };
  return {
    plugin,
    setPluginName,
    fields,
    name,
    setName,
    values,
    set: (field: string, value: string | boolean) => setValues({ ...values, [field]: value }),
    errors: (checked ? problems() : {}) as Record<string, string>,
    submit,
    authorize,
  };
}

/**
 * "Connect with Zoho": the start fields (client id and secret, data centre; overrides under
 * Advanced), then the browser goes to the provider's consent page and comes back to
 * /connections with the new connection, or the error.
 */
export function ConnectWith({ provider, plugins, onCancel }: Props) {
  const draft = useConnectDraft(plugins);
  const { fields, values, errors, set, authorize } = draft;
  const [basic, advanced] = [fields.filter((f) => !f.endpoint), fields.filter((f) => f.endpoint)];
  return (
    <form
      className="form connection-form"
      onSubmit={draft.submit}
      noValidate
      aria-labelledby="connect-title"
    >
      <h2 id="connect-title">Connect with {provider}</h2>
      <p className="field-hint">
        Register <code className="mono">{callbackUrl(window.location.origin)}</code> as the redirect
        URI of your {provider} client. You sign in at {provider} and come back here.
      </p>
      <PluginChoice plugins={plugins} value={draft.plugin.name} onChange={draft.setPluginName} />
      <NameField value={draft.name} error={errors.name} onChange={draft.setName} />
      <Fields fields={basic} values={values} errors={errors} onChange={set} />
      {advanced.length > 0 && (
        <details
          className="advanced"
          open={advanced.some((f) => errors[f.name] || values[f.name]) || undefined}
        >
          <summary>Advanced: other servers than the data centre’s</summary>
          <Fields fields={advanced} values={values} errors={errors} onChange={set} />
        </details>
      )}
      {authorize.error && (
        <p className="error" role="alert">
          {authorize.error.message}
        </p>
      )}
      <div className="toolbar">
        <button type="submit" className="primary" disabled={authorize.isPending}>
          Continue to {provider}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
