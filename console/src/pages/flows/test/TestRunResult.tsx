import type { Run, RunStep } from '../../../api/client';
import { JsonBlock } from '../../../components/JsonBlock';
import { StatusBadge } from '../../../components/StatusBadge';
import { durationBetween, FINISHED, formatDuration } from '../../../format';
import { paths } from '../../../routes';
import { linkTo } from '../../../router';
import { useRun } from '../../useRun';

const REASONS: Record<string, string> = {
  'dry-run': 'dry-run: its side effects were not performed; the input below is what it would send',
  when: 'its when expression was false',
  'run-failed': 'an earlier step failed the run',
  'run-cancelled': 'the run was cancelled',
  'run-filtered': "the trigger's filter was false",
};

function TestStep({ step }: { step: RunStep }) {
  const duration = durationBetween(step.startedAt, step.finishedAt);
  const done = step.status !== 'pending' && step.status !== 'running';
  return (
    <li className="step" aria-labelledby={`test-step-${step.id}`}>
      <div className="step-head">
        <h4 id={`test-step-${step.id}`}>
          {step.id} <span className="muted">{step.action}</span>
        </h4>
        <StatusBadge status={step.status} />
        {duration !== undefined && <span className="muted">{formatDuration(duration)}</span>}
      </div>
      {step.reason && <p className="skip-reason">Skipped: {REASONS[step.reason] ?? step.reason}</p>}
      {step.error && (
        <p className="error">
          {step.errorCode ? `${step.errorCode}: ` : ''}
          {step.error}
        </p>
      )}
      {step.warnings.map((warning) => (
        <p key={warning} className="warning">
          {warning}
        </p>
      ))}
      <JsonBlock label="Resolved input" value={step.input} open={done} />
      {step.reason !== 'dry-run' || step.sampleOutput ? (
        <JsonBlock
          label={step.sampleOutput ? 'Output (sample)' : 'Output'}
          value={step.output}
          open={done}
        />
      ) : null}
    </li>
  );
}

/** The test's run, polled every 2 s until it has finished: each step as it progresses. */
export function TestRunResult({ runId }: { runId: string }) {
  const { run, error } = useRun(runId);
  return (
    <section aria-labelledby="test-result" className="test-result">
      <h3 id="test-result">Result</h3>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {run && <RunSummary run={run} />}
      {run && (
        <ol className="steps" aria-label="Steps of the test run">
          {(run.steps ?? []).map((step) => (
            <TestStep key={step.id} step={step} />
          ))}
        </ol>
      )}
    </section>
  );
}

function RunSummary({ run }: { run: Run }) {
  const finished = FINISHED.includes(run.status);
  return (
    <div className="toolbar" role="status">
      <StatusBadge status={run.status} />
      <span className="tag">{run.mode}</span>
      {!finished && <span className="muted">Still running, refreshed every 2 seconds…</span>}
      {run.error && (
        <span className="error">
          {run.failedStep ? `${run.failedStep}: ` : ''}
          {run.error}
        </span>
      )}
      <a href={paths.run(run.id)} onClick={linkTo(paths.run(run.id))}>
        Open the full run
      </a>
    </div>
  );
}
