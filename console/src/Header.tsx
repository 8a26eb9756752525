import type { Session } from './api/client';
import { linkTo, usePath } from './router';

const SECTIONS = [
  ['/overview', 'Overview'],
  ['/flows', 'Flows'],
  ['/runs', 'Runs'],
  ['/issues', 'Issues'],
  ['/webhooks', 'Webhooks'],
  ['/connections', 'Connections'],
  ['/plugins', 'Plugins'],
  ['/api-keys', 'API keys'],
] as const;

function NavLink({ to, label, path }: { to: string; label: string; path: string }) {
  const current = path === to || path.startsWith(`${to}/`);
  return (
    <a href={to} onClick={linkTo(to)} aria-current={current ? 'page' : undefined}>
      {label}
    </a>
  );
}

export function Header({ session, onSignOut }: { session: Session | null; onSignOut(): void }) {
  const path = usePath();
  return (
    <header className="top">
      <a className="brand" href="/overview" onClick={linkTo('/overview')}>
        Flowhub
      </a>
      {session && (
        <nav aria-label="Main">
          {SECTIONS.map(([to, label]) => (
            <NavLink key={to} to={to} label={label} path={path} />
          ))}
        </nav>
      )}
      {session && (
        <div className="who">
          <span>
            {session.apiKey.name} <span className="role">{session.apiKey.role}</span>
          </span>
          <button type="button" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      )}
    </header>
  );
}
