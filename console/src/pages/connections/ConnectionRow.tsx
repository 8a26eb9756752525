import { formatTime } from '../../format';
import type { Connection } from './types';
import { useLastTest, useTestConnection } from './useConnections';

/** The non-secret fields as they are, and each secret only as "set". */
export function FieldSummary({ connection }: { connection: Connection }) {
  const fields = Object.entries(connection.fields as Record<string, unknown>).filter(
    ([, value]) => value !== null && value !== undefined,
  );
  return (
    <dl className="field-summary">
      {fields.map(([name, value]) => (
        <div key={name}>
          <dt className="mono">{name}</dt>
          <dd className="mono">{String(value)}</dd>
        </div>
      ))}
      {connection.secretsSet.map((name) => (
        <div key={name}>
          <dt className="mono">{name}</dt>
          <dd>
            <span className="tag secret-set">set</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function LastTest({ id, pending, error }: { id: string; pending: boolean; error?: string }) {
  const last = useLastTest(id);
  if (pending) return <span className="muted">Testing…</span>;
  if (error) return <span className="result-bad">{error}</span>;
  if (!last) return <span className="muted">not tested yet</span>;
  return (
    <span className={last.ok ? 'result-ok' : 'result-bad'} title={`tested ${formatTime(last.at)}`}>
      {last.ok ? 'ok' : 'failed'}
      {last.message ? `: ${last.message}` : ''}
    </span>
  );
}

interface Props {
  connection: Connection;
  /** Admins only: Test, Edit, Delete. */
  canWrite: boolean;
  highlighted: boolean;
  onEdit(): void;
  onDelete(): void;
}

export function ConnectionRow({ connection, canWrite, highlighted, onEdit, onDelete }: Props) {
  const test = useTestConnection(connection.id);
  return (
    <tr className={highlighted ? 'highlight' : undefined} data-id={connection.id}>
      <th scope="row">{connection.name}</th>
      <td className="mono">{connection.plugin}</td>
      <td>
        <FieldSummary connection={connection} />
      </td>
      <td>{formatTime(connection.createdAt)}</td>
      <td>
        <span role="status" aria-label={`Last test of ${connection.name}`}>
          <LastTest id={connection.id} pending={test.isPending} error={test.error?.message} />
        </span>
      </td>
      {canWrite && (
        <td>
          <div className="cell-actions">
            <button
              type="button"
              onClick={() => test.mutate()}
              disabled={test.isPending}
              aria-label={`Test ${connection.name}`}
            >
              Test
            </button>
            <button type="button" onClick={onEdit} aria-label={`Edit ${connection.name}`}>
              Edit
            </button>
            <button
              type="button"
              className="danger"
              onClick={onDelete}
              aria-label={`Delete ${connection.name}`}
            >
              Delete
            </button>
          </div>
        </td>
      )}
    </tr>
  );
}
