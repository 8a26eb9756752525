import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, type Flow } from '../../../api/client';
import { unwrap } from '../../../api/query';
import { JsonBlock } from '../../../components/JsonBlock';
import { formatTime } from '../../../format';
import type { Role } from '../../../roles';
import { ExpressionEditor } from './ExpressionEditor';
import { useFlowRequests, useFlowRuns } from './hooks';
import { expressionInput, parsePayload, stepsContext, type FlowStep, type Source } from './logic';
import { FIRST_CHOICE, PayloadField, SourcePicker, sourceOf, type Choice } from './SourcePicker';
import './flow-test.css';

const FIELDS = [
  { field: 'map', hint: "JSONata returning an object, deep-merged over the step's input" },
  { field: 'when', hint: 'JSONata, boolean: false skips the step' },
  { field: 'forEach', hint: 'JSONata, array: the action runs once per item' },
] as const;

type Field = (typeof FIELDS)[number]['field'];

/** $item as the user typed it: the value once it is JSON, otherwise none. */
function itemOf(text: string): unknown {
  if (text.trim() === '') return undefined;
  const parsed = parsePayload(text);
  return parsed.ok ? parsed.value : undefined;
}

function StepChoice(props: { steps: FlowStep[]; value: string; onChange(id: string): void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Step</label>
      <select id={id} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
        {props.steps.map((step, index) => (
          <option key={step.id} value={step.id}>
            {index + 1}. {step.id} ({step.action})
          </option>
        ))}
      </select>
    </div>
  );
}

function RunChoice({
  flowId,
  value,
  onChange,
}: {
  flowId: string;
  value: string;
  onChange(id: string): void;
}) {
  const { runs, error } = useFlowRuns(flowId);
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Earlier steps&apos; outputs ($steps) from</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">No run: $steps is empty</option>
        {runs.map((run) => (
          <option key={run.id} value={run.id}>
            {formatTime(run.createdAt)} · {run.status}
            {run.mode === 'dry-run' ? ' · dry-run' : ''} · {run.id.slice(0, 8)}
          </option>
        ))}
      </select>
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}

/** The chosen past run's outputs of the steps before `stepId`, once the run is loaded. */
function useStepsContext(steps: FlowStep[], stepId: string, runId: string) {
  const query = useQuery({
    queryKey: ['run', runId],
    enabled: runId !== '',
    queryFn: () => unwrap(api.GET('/api/v1/runs/{id}', { params: { path: { id: runId } } })),
  });
  return runId ? stepsContext(steps, stepId, query.data) : {};
}

interface ExpressionsProps {
  flowId: string;
  step: FlowStep;
  source: Source;
  steps: Record<string, unknown>;
}

/**
 * The step's map and when (and forEach, with an $item for the other two, when the step has
 * one), as the definition has them until edited; edits are kept per step.
 */
function Expressions({ flowId, step, source, steps }: ExpressionsProps) {
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [itemText, setItemText] = useState('');
  const keyOf = (field: Field) => `${step.id}.${field}`;
  const fields = FIELDS.filter(({ field }) => field !== 'forEach' || step.forEach);
  return (
    <div className="expressions">
      {step.forEach && (
        <PayloadField
          label="$item (forEach: the item the map and when see; $index is 0)"
          text={itemText}
          onChange={setItemText}
          optional="Empty: $item is undefined"
          rows={3}
        />
      )}
      {fields.map(({ field, hint }) => (
        <ExpressionEditor
          key={keyOf(field)}
          flowId={flowId}
          field={field}
          hint={hint}
          expression={edits[keyOf(field)] ?? step[field] ?? ''}
          source={source}
          steps={steps}
          item={field === 'forEach' ? undefined : itemOf(itemText)}
          onChange={(text) => setEdits({ ...edits, [keyOf(field)]: text })}
        />
      ))}
    </div>
  );
}

function Intro({ error, empty }: { error?: string; empty: boolean }) {
  return (
    <>
      <p className="note" role="note">
        Nothing here is saved: copy an expression into the flow&apos;s definition to keep it.
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {empty && <p className="muted">This flow has no step.</p>}
    </>
  );
}

/**
 * The flow's Mapping playground: one step's map and when, editable, evaluated as you type
 * against a past request (or a pasted payload) and a past run's earlier outputs. Any role may
 * use it; nothing is saved.
 */
export function MappingPlayground({ flow }: { flow: Flow; role: Role }) {
  const steps = flow.definition.steps;
  const [stepId, setStepId] = useState(steps[0]?.id ?? '');
  const [runId, setRunId] = useState('');
  const [choice, setChoice] = useState<Choice>(FIRST_CHOICE);
  const { requests, loaded, error } = useFlowRequests(flow.id);
  const context = useStepsContext(steps, stepId, runId);
  const step = steps.find((s) => s.id === stepId);
  const source = sourceOf(choice, requests);
  return (
    <section aria-labelledby="playground" className="playground">
      <h2 id="playground">Mapping playground</h2>
      <Intro error={error} empty={steps.length === 0} />
      <div className="playground-grid">
        <form className="form" onSubmit={(event) => event.preventDefault()}>
          <StepChoice steps={steps} value={stepId} onChange={setStepId} />
          <SourcePicker
            name="playground"
            choice={choice}
            onChoice={setChoice}
            requests={requests}
            loaded={loaded}
          />
          <RunChoice flowId={flow.id} value={runId} onChange={setRunId} />
          <JsonBlock
            label="Input the expression sees"
            value={expressionInput(source, requests, context)}
            open
          />
        </form>
        {step && <Expressions flowId={flow.id} step={step} source={source} steps={context} />}
      </div>
    </section>
  );
}
