import { linkTo } from '../../router';
import { paths } from '../../routes';
import type { Plugin } from './types';
import { usePlugins } from './usePlugins';
import './plugins.css';
import './tables.css';

function PluginCard({ plugin }: { plugin: Plugin }) {
  const to = paths.plugin(plugin.name);
  return (
    <li className="plugin-card">
      <h2>
        <a href={to} onClick={linkTo(to)}>
          {plugin.displayName}
        </a>{' '}
        <span className="muted mono">
          {plugin.name} {plugin.version}
        </span>
      </h2>
      {plugin.description && <p>{plugin.description}</p>}
      <p className="muted">
        {plugin.connection
          ? `Connection: ${plugin.connection.optional ? 'optional' : 'required'}`
          : 'No connection'}
      </p>
      <ul aria-label={`Actions of ${plugin.displayName}`}>
        {plugin.actions.map((action) => (
          <li key={action.action}>
            <span className="mono">{action.action}</span> — {action.description}
            {action.sideEffects && <span className="tag">side effects</span>}
          </li>
        ))}
      </ul>
    </li>
  );
}

/** The plugins catalogue: each installed plugin with its actions (everyone may read it). */
export function PluginsPage() {
  const { plugins, error, loaded } = usePlugins();
  return (
    <section>
      <h1>Plugins</h1>
      <p className="muted">
        What flow steps can call. Open a plugin for its actions’ input fields and its connection.
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!loaded && !error && <p className="muted">Loading…</p>}
      <ul className="plugin-list">
        {plugins.map((plugin) => (
          <PluginCard key={plugin.name} plugin={plugin} />
        ))}
      </ul>
    </section>
  );
}
