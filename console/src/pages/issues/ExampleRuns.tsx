import { paths } from '../../routes';
import { linkTo } from '../../router';

/** Links to the newest runs an issue failed in (the API keeps at most five). */
export function ExampleRuns({ ids, compact = false }: { ids: string[]; compact?: boolean }) {
  if (ids.length === 0) return <span className="muted">none kept</span>;
  return (
    <ul className="issue-runs">
      {ids.map((id, index) => (
        <li key={id}>
          <a
            href={paths.run(id)}
            onClick={linkTo(paths.run(id))}
            className="mono"
            aria-label={`Run ${id}`}
          >
            {compact ? `run ${index + 1}` : id}
          </a>
        </li>
      ))}
    </ul>
  );
}
