import { useState } from 'react';
import { can, type Role } from '../../roles';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ShownOnce } from '../../components/ShownOnce';
import { CreateKeyForm } from './CreateKeyForm';
import { KeysTable } from './KeysTable';
import { revokeWarning, type ApiKey, type CreatedApiKey } from './keys';
import { useApiKeys, useOwnKeyId, useRevokeKey } from './useApiKeys';
import '../plugins/plugins.css';
import '../plugins/tables.css';
import './api-keys.css';

function RevokeDialog({
  apiKey,
  ownKeyId,
  onClose,
}: {
  apiKey?: ApiKey;
  ownKeyId?: string;
  onClose(): void;
}) {
  const revoke = useRevokeKey();
  return (
    <ConfirmDialog
      open={apiKey !== undefined}
      title={apiKey ? `Revoke ${apiKey.name}?` : 'Revoke'}
      confirmLabel="Revoke key"
      danger
      busy={revoke.isPending}
      onCancel={() => {
        revoke.reset();
        onClose();
      }}
      onConfirm={() => apiKey && revoke.mutate(apiKey.id, { onSuccess: onClose })}
    >
      {apiKey && <p>{revokeWarning(apiKey, ownKeyId)}</p>}
      {revoke.error && (
        <p className="error" role="alert">
          {revoke.error.message}
        </p>
      )}
    </ConfirmDialog>
  );
}

function AdminKeys() {
  const { keys, error, loaded } = useApiKeys();
  const ownKeyId = useOwnKeyId();
  const [created, setCreated] = useState<CreatedApiKey>();
  const [revoking, setRevoking] = useState<ApiKey>();
  return (
    <>
      {created && (
        <ShownOnce
          label={`API key ${created.name} (${created.role})`}
          value={created.key}
          onDone={() => setCreated(undefined)}
        />
      )}
      <CreateKeyForm onCreated={setCreated} />
      <h2>Keys</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {loaded && <KeysTable keys={keys} ownKeyId={ownKeyId} onRevoke={setRevoking} />}
      <RevokeDialog apiKey={revoking} ownKeyId={ownKeyId} onClose={() => setRevoking(undefined)} />
    </>
  );
}

/** API keys: admins create (with a role, shown once), list and revoke them; others read why not. */
export function ApiKeysPage({ role }: { role: Role }) {
  return (
    <section>
      <h1>API keys</h1>
      {can(role, 'admin') ? (
        <AdminKeys />
      ) : (
        <p className="note" role="note">
          Only admins manage API keys. You are signed in with a <strong>{role}</strong> key: ask an
          admin for a new key or to revoke one.
        </p>
      )}
    </section>
  );
}
