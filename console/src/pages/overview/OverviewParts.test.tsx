import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { ChartTable } from './ChartTable';
import { FailingFlows } from './FailingFlows';
import type { Stats } from './overview-data';
import { Rejections } from './Rejections';

afterEach(cleanup);

const STATS = {
  bucketSeconds: 3600,
  series: [
    { at: '2026-12-03T08:00:00.000Z', succeeded: 0, failed: 0, filtered: 0, cancelled: 0 },
    { at: '2026-12-03T09:00:00.000Z', succeeded: 3, failed: 2, filtered: 0, cancelled: 1 },
  ],
  rejectedByReason: {},
} as unknown as Stats;

describe('ChartTable', () => {
  it('lists the numbers of each bucket that had runs, with headers a reader can follow', () => {
    render(<ChartTable stats={STATS} />);
    expect(screen.getByText('The chart as a table (1 of 2 buckets had runs)')).toBeTruthy();
    const rows = screen.getAllByRole('row', { hidden: true });
    expect(rows).toHaveLength(2);
    const cells = within(rows[1]).getAllByRole('cell', { hidden: true });
    expect(cells.map((c) => c.textContent)).toEqual(['3', '2', '0', '1']);
    expect(screen.getAllByRole('columnheader', { hidden: true }).map((h) => h.textContent)).toEqual(
      ['From', 'succeeded', 'failed', 'filtered', 'cancelled'],
    );
  });
});

describe('FailingFlows', () => {
  it('links each failing flow, its runs and its latest failed run', () => {
    render(
      <FailingFlows
        loaded
        flows={[
          {
            flowId: 'f1',
            name: 'Orders',
            runs: 4,
            failed: 3,
            failureRate: 0.75,
            lastFailedRun: { id: 'r9', createdAt: '2026-12-03T09:00:00.000Z' },
          },
        ]}
      />,
    );
    expect(screen.getByRole('link', { name: 'Orders' }).getAttribute('href')).toBe('/flows/f1');
    expect(screen.getByRole('link', { name: 'Runs of Orders' }).getAttribute('href')).toBe(
      '/runs?flowId=f1',
    );
    const row = screen.getAllByRole('row')[1];
    expect(within(row).getByText('3 of 4')).toBeTruthy();
    expect(within(row).getByText('75%')).toBeTruthy();
    const links = within(row).getAllByRole('link');
    expect(links.at(-1)!.getAttribute('href')).toBe('/runs/r9');
  });

  it('says so when no flow is failing', () => {
    render(<FailingFlows loaded flows={[]} />);
    expect(screen.getByText(/No flow is failing/)).toBeTruthy();
  });
});

describe('Rejections', () => {
  it('shows each reason with its count, or that none were rejected', () => {
    render(
      <Rejections
        stats={{ ...STATS, rejectedByReason: { 'bad-signature': 2, 'missing-header': 1 } }}
        phrase="in the last hour"
      />,
    );
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual(['bad-signature2', 'missing-header1']);
    cleanup();
    render(<Rejections stats={STATS} phrase="in the last hour" />);
    expect(screen.getByText('No request was rejected in the last hour.')).toBeTruthy();
  });
});
