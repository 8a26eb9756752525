import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Role } from '../../roles';
import { NO_FILTERS, type RunFilters } from '../useRuns';
import { BulkAction } from './BulkAction';

afterEach(() => {
  cleanup();
  sessionStorage.clear();
  vi.restoreAllMocks();
});

const ok = (data: unknown, status = 200) =>
  Promise.resolve({ data, response: new Response(null, { status }) });

let job = { status: 'queued', done: 0 };
const jobBody = () => ({
  id: 'job-1',
  action: 'replay',
  filter: { status: 'failed' },
  total: 12,
  failed: 0,
  skipped: 0,
  cancelRequested: false,
  failures: [],
  createdAt: '2026-12-03T10:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  ...job,
});

function renderWith(role: Role, filters: RunFilters = { ...NO_FILTERS, status: 'failed' }) {
  vi.spyOn(api, 'GET').mockImplementation(((path: string) =>
    path === '/api/v1/session'
      ? ok({ apiKey: { id: 'k', name: 'k', role } })
      : ok(jobBody())) as never);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <BulkAction filters={filters} flows={[]} />
    </QueryClientProvider>,
  );
}

describe('BulkAction', () => {
  beforeEach(() => {
    job = { status: 'queued', done: 0 };
    // happy-dom's <dialog> has no showModal in some versions
    HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
      this.open = true;
    };
  });

  it('is hidden from a viewer, shown to an operator', async () => {
    renderWith('viewer');
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByRole('button', { name: /all matching/ })).toBeNull();
    cleanup();
    renderWith('operator');
    expect(await screen.findAllByRole('button', { name: /all matching/ })).toHaveLength(2);
  });
});

/** The dry run counts 12; the job starts queued; a cancel answers cancelRequested. */
function mockPosts() {
  return vi.spyOn(api, 'POST').mockImplementation(((
    path: string,
    init: { body?: { dryRun?: boolean } },
  ) => {
    if (path === '/api/v1/runs/bulk' && init.body?.dryRun)
      return ok({ action: 'replay', count: 12, maxRuns: 100000, tooMany: false });
    if (path === '/api/v1/runs/bulk') return ok(jobBody(), 202);
    job = { status: 'running', done: 5 };
    return ok({ ...jobBody(), cancelRequested: true });
  }) as never);
}

describe('BulkAction for an operator', () => {
  beforeEach(() => {
    job = { status: 'queued', done: 0 };
  });

  it('counts first (a dry run with the filters), then starts the job and shows its progress', async () => {
    const post = mockPosts();
    renderWith('operator');
    await userEvent.click(await screen.findByRole('button', { name: 'Replay all matching…' }));
    expect(post).toHaveBeenCalledWith('/api/v1/runs/bulk', {
      body: { action: 'replay', filter: { status: 'failed' }, dryRun: true },
    });
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByText('Filters: status failed')).toBeTruthy();
    expect(await within(dialog).findByText(/^12 runs match\./)).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Replay them' }));
    expect(post).toHaveBeenCalledWith('/api/v1/runs/bulk', {
      body: { action: 'replay', filter: { status: 'failed' } },
    });
    expect(await screen.findByText('Waiting for a worker: 0 of 12 replayed')).toBeTruthy();
    expect(sessionStorage.getItem('flowhub.bulkJob')).toBe('job-1');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel job' }));
    expect(post).toHaveBeenLastCalledWith('/api/v1/runs/bulk/{jobId}/cancel', {
      params: { path: { jobId: 'job-1' } },
    });
    expect(await screen.findByText(/^Stopping after the current batch/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Cancel job' })).toBeNull();
  });

  it('shows the server’s refusal and never starts on a count of 0', async () => {
    vi.spyOn(api, 'POST').mockImplementation((() =>
      ok({ action: 'cancel', count: 0, maxRuns: 100000, tooMany: false })) as never);
    renderWith('admin');
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel all matching…' }));
    const dialog = screen.getByRole('dialog');
    expect(await within(dialog).findByText(/nothing to cancel/)).toBeTruthy();
    const confirm = within(dialog).getByRole('button', {
      name: 'Cancel them',
    }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
  });
});

describe('BulkAction after a reload', () => {
  it('shows the job it was following, until dismissed', async () => {
    job = { status: 'succeeded', done: 12 };
    sessionStorage.setItem('flowhub.bulkJob', 'job-1');
    renderWith('operator');
    expect(await screen.findByText('Finished: 12 of 12 replayed')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/of 12 replayed/)).toBeNull();
    expect(sessionStorage.getItem('flowhub.bulkJob')).toBeNull();
  });
});

describe('BulkAction refused', () => {
  it('shows the message of a refused dry run', async () => {
    vi.spyOn(api, 'POST').mockImplementation((() =>
      Promise.resolve({
        error: { message: 'filter.match: a match is path=value' },
        response: new Response(null, { status: 400 }),
      })) as never);
    renderWith('operator', { ...NO_FILTERS, match: 'nope' });
    await userEvent.click(await screen.findByRole('button', { name: 'Replay all matching…' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'filter.match: a match is path=value',
    );
  });
});
