import type { Session } from './api/client';
import { linkTo } from './router';

export function Header({ session, onSignOut }: { session: Session | null; onSignOut(): void }) {
  return (
    <header className="top">
      <a className="brand" href="/runs" onClick={linkTo('/runs')}>
        Flowhub
      </a>
      {session && (
        <nav aria-label="Main">
          <a href="/runs" onClick={linkTo('/runs')}>
            Runs
          </a>
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
