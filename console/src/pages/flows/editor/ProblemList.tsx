import { placeOf, type FlowProblem } from './problems';
import type { SyntaxProblem } from './json-syntax';

interface Props {
  /** A JSON syntax problem found before sending (nothing was sent). */
  syntax?: SyntaxProblem;
  /** The server's problems with the last save. */
  problems: readonly FlowProblem[];
  /** Moves the editor's cursor to a problem. */
  goTo(target: { path: string } | { from: number; to: number }): void;
}

/**
 * The problems under the editor, each a button that moves the cursor to its place (the same
 * problems are marked in the editor, with a tooltip and a gutter sign).
 */
export function ProblemList({ syntax, problems, goTo }: Props) {
  if (!syntax && problems.length === 0) return null;
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return (
    <div className="problems" role="alert">
      <p>
        {syntax
          ? 'Not sent: the definition is not valid JSON.'
          : `Not saved: Flowhub found ${count} in the definition.`}{' '}
        Each is marked in the editor; choose one to go to it.
      </p>
      <ul className="problem-list">
        {syntax && (
          <li>
            <button type="button" className="problem-place" onClick={() => goTo(syntax)}>
              JSON syntax
            </button>{' '}
            <span>{syntax.message}</span>
          </li>
        )}
        {problems.map((problem, i) => (
          <li key={`${i}:${problem.path}`}>
            <button
              type="button"
              className="problem-place mono"
              aria-describedby={`problem-${i}`}
              onClick={() => goTo({ path: problem.path })}
            >
              {placeOf(problem.path)}
            </button>{' '}
            <span id={`problem-${i}`}>{problem.message}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
