import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type Session } from './api/client';
import { navigate, usePath } from './router';
import { parseRoute } from './routes';
import { SignInPage } from './pages/SignInPage';
import { SignedInPage } from './Pages';
import { Header } from './Header';

/** undefined: still asking the server; null: signed out. */
type SessionState = Session | null | undefined;

function useSession() {
  const [session, setSession] = useState<SessionState>(undefined);
  useEffect(() => {
    api.GET('/api/v1/session').then(
      ({ data }) => setSession(data ?? null),
      () => setSession(null),
    );
  }, []);
  const signOut = useCallback(async () => {
    await api.DELETE('/api/v1/session');
    setSession(null);
    navigate('/sign-in');
  }, []);
  return { session, setSession, signOut };
}

/** After a page change, the focus moves to the new page's content (not back to the top). */
function useFocusOnNavigation(path: string) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus();
  }, [path]);
}

export function App() {
  const path = usePath();
  useFocusOnNavigation(path);
  const { session, setSession, signOut } = useSession();
  useEffect(() => {
    if (session === null && path !== '/sign-in') navigate('/sign-in');
    if (session && (path === '/' || path === '/sign-in')) navigate('/overview');
  }, [session, path]);
  if (session === undefined) return <p className="loading">Loading…</p>;
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <Header session={session} onSignOut={signOut} />
      <main id="main" tabIndex={-1}>
        {session ? (
          <SignedInPage route={parseRoute(path)} role={session.apiKey.role} />
        ) : (
          <SignInPage onSignedIn={setSession} />
        )}
      </main>
    </>
  );
}
