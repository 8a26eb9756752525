import { rejectionRows, type Stats } from './overview-data';

/** What catch URLs refused in the window, by reason (none of those requests ran). */
export function Rejections({ stats, phrase }: { stats: Stats; phrase: string }) {
  const rows = rejectionRows(stats);
  if (rows.length === 0) return <p className="muted">No request was rejected {phrase}.</p>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Reason</th>
            <th scope="col">Requests</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.reason}>
              <th scope="row" className="mono">
                {row.reason}
              </th>
              <td>{row.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
