import { bucketLabel, busyBuckets, CHART_STATUSES, type Stats } from './overview-data';

/** The chart as a table: each bucket with a finished run (empty buckets are left out). */
export function ChartTable({ stats }: { stats: Stats }) {
  const rows = busyBuckets(stats.series);
  return (
    <details className="overview-table">
      <summary>
        The chart as a table ({rows.length} of {stats.series.length} buckets had runs)
      </summary>
      {rows.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="muted">
              Runs finished per {bucketName(stats.bucketSeconds)}, by status
            </caption>
            <thead>
              <tr>
                <th scope="col">From</th>
                {CHART_STATUSES.map((status) => (
                  <th scope="col" key={status}>
                    {status}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((point) => (
                <tr key={point.at}>
                  <th scope="row">{bucketLabel(point.at, stats.bucketSeconds)}</th>
                  {CHART_STATUSES.map((status) => (
                    <td key={status}>{point[status]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}

function bucketName(seconds: number): string {
  if (seconds === 60) return 'minute';
  if (seconds === 3600) return 'hour';
  if (seconds === 86400) return 'day';
  return `${seconds / 3600} hours`;
}
