import { useQuery } from '@tanstack/react-query';
import { api, type Flow } from '../../api/client';
import { unwrap } from '../../api/query';
import { formatTime } from '../../format';
import { can, type Role } from '../../roles';
import { age, every, retentionText, type Storage } from './storage/storage-facts';
import './storage/storage.css';

function Oldest({ label, at, now }: { label: string; at: string | null; now: number }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {at ? (
          <>
            {formatTime(at)} <span className="muted">· {age(at, now)}</span>
          </>
        ) : (
          <span className="muted">none kept</span>
        )}
      </dd>
    </>
  );
}

export function StorageFacts({
  storage,
  role,
  now,
}: {
  storage: Storage;
  role: Role;
  now: number;
}) {
  const text = retentionText(storage);
  return (
    <>
      <dl className="facts">
        <dt>Kept for</dt>
        <dd>
          {text.kept} <span className="muted">· {text.source}</span>
        </dd>
        <dt>Failed runs kept for</dt>
        <dd>{text.failed}</dd>
        <Oldest label="Oldest kept run" at={storage.oldestRunAt} now={now} />
        <Oldest label="Oldest kept request" at={storage.oldestRequestAt} now={now} />
        <dt>Pruning</dt>
        <dd>
          every {every(storage.retention.pruneIntervalMs)}, oldest first; queued, running and held
          runs are never pruned
        </dd>
      </dl>
      {can(role, 'admin') && (
        <p className="field-hint">
          To change it, add{' '}
          <code className="mono">{'"retention": {"days": 7, "keepFailedDays": 30}'}</code> to the
          definition and save.
        </p>
      )}
    </>
  );
}

/** A flow's retention in effect and its oldest kept records (GET /flows/:id/stats). */
export function StoragePanel({ flow, role }: { flow: Flow; role: Role }) {
  const query = useQuery({
    queryKey: ['flow-storage', flow.id],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/flows/{id}/stats', {
          params: { path: { id: flow.id }, query: { window: '1h' } },
        }),
      ),
  });
  return (
    <section className="storage-panel" aria-labelledby="storage-heading">
      <h2 id="storage-heading">Storage and retention</h2>
      {query.error && (
        <p className="error" role="alert">
          {query.error.message}
        </p>
      )}
      {query.isPending && <p className="muted">Loading…</p>}
      {query.data && (
        <StorageFacts storage={query.data.storage} role={role} now={query.dataUpdatedAt} />
      )}
    </section>
  );
}
