import { useEffect, useState } from 'react';
import { can, type Role } from '../../roles';
import { usePlugins } from '../plugins/usePlugins';
import { ConnectionForm } from './ConnectionForm';
import { ConnectionsTable } from './ConnectionsTable';
import { ConnectWith } from './ConnectWith';
import { DeleteConnection } from './DeleteConnection';
import { NewConnection } from './NewConnection';
import { OAuthReturn } from './OAuthReturn';
import { oauthReturn, providersOf } from './providers';
import type { Connection, Plugin } from './types';
import { useConnections } from './useConnections';
import '../plugins/plugins.css';
import '../plugins/tables.css';
import './connections.css';

type Panel = { kind: 'new' } | { kind: 'connect'; provider: string } | { kind: 'edit'; id: string };

/** The outcome of "Connect with" in the URL, read once; the URL is then cleaned. */
function useOAuthReturn() {
  const [outcome, setOutcome] = useState(() => oauthReturn(window.location.search));
  useEffect(() => {
    if (oauthReturn(window.location.search)) window.history.replaceState(null, '', '/connections');
  }, []);
  return { outcome, dismiss: () => setOutcome(undefined) };
}

function Toolbar({ plugins, onOpen }: { plugins: Plugin[]; onOpen(panel: Panel): void }) {
  return (
    <div className="toolbar">
      <button type="button" className="primary" onClick={() => onOpen({ kind: 'new' })}>
        New connection
      </button>
      {providersOf(plugins).map(({ provider }) => (
        <button key={provider} type="button" onClick={() => onOpen({ kind: 'connect', provider })}>
          Connect with {provider}
        </button>
      ))}
    </div>
  );
}

function PanelView(props: {
  panel?: Panel;
  plugins: Plugin[];
  connections: Connection[];
  close(): void;
}) {
  const { panel, plugins, connections, close } = props;
  if (panel?.kind === 'new')
    return <NewConnection plugins={plugins} onSaved={close} onCancel={close} />;
  if (panel?.kind === 'connect') {
    const group = providersOf(plugins).find((g) => g.provider === panel.provider);
    if (!group) return null;
    return (
      <section className="panel">
        <ConnectWith provider={group.provider} plugins={group.plugins} onCancel={close} />
      </section>
    );
  }
  const connection = panel && connections.find((c) => c.id === panel.id);
  const plugin = connection && plugins.find((p) => p.name === connection.plugin);
  if (!connection || !plugin) return null;
  return (
    <section className="panel" aria-labelledby="edit-connection">
      <h2 id="edit-connection">Edit {connection.name}</h2>
      <ConnectionForm
        key={connection.id}
        plugin={plugin}
        connection={connection}
        onSaved={close}
        onCancel={close}
      />
    </section>
  );
}

/** Connections: credentials for plugins. Everyone reads them; admins create, test, edit, delete. */
export function ConnectionsPage({ role }: { role: Role }) {
  const canWrite = can(role, 'admin');
  const { connections, error, loaded } = useConnections();
  const { plugins, error: pluginsError } = usePlugins();
  const { outcome, dismiss } = useOAuthReturn();
  const [panel, setPanel] = useState<Panel>();
  const [deleting, setDeleting] = useState<Connection>();
  return (
    <section>
      <h1>Connections</h1>
      <p className="muted">
        Credentials a flow step names with <code className="mono">"connection"</code>. Secret fields
        are write-only: Flowhub shows only that they are set.
      </p>
      {outcome && <OAuthReturn outcome={outcome} connections={connections} onDismiss={dismiss} />}
      {canWrite && <Toolbar plugins={plugins} onOpen={setPanel} />}
      {canWrite && (
        <PanelView
          panel={panel}
          plugins={plugins}
          connections={connections}
          close={() => setPanel(undefined)}
        />
      )}
      {(error ?? pluginsError) && (
        <p className="error" role="alert">
          {error ?? pluginsError}
        </p>
      )}
      {loaded && connections.length === 0 && <p className="muted">No connection yet.</p>}
      {connections.length > 0 && (
        <ConnectionsTable
          connections={connections}
          canWrite={canWrite}
          highlight={outcome?.connected}
          onEdit={(c) => setPanel({ kind: 'edit', id: c.id })}
          onDelete={setDeleting}
        />
      )}
      {canWrite && (
        <DeleteConnection connection={deleting} onClose={() => setDeleting(undefined)} />
      )}
    </section>
  );
}
