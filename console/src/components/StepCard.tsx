import type { RunStep } from '../api/client';
import { durationBetween, formatDuration, formatTime } from '../format';
import { AttemptTimeline } from './AttemptTimeline';
import { JsonBlock } from './JsonBlock';
import type { RunActions } from './RunActions';
import { StatusBadge } from './StatusBadge';

function StepFacts({ step }: { step: RunStep }) {
  return (
    <dl className="facts">
      <dt>Idempotency key</dt>
      <dd className="mono">{step.idempotencyKey}</dd>
      {step.errorCode && (
        <>
          <dt>Error code</dt>
          <dd className="mono">{step.errorCode}</dd>
        </>
      )}
      {step.nextAttemptAt && (
        <>
          <dt>Next attempt</dt>
          <dd>
            due {formatTime(step.nextAttemptAt)} (attempt {step.attempts + 1})
          </dd>
        </>
      )}
      {step.reason && (
        <>
          <dt>Skipped because</dt>
          <dd>{step.reason}</dd>
        </>
      )}
    </dl>
  );
}

export function StepCard({ step, actions }: { step: RunStep; actions?: RunActions }) {
  const duration = durationBetween(step.startedAt, step.finishedAt);
  return (
    <li className="step" aria-labelledby={`step-${step.id}`}>
      <div className="step-head">
        <h3 id={`step-${step.id}`}>
          {step.id} <span className="muted">{step.action}</span>
        </h3>
        <StatusBadge status={step.status} />
        {duration !== undefined && <span className="muted">{formatDuration(duration)}</span>}
        {actions && (
          <button
            type="button"
            disabled={actions.busy || !actions.finished}
            onClick={() => actions.replay('from-step', step.id)}
          >
            Replay from this step
          </button>
        )}
      </div>
      <StepFacts step={step} />
      {step.error && <p className="error">{step.error}</p>}
      {step.warnings.map((warning) => (
        <p key={warning} className="warning">
          {warning}
        </p>
      ))}
      <AttemptTimeline history={step.history} />
      <JsonBlock label="Input" value={step.input} />
      <JsonBlock label={step.sampleOutput ? 'Output (sample)' : 'Output'} value={step.output} />
      {step.error && (
        <JsonBlock label="Error" value={{ error: step.error, code: step.errorCode }} />
      )}
    </li>
  );
}
