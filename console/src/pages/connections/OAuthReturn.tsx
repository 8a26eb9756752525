import type { Connection } from './types';

interface Props {
  outcome: { connected?: string; error?: string };
  connections: Connection[];
  onDismiss(): void;
}

/** What came back from the provider's sign-in: the new connection, or why there is none. */
export function OAuthReturn({ outcome, connections, onDismiss }: Props) {
  const created = connections.find((c) => c.id === outcome.connected);
  return (
    <div className={outcome.error ? 'oauth-return failed' : 'oauth-return'}>
      {outcome.error ? (
        <p role="alert">
          <strong>The sign-in did not create a connection:</strong> {outcome.error}
        </p>
      ) : (
        <p role="status">
          <strong>Connected.</strong>{' '}
          {created
            ? `${created.name} (${created.plugin}) was created with the refresh token the provider issued.`
            : 'The connection was created.'}{' '}
          Test it to check.
        </p>
      )}
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
