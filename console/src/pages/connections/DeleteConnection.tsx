import { ConfirmDialog } from '../../components/ConfirmDialog';
import type { Connection } from './types';
import { useDeleteConnection } from './useConnections';

/** Deletes after a confirmation; the server refuses (409) while a flow's current version uses it. */
export function DeleteConnection({
  connection,
  onClose,
}: {
  connection?: Connection;
  onClose(): void;
}) {
  const remove = useDeleteConnection();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={connection !== undefined}
      title={connection ? `Delete ${connection.name}?` : 'Delete connection'}
      confirmLabel="Delete connection"
      danger
      busy={remove.isPending}
      onCancel={close}
      onConfirm={() => connection && remove.mutate(connection.id, { onSuccess: close })}
    >
      <p>
        Its credentials are deleted for good. Flowhub refuses while a flow’s current version names
        this connection: change those flows first.
      </p>
      {remove.error && (
        <p className="error" role="alert">
          {remove.error.message}
        </p>
      )}
    </ConfirmDialog>
  );
}
