import { linkTo } from '../../router';
import { ActionCard } from './ActionCard';
import { ConnectionFieldsTable } from './ConnectionFieldsTable';
import { usePlugin } from './usePlugins';
import './plugins.css';
import './tables.css';

/** One plugin: its connection's fields and each action with its input schema as a table. */
export function PluginPage({ name }: { name: string }) {
  const { plugin, error } = usePlugin(name);
  return (
    <section>
      <p>
        <a href="/plugins" onClick={linkTo('/plugins')}>
          ← All plugins
        </a>
      </p>
      <h1>{plugin ? plugin.displayName : `Plugin ${name}`}</h1>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!plugin && !error && <p className="muted">Loading…</p>}
      {plugin && (
        <>
          <p>
            <span className="mono">
              {plugin.name} {plugin.version}
            </span>
            {plugin.description && <> — {plugin.description}</>}
          </p>
          <ConnectionFieldsTable plugin={plugin} />
          <section aria-labelledby="actions">
            <h2 id="actions">Actions</h2>
            <ol className="action-list">
              {plugin.actions.map((action) => (
                <ActionCard key={action.action} action={action} />
              ))}
            </ol>
          </section>
        </>
      )}
    </section>
  );
}
