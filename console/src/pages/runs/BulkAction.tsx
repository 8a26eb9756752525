import { useState } from 'react';
import type { Flow } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { can } from '../../roles';
import type { RunFilters } from '../useRuns';
import {
  bulkFilter,
  canStart,
  confirmText,
  describeFilter,
  type BulkAction as Action,
  type BulkFilter,
} from './bulk';
import { BulkProgress } from './BulkProgress';
import { useBulkCount, useFollowedJob, useRole, useStartBulk } from './useBulkJob';
import './bulk.css';

const TITLES: Record<Action, { title: string; confirm: string }> = {
  replay: { title: 'Replay all matching runs?', confirm: 'Replay them' },
  cancel: { title: 'Cancel all matching runs?', confirm: 'Cancel them' },
};

interface Asking {
  action: Action;
  filter: BulkFilter;
}

function Alert({ error }: { error: Error | null }) {
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {error.message}
    </p>
  );
}

/** The confirmation: the filters in words and the dry run's count, or the server's refusal. */
function BulkConfirm(props: {
  asking: Asking;
  flowName?: string;
  count: ReturnType<typeof useBulkCount>;
  start: ReturnType<typeof useStartBulk>;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { asking, count, start } = props;
  return (
    <ConfirmDialog
      open
      title={TITLES[asking.action].title}
      confirmLabel={TITLES[asking.action].confirm}
      danger={asking.action === 'cancel'}
      busy={!canStart(count.data) || start.isPending}
      onConfirm={props.onConfirm}
      onCancel={props.onCancel}
    >
      <p>Filters: {describeFilter(asking.filter, props.flowName)}</p>
      {count.isPending && <p role="status">Counting the matching runs…</p>}
      {count.data && <p role="status">{confirmText(asking.action, count.data)}</p>}
      <Alert error={count.error} />
      <Alert error={start.error} />
    </ConfirmDialog>
  );
}

/**
 * "Replay all matching / Cancel all matching" for the runs page's filters: the count first (a
 * dry run) in a confirmation, then the job's progress with its Cancel button. Operators and
 * admins only (the API refuses viewers; the console hides it from them).
 */
export function BulkAction({ filters, flows }: { filters: RunFilters; flows: Flow[] }) {
  const role = useRole();
  const [asking, setAsking] = useState<Asking>();
  const [jobId, followJob] = useFollowedJob();
  const count = useBulkCount();
  const start = useStartBulk();
  if (!role || !can(role, 'operator')) return null;

  function ask(action: Action) {
    const filter = bulkFilter(filters);
    start.reset();
    setAsking({ action, filter });
    count.mutate({ action, filter });
  }
  function close() {
    count.reset();
    start.reset();
    setAsking(undefined);
  }
  const confirm = () =>
    asking &&
    start.mutate(asking, {
      onSuccess: (job) => {
        followJob(job.id);
        close();
      },
    });

  return (
    <div className="bulk-action">
      <div className="toolbar">
        <button type="button" onClick={() => ask('replay')}>
          Replay all matching…
        </button>
        <button type="button" onClick={() => ask('cancel')}>
          Cancel all matching…
        </button>
      </div>
      {asking && (
        <BulkConfirm
          asking={asking}
          flowName={flows.find((flow) => flow.id === asking.filter.flowId)?.name}
          count={count}
          start={start}
          onConfirm={confirm}
          onCancel={close}
        />
      )}
      {jobId && <BulkProgress id={jobId} onClose={() => followJob(undefined)} />}
    </div>
  );
}
