import type { Flow } from '../../api/client';
import type { Role } from '../../roles';
import { linkTo } from '../../router';
import { FlowActions } from './actions/FlowActions';
import { DefinitionTab } from './DefinitionTab';
import { FlowFacts } from './FlowFacts';
import { FlowTabs, panelId, tabId, useTab } from './FlowTabs';
import type { TabId } from './tabs';
import { FlowTestPanel } from './test/FlowTestPanel';
import { MappingPlayground } from './test/MappingPlayground';
import { useFlow } from './useFlows';
import { VersionsTab } from './versions/VersionsTab';
import { StoragePanel } from './StoragePanel';
import './flows.css';

function Panel({ id, tab, children }: { id: TabId; tab: TabId; children: React.ReactNode }) {
  return (
    <div role="tabpanel" id={panelId(id)} aria-labelledby={tabId(id)} hidden={tab !== id}>
      {children}
    </div>
  );
}

/** The flow's tabs; the definition stays mounted (hidden) so unsaved edits survive a tab switch. */
function FlowView({ flow, role }: { flow: Flow; role: Role }) {
  const [tab, select] = useTab();
  return (
    <>
      <FlowFacts flow={flow} />
      <FlowActions flow={flow} role={role} />
      <FlowTabs tab={tab} onSelect={select} />
      <Panel id="definition" tab={tab}>
        <DefinitionTab flow={flow} role={role} />
      </Panel>
      <Panel id="versions" tab={tab}>
        {tab === 'versions' && <VersionsTab flow={flow} />}
      </Panel>
      <Panel id="test" tab={tab}>
        {tab === 'test' && <FlowTestPanel flow={flow} role={role} />}
      </Panel>
      <Panel id="playground" tab={tab}>
        {tab === 'playground' && <MappingPlayground flow={flow} role={role} />}
      </Panel>
      <StoragePanel flow={flow} role={role} />
    </>
  );
}

/** /flows/:id: a flow's facts and actions, and its Definition, Versions, Test and Mapping playground tabs. */
export function FlowPage({ id, role }: { id: string; role: Role }) {
  const { flow, error } = useFlow(id);
  return (
    <section>
      <p>
        <a href="/flows" onClick={linkTo('/flows')}>
          ← All flows
        </a>
      </p>
      <h1>{flow ? flow.name : <span className="mono">Flow {id}</span>}</h1>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!flow && !error && <p className="muted">Loading…</p>}
      {flow && <FlowView key={flow.id} flow={flow} role={role} />}
    </section>
  );
}
