import { useRef, useState } from 'react';
import { JsonEditor, type EditorHandle } from './JsonEditor';
import { parseDefinition, type SyntaxProblem } from './json-syntax';
import { problemRange } from './problem-ranges';
import { problemsOf, type FlowProblem } from './problems';
import { ProblemList } from './ProblemList';

interface Props {
  /** The definition's text to start from. */
  initial: string;
  readOnly: boolean;
  /** The save button's label: "Create flow", "Save as version 3". */
  saveLabel: string;
  /** Sends the definition; a 400 with details becomes problems at their paths. */
  save(definition: Record<string, unknown>): Promise<unknown>;
}

function SaveBar(props: { label: string; busy: boolean; dirty: boolean; onSave(): void }) {
  return (
    <div className="toolbar">
      <button type="button" className="primary" disabled={props.busy} onClick={props.onSave}>
        {props.label}
      </button>
      <span role="status" className="muted">
        {props.busy ? 'Saving…' : props.dirty ? 'Unsaved changes' : ''}
      </span>
    </div>
  );
}

interface Outcome {
  syntax?: SyntaxProblem;
  problems: FlowProblem[];
  error?: string;
}

const NONE: Outcome = { problems: [] };

/** Parses, sends, and turns the answer into what the editor and the list show. */
async function attempt(text: string, save: Props['save']): Promise<Outcome> {
  const parsed = parseDefinition(text);
  if (!parsed.ok) return { syntax: parsed.problem, problems: [] };
  try {
    await save(parsed.value);
    return NONE;
  } catch (error) {
    const problems = problemsOf(error);
    return problems ? { problems } : { problems: [], error: (error as Error).message };
  }
}

/**
 * The flow's JSON in CodeMirror with Save (button or Ctrl/Cmd+S). JSON syntax is checked
 * here before sending; the server's validation problems are marked at their paths and listed.
 */
export function DefinitionEditor({ initial, readOnly, saveLabel, save }: Props) {
  const handle = useRef<EditorHandle>(null);
  const [outcome, setOutcome] = useState<Outcome>(NONE);
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);

  async function onSave() {
    if (readOnly || busy || !handle.current) return;
    setBusy(true);
    setOutcome(await attempt(handle.current.text(), save));
    setBusy(false);
  }

  function goTo(target: { path: string } | { from: number; to: number }) {
    const editor = handle.current;
    if (!editor) return;
    const range = 'path' in target ? problemRange(editor.text(), target.path) : target;
    editor.select(range.from, range.to);
  }

  return (
    <div className="definition">
      <p className="field-hint" id="editor-hint">
        {readOnly
          ? 'Read only: your role may not change flows.'
          : 'Tab moves on to the next control; Ctrl+S (⌘S on a Mac) saves.'}
      </p>
      <JsonEditor
        initial={initial}
        readOnly={readOnly}
        label="Flow definition (JSON)"
        problems={outcome.problems}
        handleRef={handle}
        onSave={onSave}
        onChange={(text) => setDirty(text !== initial)}
      />
      {!readOnly && <SaveBar label={saveLabel} busy={busy} dirty={dirty} onSave={onSave} />}
      <ProblemList syntax={outcome.syntax} problems={outcome.problems} goTo={goTo} />
      {outcome.error && (
        <p className="error" role="alert">
          {outcome.error}
        </p>
      )}
    </div>
  );
}
