import { useState } from 'react';
import { OpenIssues } from '../issues/OpenIssues';
import { ChartTable } from './ChartTable';
import { FailedRuns } from './FailedRuns';
import { FailedSteps } from './FailedSteps';
import { FailingFlows } from './FailingFlows';
import { runsSentence, WINDOWS, type Stats, type WindowId } from './overview-data';
import { Rejections } from './Rejections';
import { RunsChart } from './RunsChart';
import { Totals } from './Totals';
import { useFailedRuns, useFailingFlows, useStats } from './useOverview';
import { WindowPicker } from './WindowPicker';
import './overview.css';

function ErrorLine({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}

/** The window's stats: totals, the chart with its text alternative, failed steps, rejections. */
function WindowStats({ stats, phrase }: { stats: Stats; phrase: string }) {
  return (
    <>
      <Totals stats={stats} />
      <section aria-labelledby="runs-over-time">
        <h2 id="runs-over-time">Runs over time</h2>
        <p role="status" className="overview-summary">
          {runsSentence(stats.runs, phrase)}
        </p>
        <RunsChart series={stats.series} />
        <ChartTable stats={stats} />
      </section>
      <section aria-labelledby="failed-steps">
        <h2 id="failed-steps">Failed steps</h2>
        <FailedSteps stats={stats} phrase={phrase} />
      </section>
      <section aria-labelledby="rejections">
        <h2 id="rejections">Catch URL rejections by reason</h2>
        <Rejections stats={stats} phrase={phrase} />
      </section>
    </>
  );
}

/** The landing page: how flows are doing, refreshed every 10 seconds. */
export function OverviewPage() {
  const [span, setSpan] = useState<WindowId>('24h');
  const phrase = WINDOWS.find((w) => w.id === span)?.phrase ?? '';
  const stats = useStats(span);
  const failing = useFailingFlows();
  const failed = useFailedRuns();
  return (
    <section className="overview">
      <h1>Overview</h1>
      <p className="muted">Every flow, {phrase}; refreshed every 10 seconds.</p>
      <WindowPicker value={span} onChange={setSpan} />
      <ErrorLine message={stats.error?.message} />
      {stats.data ? (
        <WindowStats stats={stats.data} phrase={phrase} />
      ) : (
        !stats.error && <p className="loading">Loading…</p>
      )}
      <section aria-labelledby="failing-flows">
        <h2 id="failing-flows">Flows failing now</h2>
        <ErrorLine message={failing.error} />
        <FailingFlows flows={failing.flows} loaded={failing.loaded} />
      </section>
      <section aria-labelledby="open-issues">
        <h2 id="open-issues">Open issues</h2>
        <OpenIssues limit={5} />
      </section>
      <section aria-labelledby="failed-runs">
        <h2 id="failed-runs">Latest failed runs</h2>
        <ErrorLine message={failed.error?.message} />
        <FailedRuns runs={failed.data?.items ?? []} loaded={failed.data !== undefined} />
      </section>
    </section>
  );
}
