import { formatDuration } from '../../format';
import type { Stats } from './overview-data';

function Figure({ label, value, tone }: { label: string; value: string | number; tone?: string }) {
  return (
    <div className={`overview-figure${tone ? ` overview-${tone}` : ''}`}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

const ms = (value: number | null) => (value === null ? '—' : formatDuration(value));

/** The window's totals: requests, runs by status, and run durations. */
export function Totals({ stats }: { stats: Stats }) {
  const { requests, runs, openRuns, durationMs } = stats;
  const open = openRuns.queued + openRuns.running + openRuns.held;
  return (
    <dl className="overview-figures">
      <Figure label="Requests received" value={requests.received} />
      <Figure label="Accepted" value={requests.accepted} />
      <Figure label="Rejected" value={requests.rejected} tone={requests.rejected ? 'bad' : ''} />
      <Figure label="Duplicates" value={requests.duplicates} />
      <Figure label="Succeeded" value={runs.succeeded} tone="ok" />
      <Figure label="Failed" value={runs.failed} tone={runs.failed ? 'bad' : ''} />
      <Figure label="Not finished" value={open} />
      <Figure label="Run time p50" value={ms(durationMs.p50)} />
      <Figure label="Run time p95" value={ms(durationMs.p95)} />
    </dl>
  );
}
