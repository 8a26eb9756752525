import { lazy, Suspense } from 'react';
import type { Route } from './routes';
import type { Role } from './roles';
import { RunDetailPage } from './pages/RunDetailPage';
import { RunsPage } from './pages/RunsPage';

// Every page but the runs load on first visit, so the first load stays small (the flow
// editor brings CodeMirror, the overview its chart); the runs pages are the live view.
const ApiKeysPage = lazy(() =>
  import('./pages/api-keys/ApiKeysPage').then((m) => ({ default: m.ApiKeysPage })),
);
const ConnectionsPage = lazy(() =>
  import('./pages/connections/ConnectionsPage').then((m) => ({ default: m.ConnectionsPage })),
);
const PluginPage = lazy(() =>
  import('./pages/plugins/PluginPage').then((m) => ({ default: m.PluginPage })),
);
const PluginsPage = lazy(() =>
  import('./pages/plugins/PluginsPage').then((m) => ({ default: m.PluginsPage })),
);
const WebhookPage = lazy(() =>
  import('./pages/webhooks/WebhookPage').then((m) => ({ default: m.WebhookPage })),
);
const WebhooksPage = lazy(() =>
  import('./pages/webhooks/WebhooksPage').then((m) => ({ default: m.WebhooksPage })),
);
const IssuesPage = lazy(() =>
  import('./pages/issues/IssuesPage').then((m) => ({ default: m.IssuesPage })),
);
const IssuePage = lazy(() =>
  import('./pages/issues/IssuePage').then((m) => ({ default: m.IssuePage })),
);
const OverviewPage = lazy(() =>
  import('./pages/overview/OverviewPage').then((m) => ({ default: m.OverviewPage })),
);
const FlowsPage = lazy(() =>
  import('./pages/flows/FlowsPage').then((m) => ({ default: m.FlowsPage })),
);
const FlowPage = lazy(() =>
  import('./pages/flows/FlowPage').then((m) => ({ default: m.FlowPage })),
);
const NewFlowPage = lazy(() =>
  import('./pages/flows/NewFlowPage').then((m) => ({ default: m.NewFlowPage })),
);

function Page({ route, role }: { route: Route; role: Role }) {
  switch (route.page) {
    case 'overview':
      return <OverviewPage />;
    case 'runs':
      return <RunsPage />;
    case 'run':
      return <RunDetailPage id={route.id} role={role} />;
    case 'issues':
      return <IssuesPage role={role} />;
    case 'issue':
      return <IssuePage id={route.id} role={role} />;
    case 'flows':
      return <FlowsPage role={role} />;
    case 'flow-new':
      return <NewFlowPage role={role} />;
    case 'flow':
      return <FlowPage id={route.id} role={role} />;
    case 'webhooks':
      return <WebhooksPage role={role} />;
    case 'webhook':
      return <WebhookPage id={route.id} role={role} />;
    case 'connections':
      return <ConnectionsPage role={role} />;
    case 'plugins':
      return <PluginsPage />;
    case 'plugin':
      return <PluginPage name={route.name} />;
    case 'api-keys':
      return <ApiKeysPage role={role} />;
    default:
      return (
        <>
          <h1>Not found</h1>
          <p>This page does not exist. Pick one from the menu above.</p>
        </>
      );
  }
}

/** The signed-in page for a route; a lazy page shows "Loading…" while its code arrives. */
export function SignedInPage({ route, role }: { route: Route; role: Role }) {
  return (
    <Suspense fallback={<p className="loading">Loading…</p>}>
      <Page route={route} role={role} />
    </Suspense>
  );
}
