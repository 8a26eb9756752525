import { useState } from 'react';
import { ConnectionForm } from './ConnectionForm';
import type { Connection, Plugin } from './types';

interface Props {
  plugins: Plugin[];
  onSaved(connection: Connection): void;
  onCancel(): void;
}

/** Pick a plugin, then fill in the fields it declares. */
export function NewConnection({ plugins, onSaved, onCancel }: Props) {
  const choices = plugins.filter((plugin) => plugin.connection);
  const [name, setName] = useState('');
  const plugin = choices.find((p) => p.name === name);
  return (
    <section className="panel" aria-labelledby="new-connection">
      <h2 id="new-connection">New connection</h2>
      <div className="form">
        <label>
          Plugin
          <select value={name} onChange={(e) => setName(e.target.value)}>
            <option value="">Choose a plugin…</option>
            {choices.map((p) => (
              <option key={p.name} value={p.name}>
                {p.displayName} ({p.name})
              </option>
            ))}
          </select>
          {plugin?.description && <span className="field-hint">{plugin.description}</span>}
        </label>
      </div>
      {plugin ? (
        <ConnectionForm key={plugin.name} plugin={plugin} onSaved={onSaved} onCancel={onCancel} />
      ) : (
        <div className="toolbar">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      )}
    </section>
  );
}
