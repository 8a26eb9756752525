import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { StorageFacts } from '../StoragePanel';
import { age, every, retentionText, type Storage } from './storage-facts';

afterEach(cleanup);

const NOW = Date.parse('2026-12-03T12:00:00Z');
const storage = (retention: Partial<Storage['retention']> = {}): Storage => ({
  oldestRequestAt: '2026-11-30T11:00:00.000Z',
  oldestRunAt: null,
  retention: {
    days: 30,
    keepFailedDays: 30,
    source: 'global',
    pruneIntervalMs: 600_000,
    ...retention,
  },
});

describe('storage facts', () => {
  it('says how often pruning runs', () => {
    expect(every(600_000)).toBe('10 minutes');
    expect(every(60_000)).toBe('minute');
    expect(every(7_200_000)).toBe('2 hours');
    expect(every(90_000)).toBe('90 seconds');
  });

  it('says how old the oldest kept record is, in whole days', () => {
    expect(age('2026-11-30T11:00:00Z', NOW)).toBe('3 days ago');
    expect(age('2026-12-02T11:00:00Z', NOW)).toBe('1 day ago');
    expect(age('2026-12-03T11:00:00Z', NOW)).toBe('less than a day ago');
    expect(age(null, NOW)).toBeUndefined();
  });

  it("names where the retention comes from: the flow's field or the server's default", () => {
    expect(retentionText(storage())).toEqual({
      kept: '30 days',
      failed: '30 days (as the others)',
      source: "the server's default (FLOWHUB_RETENTION_DAYS)",
    });
    expect(retentionText(storage({ days: 1, keepFailedDays: 14, source: 'flow' }))).toEqual({
      kept: '1 day',
      failed: '14 days',
      source: "set by this flow's retention field",
    });
  });
});

describe('StorageFacts', () => {
  it('shows the retention and the oldest kept records; none kept says so', () => {
    render(<StorageFacts storage={storage({ source: 'flow', days: 7 })} role="viewer" now={NOW} />);
    expect(screen.getByText('Kept for').nextElementSibling?.textContent).toBe(
      "7 days · set by this flow's retention field",
    );
    expect(screen.getByText('Oldest kept run').nextElementSibling?.textContent).toBe('none kept');
    expect(screen.getByText('Oldest kept request').nextElementSibling?.textContent).toContain(
      '3 days ago',
    );
    expect(screen.getByText(/every 10 minutes, oldest first/)).toBeTruthy();
  });

  it('tells only an admin (who may edit the definition) how to change it', () => {
    render(<StorageFacts storage={storage()} role="operator" now={NOW} />);
    expect(screen.queryByText(/To change it/)).toBeNull();
    cleanup();
    render(<StorageFacts storage={storage()} role="admin" now={NOW} />);
    expect(screen.getByText(/To change it/)).toBeTruthy();
  });
});
