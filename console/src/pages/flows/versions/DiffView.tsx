import { useMemo } from 'react';
import { diffLines, diffStats, withContext, type DiffLine, type Skipped } from './diff';

const SIGN = { same: ' ', added: '+', removed: '−' } as const;
const SPOKEN = { same: '', added: 'Added: ', removed: 'Removed: ' } as const;

function Line({ line }: { line: DiffLine | Skipped }) {
  if (line.kind === 'skipped') {
    return (
      <tr className="diff-skipped">
        <td colSpan={4}>
          … {line.count} unchanged line{line.count === 1 ? '' : 's'}
        </td>
      </tr>
    );
  }
  const Mark = line.kind === 'added' ? 'ins' : line.kind === 'removed' ? 'del' : 'span';
  return (
    <tr className={`diff-${line.kind}`}>
      <td className="diff-num">{line.oldLine ?? ''}</td>
      <td className="diff-num">{line.newLine ?? ''}</td>
      <td className="diff-sign" aria-hidden="true">
        {SIGN[line.kind]}
      </td>
      <td className="diff-text">
        <Mark>
          {SPOKEN[line.kind] && <span className="flows-sr-only">{SPOKEN[line.kind]}</span>}
          {line.text}
        </Mark>
      </td>
    </tr>
  );
}

/**
 * A line diff of two texts: removed lines marked − (struck through), added ones + (underlined),
 * each with its line numbers; long unchanged stretches are folded.
 */
export function DiffView({
  before,
  after,
  title,
}: {
  before: string;
  after: string;
  title: string;
}) {
  const lines = useMemo(() => diffLines(before, after), [before, after]);
  const stats = diffStats(lines);
  const shown = withContext(lines, 3);
  return (
    <>
      <p role="status">
        {stats.added === 0 && stats.removed === 0
          ? `${title}: no differences.`
          : `${title}: ${stats.added} line${stats.added === 1 ? '' : 's'} added (+), ${stats.removed} removed (−).`}
      </p>
      {shown.length > 0 && (
        <div className="table-wrap diff" tabIndex={0} role="region" aria-label={title}>
          <table className="diff-table">
            <thead>
              <tr>
                <th scope="col">Old</th>
                <th scope="col">New</th>
                <th scope="col">
                  <span className="flows-sr-only">Change</span>
                </th>
                <th scope="col">Line</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((line, i) => (
                <Line key={i} line={line} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
