import { useState, type FormEvent } from 'react';
import { api, errorText, type Session } from '../api/client';
import { navigate } from '../router';

export function SignInPage({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const [apiKey, setApiKey] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const { data, error, response } = await api.POST('/api/v1/session', { body: { apiKey } });
    setBusy(false);
    if (!data) return setError(errorText(error, response));
    setApiKey('');
    onSignedIn(data);
    navigate('/overview');
  }

  return (
    <section className="sign-in">
      <h1>Sign in</h1>
      <p>Sign in with a Flowhub API key. The console then acts with that key&apos;s role.</p>
      <form onSubmit={submit}>
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          name="apiKey"
          type="password"
          autoComplete="off"
          required
          value={apiKey}
          onChange={(event) => setApiKey(event.target.value)}
        />
        <button type="submit" disabled={busy || !apiKey}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
