import { useId } from 'react';
import { CopyButton } from '../../../components/CopyButton';
import { useEvaluation } from './hooks';
import { buildEvaluateBody, errorPosition, pointAt, type Evaluation, type Source } from './logic';

interface Props {
  flowId: string;
  /** `map` or `when`. */
  field: string;
  hint: string;
  expression: string;
  source: Source;
  steps: Record<string, unknown>;
  /** $item, for a forEach step's map and when. */
  item?: unknown;
  onChange(expression: string): void;
}

function EvaluationError({ message, expression }: { message: string; expression: string }) {
  const position = errorPosition(message);
  const pointer = position === undefined ? undefined : pointAt(expression, position);
  return (
    <div className="evaluation-error" role="alert">
      <p className="error">{message}</p>
      {pointer && (
        <pre className="pointer" aria-label={`At position ${position}`}>
          {pointer.line}
          {'\n'}
          {pointer.caret}
        </pre>
      )}
    </div>
  );
}

function EvaluationView({
  evaluation,
  expression,
}: {
  evaluation: Evaluation;
  expression: string;
}) {
  if (evaluation.error)
    return <EvaluationError message={evaluation.error} expression={expression} />;
  if (!evaluation.matched)
    return <p className="muted">No value: the expression matched nothing (undefined).</p>;
  // JSON as is: a string result shows with its quotes, unlike a number or an object.
  return (
    <pre className="evaluation-result">{JSON.stringify(evaluation.result ?? null, null, 2)}</pre>
  );
}

/**
 * One of a step's expressions, editable, evaluated against the chosen data as you type (300 ms
 * after the last key). The result or the error (with its position) shows below it.
 */
export function ExpressionEditor(props: Props) {
  const { flowId, field, hint, expression, source, steps, item, onChange } = props;
  const id = useId();
  const built = buildEvaluateBody(expression, source, steps, item);
  const body = built && 'body' in built ? built.body : undefined;
  const { evaluation, error, current } = useEvaluation(flowId, body);
  return (
    <div className="expression">
      <label htmlFor={`${id}-field`}>
        <code>{field}</code> <span className="field-hint">{hint}</span>
      </label>
      <textarea
        id={`${id}-field`}
        className="mono"
        rows={Math.min(12, Math.max(3, expression.split('\n').length + 1))}
        spellCheck={false}
        value={expression}
        onChange={(event) => onChange(event.target.value)}
      />
      <div className="toolbar">
        <CopyButton value={expression} label={`Copy ${field} expression`} />
      </div>
      <section className="evaluation" aria-label={`Result of ${field}`} aria-busy={!current}>
        <h4>
          Result{' '}
          <span className="muted" role="status">
            {body && !current ? 'evaluating…' : ''}
          </span>
        </h4>
        {expression.trim() === '' && <p className="muted">Type an expression to evaluate it.</p>}
        {built && 'error' in built && <p className="field-hint">{built.error}</p>}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {body && evaluation && <EvaluationView evaluation={evaluation} expression={expression} />}
      </section>
    </div>
  );
}
