import { forceLinting } from '@codemirror/lint';
import { EditorSelection, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useRef, type RefObject } from 'react';
import { editorExtensions, setProblems } from './extensions';
import type { FlowProblem } from './problems';

/** What the page may ask of the editor. */
export interface EditorHandle {
  text(): string;
  /** Selects a range, scrolls it into view and focuses the editor. */
  select(from: number, to: number): void;
}

interface Props {
  /** The text it starts with; a new value starts the editor afresh. */
  initial: string;
  readOnly: boolean;
  label: string;
  /** The server's problems from the last save, marked at their paths. */
  problems: readonly FlowProblem[];
  handleRef: RefObject<EditorHandle | null>;
  onSave?(): void;
  onChange?(text: string): void;
}

function handleOf(view: EditorView): EditorHandle {
  return {
    text: () => view.state.doc.toString(),
    select(from, to) {
      const length = view.state.doc.length;
      const range = EditorSelection.range(Math.min(from, length), Math.min(to, length));
      view.dispatch({ selection: range, scrollIntoView: true });
      view.focus();
    },
  };
}

/**
 * A CodeMirror 6 JSON editor. It lives in a shadow root: there CodeMirror's styles go into a
 * constructed style sheet, which the console's CSP (style-src 'self') allows; in the document
 * they would be an inline <style> element, which it refuses.
 */
export function JsonEditor({
  initial,
  readOnly,
  label,
  problems,
  handleRef,
  onSave,
  onChange,
}: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef({ problems, onSave, onChange });
  useEffect(() => {
    latest.current = { problems, onSave, onChange };
  });

  useEffect(() => {
    const root = host.current!.shadowRoot ?? host.current!.attachShadow({ mode: 'open' });
    const parent = document.createElement('div');
    root.append(parent);
    const extensions = editorExtensions({
      readOnly,
      label,
      onSave: () => latest.current.onSave?.(),
      onChange: (text) => latest.current.onChange?.(text),
    });
    const created = new EditorView({
      parent,
      state: EditorState.create({ doc: initial, extensions }),
    });
    created.dispatch({ effects: setProblems.of(latest.current.problems) });
    view.current = created;
    handleRef.current = handleOf(created);
    return () => {
      created.destroy();
      parent.remove();
      view.current = null;
      handleRef.current = null;
    };
  }, [initial, readOnly, label, handleRef]);

  useEffect(() => {
    const current = view.current;
    if (!current) return;
    current.dispatch({ effects: setProblems.of(problems) });
    forceLinting(current);
  }, [problems]);

  return <div ref={host} className="json-editor" />;
}
