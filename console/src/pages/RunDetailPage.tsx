import type { Run } from '../api/client';
import { JsonBlock } from '../components/JsonBlock';
import { RunActionBar, useRunActions, type RunActions } from '../components/RunActions';
import { StatusBadge } from '../components/StatusBadge';
import { StepCard } from '../components/StepCard';
import { durationBetween, formatBytes, formatDuration, formatTime } from '../format';
import { linkTo } from '../router';
import { paths } from '../routes';
import { useRun } from './useRun';

function RequestSection({ trigger }: { trigger: NonNullable<Run['trigger']> }) {
  return (
    <section aria-labelledby="request">
      <h2 id="request">Request</h2>
      <dl className="facts">
        <dt>Method</dt>
        <dd className="mono">{trigger.method}</dd>
        <dt>Received</dt>
        <dd>{formatTime(trigger.receivedAt)}</dd>
        <dt>Size</dt>
        <dd>{formatBytes(trigger.size)}</dd>
        <dt>Content type</dt>
        <dd className="mono">{trigger.contentType ?? '—'}</dd>
        <dt>Source IP</dt>
        <dd className="mono">{trigger.sourceIp ?? '—'}</dd>
      </dl>
      <JsonBlock label="Headers" value={trigger.headers} />
      {Object.keys(trigger.query).length > 0 && <JsonBlock label="Query" value={trigger.query} />}
      <JsonBlock label="Body" value={trigger.body} open />
    </section>
  );
}

function Summary({ run }: { run: Run }) {
  const duration = durationBetween(run.startedAt, run.finishedAt);
  return (
    <dl className="facts">
      <dt>Status</dt>
      <dd>
        <StatusBadge status={run.status} />
      </dd>
      <dt>Flow</dt>
      <dd>
        <a href={paths.flow(run.flowId)} onClick={linkTo(paths.flow(run.flowId))}>
          {run.flowName}
        </a>{' '}
        (version {run.flowVersion})
      </dd>
      <dt>Created</dt>
      <dd>{formatTime(run.createdAt)}</dd>
      <dt>Duration</dt>
      <dd>{duration === undefined ? '—' : formatDuration(duration)}</dd>
      {run.replay && (
        <>
          <dt>Replay of</dt>
          <dd>
            <a href={`/runs/${run.replay.of}`} onClick={linkTo(`/runs/${run.replay.of}`)}>
              {run.replay.of}
            </a>{' '}
            ({run.replay.mode}
            {run.replay.fromStep ? ` from ${run.replay.fromStep}` : ''})
          </dd>
        </>
      )}
      {run.error && (
        <>
          <dt>Error</dt>
          <dd className="error">
            {run.failedStep ? `${run.failedStep}: ` : ''}
            {run.error}
          </dd>
        </>
      )}
    </dl>
  );
}

function RunView({ run, actions }: { run: Run; actions?: RunActions }) {
  return (
    <>
      <Summary run={run} />
      {actions && <RunActionBar actions={actions} />}
      {run.trigger && <RequestSection trigger={run.trigger} />}
      <section aria-labelledby="steps">
        <h2 id="steps">Steps</h2>
        <ol className="steps">
          {(run.steps ?? []).map((step) => (
            <StepCard key={step.id} step={step} actions={actions} />
          ))}
        </ol>
      </section>
    </>
  );
}

function OperatorRunView({ run, reload }: { run: Run; reload(): void }) {
  const actions = useRunActions(run, reload);
  return <RunView run={run} actions={actions} />;
}

export function RunDetailPage({ id, role }: { id: string; role: string }) {
  const { run, error, reload } = useRun(id);
  return (
    <section>
      <p>
        <a href="/runs" onClick={linkTo('/runs')}>
          ← All runs
        </a>
      </p>
      <h1>
        Run <span className="mono">{id}</span>
      </h1>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {run && role !== 'viewer' && <OperatorRunView run={run} reload={() => void reload()} />}
      {run && role === 'viewer' && <RunView run={run} />}
      {!run && !error && <p className="muted">Loading…</p>}
    </section>
  );
}
