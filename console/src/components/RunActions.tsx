import { useState } from 'react';
import { api, errorText, type Run } from '../api/client';
import { FINISHED } from '../format';
import { navigate } from '../router';

type Mode = 'retry' | 'from-step' | 'fresh';

/** Replay (retry, from a step, fresh) and cancel; the page shows them to operators and admins. */
export function useRunActions(run: Run, onChanged: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function replay(mode: Mode, fromStep?: string) {
    setBusy(true);
    setError(undefined);
    const { data, error, response } = await api.POST('/api/v1/runs/{id}/replay', {
      params: { path: { id: run.id } },
      body: { mode, fromStep },
    });
    setBusy(false);
    if (!data) return setError(errorText(error, response));
    navigate(`/runs/${data.id}`);
  }

  async function cancel() {
    setBusy(true);
    setError(undefined);
    const { data, error, response } = await api.POST('/api/v1/runs/{id}/cancel', {
      params: { path: { id: run.id } },
    });
    setBusy(false);
    if (!data) return setError(errorText(error, response));
    onChanged();
  }

  return { busy, error, replay, cancel, finished: FINISHED.includes(run.status) };
}

export type RunActions = ReturnType<typeof useRunActions>;

export function RunActionBar({ actions }: { actions: RunActions }) {
  const { busy, finished, replay, cancel, error } = actions;
  return (
    <div className="actions">
      <button type="button" disabled={busy || !finished} onClick={() => replay('retry')}>
        Replay (retry)
      </button>
      <button type="button" disabled={busy || !finished} onClick={() => replay('fresh')}>
        Fresh run
      </button>
      <button type="button" className="danger" disabled={busy || finished} onClick={cancel}>
        Cancel
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
