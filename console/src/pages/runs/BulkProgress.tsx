import { useId } from 'react';
import { linkTo } from '../../router';
import { isFinished, progressText, statusText, type BulkJob } from './bulk';
import { useBulkCancel, useBulkJob } from './useBulkJob';

function Failures({ job }: { job: BulkJob }) {
  if (job.failures.length === 0) return null;
  return (
    <details>
      <summary>Runs that could not be {job.action === 'replay' ? 'replayed' : 'cancelled'}</summary>
      <ul className="bulk-failures">
        {job.failures.map((failure) => (
          <li key={failure.runId}>
            <a href={`/runs/${failure.runId}`} onClick={linkTo(`/runs/${failure.runId}`)}>
              <span className="mono">{failure.runId}</span>
            </a>
            : {failure.error}
          </li>
        ))}
      </ul>
    </details>
  );
}

function Alert({ error }: { error?: Error | string | null }) {
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {typeof error === 'string' ? error : error.message}
    </p>
  );
}

/** A bulk job's progress, polled each second, with Cancel while it runs. */
export function BulkProgress({ id, onClose }: { id: string; onClose(): void }) {
  const headingId = useId();
  const query = useBulkJob(id);
  const cancel = useBulkCancel(id);
  const job = query.data;
  const reached = job ? job.done + job.failed + job.skipped : 0;
  return (
    <section className="bulk-progress" aria-labelledby={headingId}>
      <h2 id={headingId}>Bulk {job?.action ?? 'job'}</h2>
      {job && (
        <>
          <p role="status">
            {statusText(job)}: {progressText(job)}
          </p>
          <progress max={Math.max(job.total, 1)} value={reached} aria-label="Bulk job progress" />
          <Alert error={job.error} />
          <Failures job={job} />
          <div className="actions">
            {!isFinished(job) && !job.cancelRequested && (
              <button
                type="button"
                className="danger"
                disabled={cancel.isPending}
                onClick={() => cancel.mutate()}
              >
                Cancel job
              </button>
            )}
            {isFinished(job) && (
              <button type="button" onClick={onClose}>
                Dismiss
              </button>
            )}
          </div>
        </>
      )}
      <Alert error={query.error} />
      <Alert error={cancel.error} />
    </section>
  );
}
