import type { Attempt } from '../api/client';
import { durationBetween, formatDuration, formatTime } from '../format';

/** One bar per attempt, its width by its duration (the longest attempt is full width). */
export function AttemptTimeline({ history }: { history: Attempt[] }) {
  if (history.length === 0) return <p className="muted">No attempt yet.</p>;
  const durations = history.map((a) => durationBetween(a.startedAt, a.finishedAt) ?? 0);
  const longest = Math.max(1, ...durations);
  return (
    <ol className="timeline" aria-label="Attempts">
      {history.map((attempt, i) => (
        <li key={attempt.attempt} className={`attempt outcome-${attempt.outcome}`}>
          <span className="attempt-label">
            #{attempt.attempt} {attempt.outcome} · {formatDuration(durations[i])}
          </span>
          <span className="bar-track" title={`started ${formatTime(attempt.startedAt)}`}>
            <span
              className="bar"
              style={{ width: `${Math.max(2, (durations[i] / longest) * 100)}%` }}
            />
          </span>
          {attempt.error && <span className="attempt-error">{attempt.error}</span>}
        </li>
      ))}
    </ol>
  );
}
