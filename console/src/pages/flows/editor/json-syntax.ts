import { jsonLanguage } from '@codemirror/lang-json';

/** A problem found in the browser, before anything is sent: where and what. */
export interface SyntaxProblem {
  from: number;
  to: number;
  message: string;
}

/** The line and column (1-based) of an offset in a text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** Where the parser first met something that is not JSON (Lezer's first error node). */
function firstErrorAt(text: string): number | undefined {
  let at: number | undefined;
  jsonLanguage.parser.parse(text).iterate({
    enter(node) {
      if (at !== undefined) return false;
      if (node.type.isError) at = node.from;
      return undefined;
    },
  });
  return at;
}

/** JSON.parse's reason, without the copy of the text newer engines append. */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/^JSON\.parse: /, '');
}

function positionInMessage(error: unknown): number | undefined {
  const match = /at position (\d+)/.exec(error instanceof Error ? error.message : '');
  return match ? Number(match[1]) : undefined;
}

/**
 * The definition as a JSON object, or the first syntax problem with its place: the editor
 * checks this before it sends anything.
 */
export function parseDefinition(
  text: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; problem: SyntaxProblem } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const at = Math.min(text.length, firstErrorAt(text) ?? positionInMessage(error) ?? 0);
    const { line, column } = lineAndColumn(text, at);
    const reason = text.trim() === '' ? 'the definition is empty' : reasonOf(error);
    return {
      ok: false,
      problem: {
        from: at,
        to: Math.min(text.length, at + 1),
        message: `JSON syntax error at line ${line}, column ${column}: ${reason}`,
      },
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      problem: {
        from: 0,
        to: Math.min(text.length, 1),
        message: 'The definition must be a JSON object: { "name": …, "trigger": …, "steps": […] }',
      },
    };
  }
  return { ok: true, value: value as Record<string, unknown> };
}
