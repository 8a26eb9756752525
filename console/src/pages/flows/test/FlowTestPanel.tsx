import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type Flow, type Run } from '../../../api/client';
import { unwrap } from '../../../api/query';
import type { Role } from '../../../roles';
import { useFlowRequests } from './hooks';
import { buildTestBody, mayTest, type TestBody } from './logic';
import { FIRST_CHOICE, SourcePicker, sourceOf, type Choice } from './SourcePicker';
import { TestRunResult } from './TestRunResult';
import './flow-test.css';

type Mode = 'dry-run' | 'live';

function ModeChoice({ mode, onChange }: { mode: Mode; onChange(mode: Mode): void }) {
  return (
    <fieldset className="mode-choice">
      <legend>Mode</legend>
      <label>
        <input
          type="radio"
          name="test-mode"
          checked={mode === 'dry-run'}
          onChange={() => onChange('dry-run')}
        />{' '}
        Dry-run: steps with side effects are skipped and show the input they would send
      </label>
      <label>
        <input
          type="radio"
          name="test-mode"
          checked={mode === 'live'}
          onChange={() => onChange('live')}
        />{' '}
        Live: every step runs for real
      </label>
      {mode === 'live' && (
        <p className="live-warning" role="note">
          Live mode performs the side effects: HTTP calls are sent and records are created in the
          connected systems, as for a real request.
        </p>
      )}
    </fieldset>
  );
}

interface RunButtonProps {
  mode: Mode;
  /** Why it cannot run yet. */
  blocked?: string;
  /** Say why beside the button (the payload field says it already). */
  hint: boolean;
  busy: boolean;
}

function RunButton({ mode, blocked, hint, busy }: RunButtonProps) {
  return (
    <div className="toolbar">
      <button
        type="submit"
        className={mode === 'live' ? 'danger' : 'primary'}
        disabled={blocked !== undefined || busy}
      >
        {mode === 'live' ? 'Run live' : 'Run dry-run'}
      </button>
      {busy && <span role="status">Running the flow…</span>}
      {blocked && hint && <span className="field-hint">{blocked}</span>}
    </div>
  );
}

function useTestRun(flowId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TestBody) =>
      unwrap(api.POST('/api/v1/flows/{id}/test', { params: { path: { id: flowId } }, body })),
    onSuccess: (run: Run) => {
      queryClient.setQueryData(['run', run.id], run);
      void queryClient.invalidateQueries({ queryKey: ['runs'] });
      void queryClient.invalidateQueries({ queryKey: ['flow-requests', flowId] });
    },
  });
}

function Intro({ error }: { error?: string }) {
  return (
    <>
      <p className="muted">
        Run the flow with a request it received before, or with a payload you paste. The test is a
        run like any other: it appears on the Runs page.
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

function NotAllowed({ role }: { role: Role }) {
  return (
    <p className="muted">
      Running a test needs an admin key; your role ({role}) may read runs and use the Mapping
      playground.
    </p>
  );
}

/**
 * The flow's Test tab: a past request (or a pasted payload) run through the flow in dry-run
 * or live mode, then the run's steps as they progress. Only admins may start one.
 */
export function FlowTestPanel({ flow, role }: { flow: Flow; role: Role }) {
  const { requests, loaded, error: listError } = useFlowRequests(flow.id);
  const [choice, setChoice] = useState<Choice>(FIRST_CHOICE);
  const [mode, setMode] = useState<Mode>('dry-run');
  const test = useTestRun(flow.id);
  const built = buildTestBody(sourceOf(choice, requests), requests, mode === 'dry-run');
  return (
    <section aria-labelledby="flow-test" className="flow-test">
      <h2 id="flow-test">Test</h2>
      <Intro error={listError} />
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          if ('body' in built) test.mutate(built.body);
        }}
      >
        <SourcePicker
          name="test"
          choice={choice}
          onChoice={setChoice}
          requests={requests}
          loaded={loaded}
        />
        {mayTest(role) ? (
          <>
            <ModeChoice mode={mode} onChange={setMode} />
            <RunButton
              mode={mode}
              blocked={'error' in built ? built.error : undefined}
              hint={choice.kind === 'request'}
              busy={test.isPending}
            />
          </>
        ) : (
          <NotAllowed role={role} />
        )}
      </form>
      {test.error && (
        <p className="error" role="alert">
          {test.error.message}
        </p>
      )}
      {test.data && <TestRunResult key={test.data.id} runId={test.data.id} />}
    </section>
  );
}
