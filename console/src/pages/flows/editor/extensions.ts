import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import {
  bracketMatching,
  defaultHighlightStyle,
  foldGutter,
  foldKeymap,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { linter, lintGutter, lintKeymap, type Diagnostic } from '@codemirror/lint';
import { EditorState, StateEffect, StateField, type Extension } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { parseDefinition } from './json-syntax';
import { problemDiagnostics, type FlowProblem } from './problems';

/** Replaces the server's problems (from the last save) that the editor marks. */
export const setProblems = StateEffect.define<readonly FlowProblem[]>();

const serverProblems = StateField.define<readonly FlowProblem[]>({
  create: () => [],
  update(value, transaction) {
    for (const effect of transaction.effects) if (effect.is(setProblems)) value = effect.value;
    return value;
  },
});

/**
 * The marks: a JSON syntax error found here, and each server problem at the node its path
 * names in the text as it is now (so a mark follows its node while the user edits).
 */
function diagnostics(view: EditorView): Diagnostic[] {
  const text = view.state.doc.toString();
  const parsed = parseDefinition(text);
  const local: Diagnostic[] = parsed.ok
    ? []
    : [{ ...parsed.problem, severity: 'error', source: 'JSON' }];
  return [...local, ...problemDiagnostics(text, view.state.field(serverProblems))];
}

const problemsChanged = (update: {
  transactions: readonly { effects: readonly StateEffect<unknown>[] }[];
}) => update.transactions.some((tr) => tr.effects.some((effect) => effect.is(setProblems)));

/** Looks: the console's border, font and focus ring (CSS inside the editor's shadow root). */
const theme = EditorView.theme({
  '&': {
    height: '60vh',
    minHeight: '280px',
    border: '1px solid var(--line, #d0d7de)',
    borderRadius: '6px',
    background: 'var(--card, #fff)',
    fontSize: '13px',
  },
  '&.cm-focused': { outline: '3px solid var(--focus, #d4600a)', outlineOffset: '2px' },
  '.cm-scroller': {
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    overflow: 'auto',
  },
  '.cm-gutters': { borderRadius: '6px 0 0 6px' },
  '.cm-tooltip-lint': { maxWidth: 'min(560px, 90vw)', whiteSpace: 'pre-wrap' },
});

export interface EditorOptions {
  readOnly: boolean;
  /** The editor's accessible name. */
  label: string;
  onSave(): void;
  onChange(text: string): void;
}

/**
 * CodeMirror for a flow definition: JSON with syntax colours, folding, undo, marks with a
 * gutter and tooltips, Ctrl/Cmd+S to save. Tab is left to the browser (indentWithTab is not
 * bound), so the keyboard is never trapped: Tab moves on to the next control.
 */
export function editorExtensions(options: EditorOptions): Extension[] {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    foldGutter(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    highlightActiveLine(),
    EditorView.lineWrapping, // a long map stays readable on a phone
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    json(),
    serverProblems,
    linter(diagnostics, { delay: 300, needsRefresh: problemsChanged }),
    lintGutter(),
    keymap.of([
      { key: 'Mod-s', preventDefault: true, run: () => (options.onSave(), true) },
      ...defaultKeymap,
      ...historyKeymap,
      ...foldKeymap,
      ...lintKeymap,
    ]),
    EditorState.readOnly.of(options.readOnly),
    EditorView.contentAttributes.of({
      'aria-label': options.label,
      'aria-multiline': 'true',
      ...(options.readOnly ? { 'aria-readonly': 'true' } : {}),
    }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) options.onChange(update.state.doc.toString());
    }),
    theme,
  ];
}
