import type { Diagnostic } from '@codemirror/lint';
import { ApiError } from '../../../api/query';
import { problemRange } from './problem-ranges';

/** One problem the server found in a definition: its path (`steps[1].map`) and what to fix. */
export interface FlowProblem {
  path: string;
  message: string;
}

function isProblem(value: unknown): value is FlowProblem {
  const p = value as FlowProblem | null;
  return typeof p?.path === 'string' && typeof p?.message === 'string';
}

/**
 * The problems of a refused save: a 400's `details` (every problem with its path), or
 * undefined when the failure is not about the definition (the caller shows its message).
 */
export function problemsOf(error: unknown): FlowProblem[] | undefined {
  if (!(error instanceof ApiError) || error.status !== 400) return undefined;
  const details = (error.body as { details?: unknown } | undefined)?.details;
  if (!Array.isArray(details) || details.length === 0) return undefined;
  const problems = details.filter(isProblem);
  return problems.length > 0 ? problems : undefined;
}

/** How the list and the tooltip name a problem's place. */
export function placeOf(path: string): string {
  return path === '' ? 'the definition' : path;
}

/** The server's problems as lint diagnostics, each at the node its path names in `text`. */
export function problemDiagnostics(text: string, problems: readonly FlowProblem[]): Diagnostic[] {
  return problems.map((problem) => {
    const range = problemRange(text, problem.path);
    const where = range.exact
      ? placeOf(problem.path)
      : `${placeOf(problem.path)} (missing: shown at ${placeOf(range.found)})`;
    return {
      from: range.from,
      to: range.to,
      severity: 'error',
      source: 'Flowhub',
      message: `${where}: ${problem.message}`,
    };
  });
}
