import { JsonBlock } from '../../components/JsonBlock';
import { SchemaTable } from './SchemaTable';
import type { Action } from './types';

function retryText(retry: Action['retry']): string {
  if (retry.attempts <= 1) return 'no retry';
  return `${retry.attempts} attempts, ${retry.backoff} backoff from ${retry.delayMs} ms (at most ${retry.maxDelayMs} ms)`;
}

function Sample({ action }: { action: Action }) {
  if (action.sampleOutput !== undefined)
    return <JsonBlock label="Sample output (what a dry run records)" value={action.sampleOutput} />;
  if (action.sampleFromInput)
    return <p className="muted">A dry run records a sample output made from the step’s input.</p>;
  return null;
}

/** One action: what it does, whether it changes anything, its input fields and sample output. */
export function ActionCard({ action }: { action: Action }) {
  const id = `action-${action.action}`;
  return (
    <li className="action-card" aria-labelledby={id}>
      <h3 id={id}>
        <span className="mono">{action.action}</span>{' '}
        <span className="muted">{action.displayName}</span>
      </h3>
      <p>{action.description}</p>
      <dl className="facts">
        <dt>Side effects</dt>
        <dd>
          {action.sideEffects
            ? 'yes: it changes something elsewhere (a dry run skips it)'
            : 'no: it only reads (a dry run still calls it)'}
        </dd>
        <dt>Retry</dt>
        <dd>{retryText(action.retry)}</dd>
      </dl>
      <h4>Input</h4>
      <SchemaTable schema={action.inputSchema} label={`Input fields of ${action.action}`} />
      <Sample action={action} />
    </li>
  );
}
